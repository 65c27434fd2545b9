package dev.proxylint.rules.sec;

import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.Tree;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The configuration sections of one server level ({@code <Location>}, {@code <Directory>}, ...)
 * in file order, found through conditional and other non-section blocks ({@code <IfModule>},
 * {@code <If>}); sections inside the sections asked for are not descended into.
 */
final class ApacheSections {
    private static final Set<String> SECTIONS = Set.of("location", "locationmatch", "directory", "directorymatch",
            "files", "filesmatch", "proxy", "proxymatch");

    private ApacheSections() {
    }

    /**
     * The sections named (lower case, e.g. {@code location}) among {@code items}; with
     * {@code mainOnly} the {@code <VirtualHost>} blocks are skipped (the main server's own sections).
     */
    static List<Directive> of(List<Node> items, boolean mainOnly, Set<String> names) {
        List<Directive> out = new ArrayList<>();
        List<List<Directive>> stack = new ArrayList<>();
        List<Integer> pos = new ArrayList<>();
        stack.add(Tree.effective(items));
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
            Directive d = list.get(i);
            Work.tick();
            if (!d.hasBlock() || (mainOnly && d.is("VirtualHost"))) {
                continue;
            }
            String n = d.name().toLowerCase(java.util.Locale.ROOT);
            if (names.contains(n)) {
                out.add(d);
            } else if (!SECTIONS.contains(n)) {
                stack.add(Tree.effective(d.children()));
                pos.add(0);
            }
        }
        return out;
    }
}
