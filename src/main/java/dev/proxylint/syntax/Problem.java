package dev.proxylint.syntax;

import dev.proxylint.source.Span;
import java.util.List;

/**
 * Something the front end could not read or resolve as the server would: a syntax error
 * ({@code SYN…}) or a resolution problem ({@code CFG…}). The engine turns each into a finding of
 * the rule named by {@link #ruleId()}.
 */
public record Problem(String ruleId, Span span, String message, List<Span> related) {
    public Problem(String ruleId, Span span, String message) {
        this(ruleId, span, message, List.of());
    }
}
