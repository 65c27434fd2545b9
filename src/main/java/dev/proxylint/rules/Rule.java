package dev.proxylint.rules;

import dev.proxylint.syntax.Dialect;
import java.util.Set;

/**
 * A check. Its id names its doc {@code rules/<ID>.md} (level, texts); {@link #check} reads the
 * resolved config (or the models and facts derived from it) and reports findings through the
 * context. Rules are stateless and may run on several configs at once.
 */
public interface Rule {
    /** Ids this rule reports (most rules report one). */
    Set<String> ids();

    Set<Dialect> dialects();

    void check(RuleContext ctx);
}
