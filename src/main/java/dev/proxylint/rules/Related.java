package dev.proxylint.rules;

import dev.proxylint.source.SharedText;
import dev.proxylint.source.Span;

/** A place that explains a finding, e.g. the outer header an inner block dropped. */
public record Related(Span span, String message) {
    public Related {
        message = SharedText.of(message);
    }
}
