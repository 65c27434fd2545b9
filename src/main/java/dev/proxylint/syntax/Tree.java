package dev.proxylint.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Walking the resolved tree the way the server reads it. */
public final class Tree {
    private Tree() {
    }

    /**
     * The directives of a block in server order: comments skipped, and every directive that has an
     * {@link Directive#expansion() expansion} (include, conditional section, macro use) replaced by
     * the directives of that expansion, recursively. Block directives are returned themselves; their
     * children are not descended into.
     */
    public static List<Directive> effective(List<Node> items) {
        ArrayList<Directive> out = new ArrayList<>(items.size());
        flatten(items, out, 0);
        return out;
    }

    private static void flatten(List<Node> items, ArrayList<Directive> out, int depth) {
        if (depth > 256) {
            return; // resolvers bound nesting well below this; belt and braces against cycles
        }
        if (!(items instanceof java.util.RandomAccess)) {
            items = new ArrayList<>(items);
        }
        // indexed: an iterator per block (C1 does not elide it) adds up on a fleet
        for (int i = 0, n = items.size(); i < n; i++) {
            Work.tick();
            if (items.get(i) instanceof Directive d) {
                if (d.expansion() != null) {
                    flatten(d.expansion(), out, depth + 1);
                } else {
                    out.add(d);
                }
            }
        }
    }

    /** Every effective directive at any depth, parents before children, in server order. */
    public static void walk(List<Node> items, Consumer<Directive> visitor) {
        preorder(effective(items), d -> {
            visitor.accept(d);
            return d.hasBlock() ? effective(d.children()) : null;
        });
    }

    /**
     * A depth-first walk from {@code roots}, parents before children: {@code visit} is called on
     * each directive and returns the directives to walk next, before the next sibling (its own
     * children, a scope's, ...), or null for none. An explicit stack: configs nest deeply and must
     * never overflow the Java stack.
     */
    public static void preorder(List<Directive> roots, Function<Directive, List<Directive>> visit) {
        ArrayList<List<Directive>> stack = new ArrayList<>();
        ArrayList<Integer> pos = new ArrayList<>();
        stack.add(roots);
        pos.add(0);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            List<Directive> list = stack.get(top);
            int i = pos.get(top);
            if (i >= list.size()) {
                stack.remove(top);
                pos.remove(top);
                continue;
            }
            pos.set(top, i + 1);
            List<Directive> next = visit.apply(list.get(i));
            if (next != null && !next.isEmpty()) {
                stack.add(next);
                pos.add(0);
            }
        }
    }
}
