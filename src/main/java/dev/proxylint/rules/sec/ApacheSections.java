package dev.proxylint.rules.sec;

import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.Tree;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        Tree.preorder(Tree.effective(items), d -> {
            Work.tick();
            if (!d.hasBlock() || (mainOnly && d.is("VirtualHost"))) {
                return null;
            }
            String n = d.name().toLowerCase(Locale.ROOT);
            if (names.contains(n)) {
                out.add(d);
                return null;
            }
            return SECTIONS.contains(n) ? null : Tree.effective(d.children());
        });
        return out;
    }
}
