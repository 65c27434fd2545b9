package dev.proxylint.nginx;

import static dev.proxylint.nginx.NginxTestSupport.assertValidSpans;
import static dev.proxylint.nginx.NginxTestSupport.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.Quote;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class NginxParserProperties {
    private static final NginxFrontend FE = new NginxFrontend();
    private static final SourceFile NOWHERE = SourceFile.of("generated", "");

    /** A generated directive: name, argument values with quoting, optional children. */
    record Gen(String name, List<String> values, List<Quote> quotes, List<Gen> children) {
    }

    @Provide
    Arbitrary<List<Gen>> trees() {
        return level(3).list().ofMaxSize(5);
    }

    private Arbitrary<Gen> level(int depth) {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of("server", "location", "proxy_pass", "listen", "if", "set", "add_header", "map"),
                Arbitraries.strings().withCharRange('a', 'z').withChars('_', '$', '#', '"', '\'').ofMinLength(1).ofMaxLength(8));
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("80", "$host", "${host}x", "http://b", "a#b", "\"", "'", "{", "}", ";", "", " ",
                        "a\\b", "\\", "\\\"", "tab\there", "line\nbreak", "\u00e9\uD83D\uDE00", "($a", ")", "=", "~*"),
                Arbitraries.strings().ofMaxLength(10)
                        .withChars('a', 'Z', '0', ' ', '\t', '\n', ';', '{', '}', '"', '\'', '#', '\\', '$', '(', ')', '\u00fc'));
        Arbitrary<List<Tuple.Tuple2<String, Quote>>> args = Combinators.combine(values, Arbitraries.of(Quote.class))
                .as(Tuple::of).list().ofMaxSize(4);
        Arbitrary<List<Gen>> kids = depth == 0 ? Arbitraries.just(null)
                : Arbitraries.oneOf(Arbitraries.just(null), level(depth - 1).list().ofMaxSize(3));
        return Combinators.combine(names, args, kids).as((n, a, k) -> new Gen(n,
                a.stream().map(Tuple.Tuple2::get1).toList(), a.stream().map(Tuple.Tuple2::get2).toList(), k));
    }

    private static List<Node> build(List<Gen> gens) {
        List<Node> out = new ArrayList<>();
        for (Gen g : gens) {
            List<Arg> args = new ArrayList<>();
            for (int i = 0; i < g.values().size(); i++) {
                args.add(new Arg(NOWHERE, 0, 0, g.values().get(i), g.quotes().get(i)));
            }
            Directive d = new Directive(Dialect.NGINX, NOWHERE, g.name(), 0, 0, 0, args);
            if (g.children() != null) {
                d.setBlock(build(g.children()), 0, 0);
            }
            out.add(d);
        }
        return out;
    }

    private static String expected(List<Gen> gens) {
        StringBuilder sb = new StringBuilder();
        for (Gen g : gens) {
            sb.append("<").append(g.name()).append(">");
            for (String v : g.values()) {
                sb.append("(").append(v).append(")");
            }
            if (g.children() != null) {
                sb.append("{").append(expected(g.children())).append("}");
            } else {
                sb.append(";");
            }
        }
        return sb.toString();
    }

    @Property(tries = 300)
    void generatedTreesPrintAndReparseToTheSameTree(@ForAll("trees") List<Gen> gens) {
        List<Node> tree = build(gens);
        String text = NginxPrinter.print(tree);
        ParsedFile pf = FE.parse(SourceFile.of("printed.conf", text));
        assertTrue(pf.problems().isEmpty(), () -> pf.problems() + "\n" + text);
        assertEquals(expected(gens), shape(pf.items()), text);
        // printing is stable
        assertEquals(text, NginxPrinter.print(pf.items()));
    }

    private static final String[] SEEDS = {
        "user www-data;\nhttp {\n    server {\n        listen 443 ssl;\n        server_name \"a b\" 'c';\n"
                + "        location ~ ^/x/(.*)$ { proxy_pass http://u/$1; } # c\n    }\n}\n",
        "map $http_upgrade $c {\n  default upgrade;\n  '' close;\n}\nset $a ${b}c;\nif ($host = \"x\") { return 204; }\n",
        "content_by_lua_block {\n  local t = { \"}\" } -- }\n}\nenv a#b;\nlog_format x 'a\\'b' \"c\\\"d\";\n",
    };

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<Character> chars = Arbitraries.of('"', '\'', '{', '}', '#', '\\', ';', '$', '\n', '\r', ' ', '\0',
                '\u00e9', '\uD83D', 'a', '[', ']', '-');
        Arbitrary<int[]> edits = Arbitraries.integers().between(0, 10_000).array(int[].class).ofMinSize(1).ofMaxSize(30);
        return Combinators.combine(Arbitraries.of(SEEDS), edits, chars.list().ofSize(30))
                .as((seed, ops, cs) -> {
                    StringBuilder sb = new StringBuilder(seed);
                    for (int i = 0; i < ops.length; i++) {
                        int pos = sb.length() == 0 ? 0 : ops[i] % (sb.length() + 1);
                        switch (ops[i] % 3) {
                            case 0 -> sb.insert(pos, cs.get(i).charValue());
                            case 1 -> {
                                if (pos < sb.length()) {
                                    sb.deleteCharAt(pos);
                                }
                            }
                            default -> {
                                if (pos < sb.length()) {
                                    sb.setCharAt(pos, cs.get(i));
                                }
                            }
                        }
                    }
                    return sb.toString();
                });
    }

    @Property(tries = 500)
    void mutatedConfigsNeverThrowAndProblemsHaveValidSpans(@ForAll("mutated") String text) {
        ParsedFile pf = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> FE.parse(SourceFile.of("m.conf", text)));
        assertValidSpans(pf);
        if (text.indexOf('\0') >= 0) {
            assertEquals(1, pf.problems().size());
            assertEquals("SYN002", pf.problems().get(0).ruleId());
        }
        // whatever parsed prints and re-parses without throwing
        FE.parse(SourceFile.of("p.conf", NginxPrinter.print(pf.items())));
    }

    @Property(tries = 300)
    void randomTextNeverThrows(@ForAll String text) {
        ParsedFile pf = FE.parse(SourceFile.of("r.conf", text));
        assertValidSpans(pf);
    }

    @Property(tries = 200)
    void validParsesRoundTripThroughThePrinter(@ForAll("mutated") String text) {
        ParsedFile pf = FE.parse(SourceFile.of("m.conf", text));
        if (!pf.problems().isEmpty()) {
            return;
        }
        String printed = NginxPrinter.print(pf.items());
        ParsedFile again = FE.parse(SourceFile.of("p.conf", printed));
        assertTrue(again.problems().isEmpty(), () -> again.problems() + "\n" + printed);
        assertEquals(shape(pf.items()), shape(again.items()), printed);
    }
}
