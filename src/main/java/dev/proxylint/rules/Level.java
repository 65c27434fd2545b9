package dev.proxylint.rules;

import java.util.Locale;

/** Severity of a finding, in increasing order. */
public enum Level {
    NOTE, WARNING, ERROR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Level parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
