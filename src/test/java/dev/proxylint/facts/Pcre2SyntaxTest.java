package dev.proxylint.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Pcre2Syntax} against the verdicts PCRE2 10.42 gave through nginx 1.22 for 180 patterns
 * ({@code src/test/resources/regex/pcre2-verdicts.tsv}; Pcre2SyntaxDifferentialTest checks the file against
 * the real nginx): never an error where PCRE2 compiles, PCRE2's own message where both refuse.
 */
class Pcre2SyntaxTest {
    static final Path VERDICTS = Path.of("src/test/resources/regex/pcre2-verdicts.tsv");

    /** verdict, pattern, message of each line of the file. */
    static List<String[]> verdicts() throws Exception {
        List<String[]> out = new ArrayList<>();
        for (String l : Files.readAllLines(VERDICTS, StandardCharsets.UTF_8)) {
            if (!l.startsWith("#") && !l.isEmpty()) {
                String[] f = l.split("\t", -1);
                out.add(new String[] {f[0], f[1], f.length > 2 ? f[2] : ""});
            }
        }
        return out;
    }

    @Test
    void agreesWithPcre2OnTheRecordedPatterns() throws Exception {
        List<String[]> all = verdicts();
        assertTrue(all.size() >= 150, "only " + all.size() + " recorded patterns");
        List<String> wrong = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        int refused = 0;
        for (String[] v : all) {
            Pcre2Syntax.Error e = Pcre2Syntax.check(v[1]);
            if (v[0].equals("OK")) {
                if (e != null) {
                    wrong.add("false error on " + v[1] + ": " + e.message());
                }
                continue;
            }
            refused++;
            if (e == null) {
                missed.add(v[1] + " (" + v[2] + ")");
            } else if (!e.message().equals(v[2])) {
                wrong.add(v[1] + ": PCRE2 says '" + v[2] + "', proxylint '" + e.message() + "'");
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertTrue(refused >= 60, "only " + refused + " refused patterns recorded");
        assertTrue(missed.isEmpty(), "missed: " + missed);
    }

    @Test
    void javaAndPcre2DisagreeAndPcre2Wins() {
        // Java refuses these; PCRE2 compiles them
        for (String re : List.of("(?P<id>\\d+)", "(?<user_id>x)", "a{,3}", "{id}", "[]a]", "[a&&b]", "(a)(?1)",
                "(?|(a)|(b))", "\\Kx", "(?#c)x", "[[:alpha:]]")) {
            assertNull(Pcre2Syntax.check(re), re);
        }
        // Java compiles these; PCRE2 (8-bit, no UTF) refuses them
        assertEquals("character code point value in \\x{} or \\o{} is too large",
                Pcre2Syntax.check("\\x{263A}").message());
        assertEquals("lookbehind assertion is not fixed length", Pcre2Syntax.check("(?<=a{1,3})b").message());
        assertEquals("reference to non-existent subpattern", Pcre2Syntax.check("(a)\\2").message());
        assertEquals("unknown POSIX class name", Pcre2Syntax.check("[[:foo:]]").message());
    }

    @Test
    void duplicateNamesCompileOnlyWithDupnames() {
        // nginx compiles without PCRE2_DUPNAMES (refused); httpd's ap_regcomp always sets it
        String re = "^/a(?<n>x)(?<n>y)";
        assertEquals("two named subpatterns have the same name (PCRE2_DUPNAMES not set)", Pcre2Syntax.check(re).message());
        assertNull(Pcre2Syntax.check(re, true));
        assertNull(Pcre2Syntax.check("(?J)(?<n>x)(?<n>y)"));
        assertEquals("missing closing parenthesis", Pcre2Syntax.check("(?<n>x)(?<n>y", true).message());
    }

    @Test
    void nestingStopsAtPcre2sLimitWithoutDeepRecursion() {
        // nginx 1.22 / PCRE2 10.42: 250 nested groups compile, 251 do not
        assertNull(Pcre2Syntax.check("(".repeat(250) + "a" + ")".repeat(250)));
        assertEquals("parentheses are too deeply nested",
                Pcre2Syntax.check("(".repeat(251) + "a" + ")".repeat(251)).message());
        assertEquals("parentheses are too deeply nested", Pcre2Syntax.check("(?:".repeat(100_000)).message());
    }

    @Test
    void nonAsciiTextIsReadAsUtf8BytesLikePcre2Does() {
        // é-à is a range of bytes that PCRE2 reads in order (0xA9 .. 0xC3), though é > à as characters
        assertNull(Pcre2Syntax.check("[é-à]"));
        Pcre2Syntax.Error e = Pcre2Syntax.check("é(");
        assertNotNull(e);
        assertEquals(2, e.offset(), "offset in characters of the pattern");
    }

    @Test
    void propertiesOctalsAndQuantifiersStopWherePcre2Stops() {
        // offsets as nginx 1.22 printed them (the text after "at"), 2026-12-08
        String[][] cases = {
            {"\\p{Foo}", "unknown property after \\P or \\p", "7"},
            {"\\p{Lu}x\\p{Bad}", "unknown property after \\P or \\p", "14"},
            {"\\p{=L}", "unknown property after \\P or \\p", "6"},
            {"\\p{sc=Greek:x}", "unknown property after \\P or \\p", "14"},
            {"\\pq", "unknown property after \\P or \\p", "3"},
            {"\\p1", "malformed \\P or \\p sequence", "3"},
            {"\\p", "malformed \\P or \\p sequence", "2"},
            {"\\p{", "malformed \\P or \\p sequence", "3"},
            {"\\p{abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz}", "malformed \\P or \\p sequence", "52"},
            {"[\\pL-z]", "invalid range in character class", "4"},
            {"[a-\\p{Lu}]", "invalid range in character class", "5"},
            {"[a-[:alpha:]]", "invalid range in character class", "4"},
            {"[\\d-\\w]", "invalid range in character class", "3"},
            {"{2,3}", "quantifier does not follow a repeatable item", "4"},
            {"a|{2}", "quantifier does not follow a repeatable item", "4"},
            {"[\\o{400}]", "character code point value in \\x{} or \\o{} is too large", "7"},
            {"\\o{1x", "non-octal character in \\o{} (closing brace missing?)", "4"},
            {"\\o{12", "non-octal character in \\o{} (closing brace missing?)", "4"},
            {"[\\o{", "digits missing in \\x{} or \\o{} or \\N{U+}", "4"},
            {"a\\o", "missing opening brace after \\o", "2"},
            {"[\\o7]", "missing opening brace after \\o", "3"},
            {"a{70000}", "number too big in {} quantifier", "7"},
            {"a{2,70000}", "number too big in {} quantifier", "9"},
            {"[[:foo:]]", "unknown POSIX class name", "3"},
            {"[[:^foo:]]", "unknown POSIX class name", "4"},
            {"(*(", "(*VERB) not recognized or malformed", "2"},
            {"a(*1)", "(*VERB) not recognized or malformed", "4"},
            // references, at the place each form of them is reported
            {"ab\\2", "reference to non-existent subpattern", "3"},
            {"\\g2", "reference to non-existent subpattern", "2"},
            {"\\g-1", "reference to non-existent subpattern", "4"},
            {"\\g+1", "reference to non-existent subpattern", "3"},
            {"\\g{2}", "reference to non-existent subpattern", "4"},
            {"x\\g{-1}", "reference to non-existent subpattern", "3"},
            {"\\g{+1}", "reference to non-existent subpattern", "5"},
            {"\\g<2>", "reference to non-existent subpattern", "4"},
            {"\\g<n>", "reference to non-existent subpattern", "3"},
            {"x(?2)", "reference to non-existent subpattern", "4"},
            {"(?-1)", "reference to non-existent subpattern", "4"},
            {"(?&n)", "reference to non-existent subpattern", "3"},
            {"(?P>n)", "reference to non-existent subpattern", "4"},
            {"(?P=n)", "reference to non-existent subpattern", "4"},
            {"x\\k<n>", "reference to non-existent subpattern", "4"},
            {"(?(2)a)", "reference to non-existent subpattern", "2"},
            {"(?(-1)a)", "reference to non-existent subpattern", "5"},
            {"(?(+1)a)", "reference to non-existent subpattern", "3"},
            {"(?(<n>)a)", "reference to non-existent subpattern", "4"},
            {"(?(n)a)", "reference to non-existent subpattern", "3"},
            {"\\k<n>\\1(?1)", "reference to non-existent subpattern", "3"}, // the first in the pattern
        };
        for (String[] c : cases) {
            Pcre2Syntax.Error e = Pcre2Syntax.check(c[0]);
            assertNotNull(e, c[0]);
            assertEquals(c[1], e.message(), c[0]);
            assertEquals(Integer.parseInt(c[2]), e.offset(), c[0]);
        }
        // loose matching: case, spaces, hyphens and underscores do not count; scripts by long or short name
        for (String ok : new String[] {"\\p{G r-e_e k}", "\\p{GREEK}", "\\P{^Lu}", "\\p{L&}", "\\p{Script_Extensions=Latn}",
            "\\p{bc=AL}", "\\p{Xwd}", "[\\p{Han}a-z]", "(?<=\\p{Lu})a"}) {
            Pcre2Syntax.Error e = Pcre2Syntax.check(ok);
            assertNull(e, ok + ": " + e);
        }
    }
}
