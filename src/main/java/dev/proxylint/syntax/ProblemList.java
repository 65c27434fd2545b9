package dev.proxylint.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * The syntax problems of one file, capped: the first {@link #MAX} are kept, the rest are counted and
 * summed up in one last problem. A file of a million stray braces costs a counter, not a million
 * findings (nginx itself stops at the first error).
 */
public final class ProblemList extends ArrayList<Problem> {
    /** Syntax problems kept per file. */
    public static final int MAX = 100;

    private int dropped;
    private Problem firstDropped;

    @Override
    public boolean add(Problem p) {
        if (size() >= MAX) {
            if (dropped++ == 0) {
                firstDropped = p;
            }
            return false;
        }
        return super.add(p);
    }

    /** How many problems were counted but not kept. */
    public int dropped() {
        return dropped;
    }

    /** The kept problems, plus one that says how many more there were, at the first one not kept. */
    public List<Problem> result() {
        if (dropped == 0) {
            return List.copyOf(this);
        }
        List<Problem> out = new ArrayList<>(this);
        out.add(new Problem(firstDropped.ruleId(), firstDropped.span(), dropped + " more syntax problem(s) in this"
                + " file are not listed (the first " + MAX + " are); fix those first"));
        return List.copyOf(out);
    }
}
