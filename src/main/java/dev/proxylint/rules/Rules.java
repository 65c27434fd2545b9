package dev.proxylint.rules;

import java.util.List;

/** Every rule proxylint runs (syntax and resolution problems come from the front ends). */
public final class Rules {
    private Rules() {
    }

    public static List<Rule> all() {
        return List.of();
    }
}
