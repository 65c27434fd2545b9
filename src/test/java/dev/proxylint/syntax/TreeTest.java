package dev.proxylint.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxylint.nginx.NginxFrontend;
import dev.proxylint.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreeTest {
    private static final String CONF = "a { b { c; } d; } e { f; } g;";

    private static List<Node> items() {
        return new NginxFrontend().parse(SourceFile.of("t.conf", CONF)).items();
    }

    @Test
    void walkVisitsParentsBeforeChildrenInFileOrder() {
        List<String> seen = new ArrayList<>();
        Tree.walk(items(), d -> seen.add(d.name()));
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g"), seen);
    }

    @Test
    void preorderDescendsOnlyWhereTheVisitorSays() {
        List<String> seen = new ArrayList<>();
        Tree.preorder(Tree.effective(items()), d -> {
            seen.add(d.name());
            return d.is("a") ? Tree.effective(d.children()) : null; // into a, not into b or e
        });
        assertEquals(List.of("a", "b", "d", "e", "g"), seen);
    }
}
