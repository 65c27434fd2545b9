package dev.proxylint.nginx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.facts.Pcre2Syntax;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Pcre2Syntax} against the real PCRE2 of nginx 1.22 ({@code nginx -t} on {@code location ~
 * 'pattern'}, one run each): the recorded verdicts still hold, and on 300 patterns generated from
 * PCRE2's constructs (fixed seed) proxylint never reports an error nginx does not have, finds at
 * least 95 % of those it has, with PCRE2's own message.
 */
class Pcre2SyntaxDifferentialTest {
    private static final Pattern FAILED = Pattern.compile("pcre2_compile\\(\\) failed: (.*) in \"");
    private static final String[] TOKENS = {"a", "b", "\u00e9", ".", "\\d", "\\w", "\\.", "\\/", "\\b", "^", "$", "*",
        "+", "?", "*?", "++", "{2}", "{2,3}", "{3,2}", "{,2}", "{x}", "{", "}", "]", "(", ")", "(?:", "(?=", "(?!",
        "(?<=", "(?<!", "(?<n>", "(?P<m>", "(?<n_1>", "(?'q'", "(?i)", "(?-i)", "(?i:", "|", "[a-z]", "[^/]", "[]x]",
        "[z-a]", "[\\d-]", "[\\w-z]", "[[:alpha:]]", "[[:foo:]]", "[:alpha:]", "[a", "\\1", "\\2", "\\k<n>", "(?P=n)",
        "(?1)", "(?R)", "\\g{-1}", "\\x41", "\\x{41}", "\\x{141}", "\\Q.\\E", "\\E", "\\y", "\\u", "\\K", "\\R", "\\X",
        "\\p{L}", "(?#c)", "(?|", "[a-\\d]", "\\0", "\\12", "(?(1)", "(?>", "[\\b]", "[\\B]", "[\\k]", "a{70000}",
        "(*SKIP)", "(*)", "\\N", "(*UTF)", "(*MARK)", "(*FOO)", "\\o{}", "\\x{ 4}", "\\o{7}", "\\p{Foo}", "\\p{sc=Grek}", "\\p{sc=Lu}", "\\pN", "\\p{", "\\P{^Zs}", "[\\o{101}]", "\\o7", "\\o{12"};

    @TempDir
    Path dir;

    private int runs;

    /** PCRE2's message for the pattern through nginx, or null when nginx accepts it. */
    private String nginx(String re) throws Exception {
        Path work = Files.createDirectories(dir.resolve("r" + runs++));
        String quoted = re.replace("\\", "\\\\").replace("'", "\\'");
        Path conf = work.resolve("nginx.conf");
        Files.writeString(conf, "events {} http { access_log off; server { listen 127.0.0.1:18111; location ~ '"
                + quoted + "' { return 200; } } }\n", StandardCharsets.UTF_8);
        NginxBinary.Verdict v = NginxBinary.test(conf, work);
        if (v.ok()) {
            return null;
        }
        Matcher m = FAILED.matcher(v.output());
        return m.find() ? m.group(1) : "OTHER: " + v.output();
    }

    @Test
    void recordedVerdictsAreWhatNginxSays() throws Exception {
        NginxBinary.require();
        List<String> differ = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of("src/test/resources/regex/pcre2-verdicts.tsv"), StandardCharsets.UTF_8)) {
            if (l.startsWith("#") || l.isEmpty()) {
                continue;
            }
            String[] f = l.split("\t", -1);
            String said = nginx(f[1]);
            String recorded = f[0].equals("OK") ? null : f[2];
            if (said == null ? recorded != null : !said.equals(recorded)) {
                differ.add(f[1] + ": recorded " + recorded + ", nginx now " + said);
            }
        }
        assertTrue(differ.isEmpty(), String.join("\n", differ));
    }

    @Test
    void generatedPatternsGetNginxsVerdict() throws Exception {
        NginxBinary.require();
        Random r = new Random(20261204);
        Set<String> patterns = new LinkedHashSet<>();
        while (patterns.size() < 300) {
            StringBuilder sb = new StringBuilder();
            for (int k = 1 + r.nextInt(6); k > 0; k--) {
                sb.append(TOKENS[r.nextInt(TOKENS.length)]);
            }
            patterns.add(sb.toString());
        }
        List<String> falseErrors = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        List<String> otherMessage = new ArrayList<>();
        int refused = 0;
        for (String re : patterns) {
            String said = nginx(re);
            assertTrue(said == null || !said.startsWith("OTHER"), re + ": " + said);
            Pcre2Syntax.Error e = Pcre2Syntax.check(re);
            if (said == null) {
                if (e != null) {
                    falseErrors.add(re + ": " + e.message());
                }
                continue;
            }
            refused++;
            if (e == null) {
                missed.add(re + " (" + said + ")");
            } else if (!e.message().equals(said)) {
                otherMessage.add(re + ": nginx '" + said + "', proxylint '" + e.message() + "'");
            }
        }
        assertTrue(falseErrors.isEmpty(), "errors nginx does not have:\n" + String.join("\n", falseErrors));
        assertTrue(refused >= 100, "only " + refused + " of 300 refused: the generator lost its errors");
        assertTrue(missed.size() * 20 <= refused, missed.size() + " of " + refused + " missed: " + missed);
        assertTrue(otherMessage.size() * 20 <= refused, String.join("\n", otherMessage));
    }
}
