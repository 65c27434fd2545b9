package dev.proxylint.apache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Comment;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.FileLoader;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.Problem;
import dev.proxylint.syntax.Quote;
import dev.proxylint.syntax.Resolved;
import dev.proxylint.syntax.ResolveOptions;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Assertions;

class ApacheParserProperties {
    private static final ApacheFrontend FE = new ApacheFrontend();
    private static final SourceFile GEN = SourceFile.of("generated", "");

    /** A generated tree node: a comment (name null, text in values[0]) or a directive/section. */
    record G(String name, List<String> values, List<G> kids, boolean section) {
    }

    // ---- (1) print and re-parse gives the same tree --------------------------------------------

    @Property(tries = 300)
    void printedTreesReparseToTheSameTree(@ForAll("trees") List<G> tree) {
        List<Node> nodes = build(tree);
        String text = ApachePrinter.print(nodes);
        ParsedFile pf = FE.parse(SourceFile.of("printed.conf", text));
        assertEquals(List.of(), pf.problems(), text);
        assertEquals(describe(tree), describeNodes(pf.items()), text);
    }

    @Provide
    Arbitrary<List<G>> trees() {
        return level(3).list().ofMaxSize(6);
    }

    private Arbitrary<G> level(int depth) {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab/:*.-_=%{}$[]").ofMinLength(1).ofMaxLength(8),
                Arbitraries.strings().withChars("a \t\"'\\#>!é😀").ofMaxLength(8),
                Arbitraries.of("\"", "'", "\\", "\\\\", "", " ", "#x", "a\"b", "'q'", "x\\"));
        Arbitrary<List<String>> values = value.list().ofMaxSize(4);
        Arbitrary<G> directive = Combinators.combine(
                Arbitraries.of("ServerName", "ProxyPass", "Header", "Require", "RewriteRule", "servername",
                        "X-Custom", "Alias"), values)
                .as((n, v) -> new G(n, rewritable(n, v), List.of(), false));
        Arbitrary<G> comment = Arbitraries.strings().withChars("abc #\"'<>\\ ").ofMaxLength(12)
                .map(s -> new G(null, List.of("# " + s.replaceAll("\\\\+$", "")), List.of(), false));
        if (depth == 0) {
            return Arbitraries.frequencyOf(Tuple.of(5, directive), Tuple.of(1, comment));
        }
        Arbitrary<G> section = Combinators.combine(
                Arbitraries.of("VirtualHost", "Location", "Directory", "IfModule", "Proxy", "files"),
                values, level(depth - 1).list().ofMaxSize(4))
                .as((n, v, k) -> new G(n, v, k, true));
        return Arbitraries.frequencyOf(Tuple.of(5, directive), Tuple.of(1, comment), Tuple.of(2, section));
    }

    /** mod_rewrite has no escapes: values holding blanks and both quote kinds cannot be written. */
    private static List<String> rewritable(String name, List<String> v) {
        if (!name.equalsIgnoreCase("RewriteRule")) {
            return v;
        }
        List<String> out = new ArrayList<>();
        for (String s : v) {
            boolean blank = s.isEmpty() || s.chars().anyMatch(c -> c == ' ' || c == '\t') || s.startsWith("\"")
                    || s.startsWith("'") || s.endsWith("\\");
            out.add(blank && s.contains("\"") && s.contains("'") ? s.replace("'", "") : s);
        }
        return out;
    }

    private static List<Node> build(List<G> gs) {
        List<Node> out = new ArrayList<>();
        // explicit stack of (generated list, output list)
        record W(List<G> in, List<Node> out) {
        }
        ArrayList<W> stack = new ArrayList<>();
        stack.add(new W(gs, out));
        while (!stack.isEmpty()) {
            W w = stack.remove(stack.size() - 1);
            for (G g : w.in()) {
                if (g.name() == null) {
                    SourceFile f = SourceFile.of("c", g.values().get(0));
                    w.out().add(new Comment(f, 0, f.text().length()));
                    continue;
                }
                List<Arg> args = new ArrayList<>();
                for (String v : g.values()) {
                    args.add(new Arg(GEN, 0, 0, v, Quote.NONE));
                }
                Directive d = new Directive(Dialect.APACHE, GEN, g.name(), 0, 0, 0, args);
                if (g.section()) {
                    List<Node> kids = new ArrayList<>();
                    d.setBlock(kids, -1, -1);
                    stack.add(new W(g.kids(), kids));
                }
                w.out().add(d);
            }
        }
        return out;
    }

    private static String describe(List<G> gs) {
        StringBuilder sb = new StringBuilder();
        for (G g : gs) {
            if (g.name() == null) {
                sb.append("#[").append(g.values().get(0).trim()).append("]");
            } else {
                sb.append(g.section() ? "<" : "").append(g.name().toLowerCase(Locale.ROOT)).append(g.values());
                if (g.section()) {
                    sb.append("{").append(describe(g.kids())).append("}");
                }
            }
            sb.append(';');
        }
        return sb.toString();
    }

    private static String describeNodes(List<Node> ns) {
        StringBuilder sb = new StringBuilder();
        for (Node n : ns) {
            if (n instanceof Comment c) {
                sb.append("#[").append(c.text().trim()).append("]");
            } else {
                Directive d = (Directive) n;
                sb.append(d.hasBlock() ? "<" : "").append(d.name().toLowerCase(Locale.ROOT)).append(d.values());
                if (d.hasBlock()) {
                    sb.append("{").append(describeNodes(d.children())).append("}");
                }
            }
            sb.append(';');
        }
        return sb.toString();
    }

    // ---- (2) random and mutated input never throws, always finishes, spans are valid ----------

    private static final String SEED = "ServerRoot /nonexistent-proxylint\nDefine A \"x y\"\n<VirtualHost *:443>\n"
            + "  ServerName ${A} # c\n  <Location \"/a b\">\n    RewriteRule ^/x\\ y$ /z [L]\n  </Location>\n"
            + "  Header set X 'q\\'r' \\\n   more\n</VirtualHost>\n<Macro M $p>\nAlias $p @p\n</Macro>\nUse M /u\n"
            + "<IfModule !mod_x.c>\n<IfDefine A>\nX\n</IfDefine>\n</IfModule>\n# end\n";

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<Character> nasty = Arbitraries.of('\\', '\n', '\r', '"', '\'', '<', '>', '/', '#', '$', '{', '}',
                ' ', '\t', '\0', 'é', '\uD83D', '\uDE00', '\uFEFF', 'a', '@');
        Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, SEED.length()),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 20))
                .as((at, kind, len) -> new int[] {at, kind, len});
        return Combinators.combine(edit.list().ofMaxSize(8), nasty.list().ofMaxSize(8)).as((edits, chars) -> {
            StringBuilder sb = new StringBuilder(SEED);
            int c = 0;
            for (int[] e : edits) {
                int at = Math.min(e[0], sb.length());
                switch (e[1]) {
                    case 0 -> sb.delete(at, Math.min(sb.length(), at + e[2]));
                    case 1 -> sb.insert(at, chars.isEmpty() ? 'x' : chars.get(c++ % chars.size()));
                    case 2 -> sb.insert(at, sb.substring(at, Math.min(sb.length(), at + e[2])));
                    default -> {
                        for (char ch : chars) {
                            sb.insert(at, ch);
                        }
                    }
                }
            }
            return sb.toString();
        });
    }

    @Property(tries = 400)
    void mutatedInputNeverThrows(@ForAll("mutated") String text) {
        check(text);
    }

    @Property(tries = 300)
    void randomInputNeverThrows(@ForAll("randomText") String text) {
        check(text);
    }

    @Provide
    Arbitrary<String> randomText() {
        return Arbitraries.strings().withChars("<>/\\\"' \t\n\r#${}abcIfModule!@%:0").ofMaxLength(200);
    }

    private static final FileLoader NO_FILES = (p, d) -> {
        throw new NoSuchFileException(p.toString());
    };

    private static void check(String text) {
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            SourceFile f = SourceFile.of("fuzz.conf", text);
            ParsedFile pf = FE.parse(f);
            List<Problem> all = new ArrayList<>(pf.problems());
            // no Include is followed for real: serverRoot points nowhere and the loader has no files
            if (!text.toLowerCase(Locale.ROOT).contains("include")) {
                Resolved r = FE.resolve(pf, new ResolveOptions(null, Path.of("/nonexistent-proxylint"),
                        Map.of("B", "1"), Set.of(), false, "2.4.57", null), NO_FILES);
                all.addAll(r.problems());
                ApachePrinter.print(r.items());
            }
            for (Problem p : all) {
                assertTrue(p.span().start() <= p.span().end());
                if (p.span().file() == f) {
                    assertTrue(p.span().end() <= text.length(), p.toString());
                    assertTrue(p.span().startLine() >= 1 && p.span().startColumn() >= 1);
                }
            }
            checkSpans(pf.items(), text.length());
            ApachePrinter.print(pf.items());
        });
    }

    private static void checkSpans(List<Node> items, int len) {
        ArrayList<List<Node>> stack = new ArrayList<>();
        stack.add(items);
        while (!stack.isEmpty()) {
            for (Node n : stack.remove(stack.size() - 1)) {
                assertTrue(n.span().start() <= n.span().end() && n.span().end() <= len, n.toString());
                if (n instanceof Directive d) {
                    for (Arg a : d.args()) {
                        assertTrue(a.start() >= d.start() && a.end() <= d.end(), d + " / " + a.raw());
                    }
                    stack.add(d.children());
                }
            }
        }
    }
}
