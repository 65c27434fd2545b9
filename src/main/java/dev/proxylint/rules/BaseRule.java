package dev.proxylint.rules;

import dev.proxylint.syntax.Dialect;
import java.util.Set;

/**
 * A {@link Rule} whose ids and dialects are fixed: the class names them once in its constructor
 * and implements only {@link #check}. A rule whose ids are computed implements {@link Rule} itself.
 */
public abstract class BaseRule implements Rule {
    private final Set<Dialect> dialects;
    private final Set<String> ids;

    /** A rule of one dialect. */
    protected BaseRule(Dialect dialect, String... ids) {
        this(Set.of(dialect), ids);
    }

    /** A rule of the given dialects. */
    protected BaseRule(Set<Dialect> dialects, String... ids) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("a rule reports at least one id");
        }
        this.dialects = Set.copyOf(dialects);
        this.ids = Set.of(ids);
    }

    @Override
    public final Set<String> ids() {
        return ids;
    }

    @Override
    public final Set<Dialect> dialects() {
        return dialects;
    }
}
