package dev.proxylint.rules;

import dev.proxylint.source.SharedText;
import dev.proxylint.source.Span;
import java.util.Comparator;
import java.util.List;

/**
 * One reported problem. The message's first sentence stands alone (it is what concise output and
 * SARIF's short text show).
 */
public record Finding(String ruleId, Level level, String message, Span span, List<Related> related, Fix fix) {

    public Finding {
        message = SharedText.of(message);
    }

    public Finding(String ruleId, Level level, String message, Span span) {
        this(ruleId, level, message, span, List.of(), null);
    }

    public Finding withLevel(Level l) {
        return new Finding(ruleId, l, message, span, related, fix);
    }

    /** Deterministic output order: file, line, column, rule, message. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.span().file().name())
            .thenComparingInt(f -> f.span().start())
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::message);
}
