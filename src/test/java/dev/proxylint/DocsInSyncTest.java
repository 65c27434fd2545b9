package dev.proxylint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.cli.Main;
import dev.proxylint.rules.Rule;
import dev.proxylint.rules.RuleDocsRenderer;
import dev.proxylint.rules.RuleMeta;
import dev.proxylint.rules.RuleRegistry;
import dev.proxylint.rules.Rules;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What users read stays true: the README's rule table is generated from rules/*.md, every rule the
 * engine runs has a doc (and every doc a rule), and the README's sample output and
 * examples/expected-output.txt are what proxylint prints on the bundled examples today.
 * Regenerate with {@code -Dproxylint.updateDocs=true} (never set in CI).
 */
class DocsInSyncTest {
    static final boolean UPDATE = Boolean.getBoolean("proxylint.updateDocs");
    static final String BEGIN = "<!-- rules:begin (generated from rules/*.md by DocsInSyncTest) -->\n";
    static final String END = "<!-- rules:end -->\n";
    /** Ids reported by the front ends and the engine rather than by a Rule class. */
    static final Set<String> ENGINE_IDS = Set.of("SYN001", "SYN002", "SYN003", "CFG101", "CFG102", "CFG103",
            "CFG104", "CFG105", "CFG106", "CFG107", "CFG201", "CFG202", "CFG900");

    @Test
    void everyRuleHasADocAndEveryDocARule() {
        RuleRegistry reg = RuleRegistry.builtin();
        Set<String> ruleIds = new TreeSet<>();
        for (Rule r : Rules.all()) {
            ruleIds.addAll(r.ids());
        }
        for (String id : ruleIds) {
            assertTrue(reg.contains(id), "rule " + id + " has no rules/" + id + ".md");
        }
        for (RuleMeta m : reg.all()) {
            assertTrue(ruleIds.contains(m.id()) || ENGINE_IDS.contains(m.id()), "rules/" + m.id() + ".md documents no rule");
        }
    }

    @Test
    void helpUrisPointAtTheDocsInThisRepository() {
        for (RuleMeta m : RuleRegistry.builtin().all()) {
            String uri = m.helpUri();
            String suffix = "/blob/main/rules/" + m.id() + ".md";
            assertTrue(uri.endsWith(suffix), uri);
            assertTrue(Files.isRegularFile(Path.of("rules", m.id() + ".md")), uri);
        }
    }

    /** Every option of {@code check} and {@code tls ciphers} is named in the README, and every .proxylint.yml key. */
    @Test
    void readmeNamesEveryOptionAndConfigKey() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        picocli.CommandLine cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        for (String cmd : List.of("check", "tls ciphers")) {
            picocli.CommandLine sub = cl;
            for (String part : cmd.split(" ")) {
                sub = sub.getSubcommands().get(part);
            }
            for (picocli.CommandLine.Model.OptionSpec o : sub.getCommandSpec().options()) {
                if (o.longestName().equals("--help") || o.longestName().equals("--version")) {
                    continue;
                }
                assertTrue(java.util.Arrays.stream(o.names()).anyMatch(n -> readme.contains("`" + n)),
                        "README.md does not mention " + cmd + " " + o.longestName());
            }
        }
        for (String key : List.of("nginx-version", "apache-version", "openssl-version", "tls-profile")) {
            assertTrue(readme.contains("\n" + key + ": "), "README.md's .proxylint.yml example lacks " + key);
        }
    }

    @Test
    void readmeRuleTableIsGenerated() throws Exception {
        Path readme = Path.of("README.md");
        String text = Files.readString(readme);
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        assertTrue(b >= 0 && e > b, "README.md lacks the generated rule table markers");
        String table = RuleDocsRenderer.markdownTable(RuleRegistry.builtin().all());
        String want = text.substring(0, b + BEGIN.length()) + table + (table.endsWith("\n") ? "" : "\n") + text.substring(e);
        if (UPDATE) {
            Files.writeString(readme, want);
        }
        assertEquals(want, text, "README.md rule table is stale: run mvn test -Dtest=DocsInSyncTest -Dproxylint.updateDocs=true");
    }

    @Test
    void examplesOutputIsCurrent() throws Exception {
        StringWriter out = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))
                .execute("check", "--format", "concise", "--color", "never", "examples");
        assertEquals(1, code, "the bundled examples are broken on purpose");
        Path expected = Path.of("examples", "expected-output.txt");
        if (UPDATE) {
            Files.writeString(expected, out.toString());
        }
        assertEquals(Files.readString(expected), out.toString(), "examples/expected-output.txt is stale");
        // the README's sample lines are real output of the command it shows
        String readme = Files.readString(Path.of("README.md"));
        int b = readme.indexOf("<!-- sample:begin");
        int e = readme.indexOf("<!-- sample:end -->");
        assertTrue(b >= 0 && e > b, "README.md lacks the sample markers");
        List<String> lines = readme.substring(b, e).lines().filter(l -> l.startsWith("examples/")).toList();
        assertTrue(lines.size() >= 3, "README sample has too few lines");
        StringWriter nginxOut = new StringWriter();
        Main.commandLine(new PrintWriter(nginxOut, true), new PrintWriter(new StringWriter(), true))
                .execute("check", "--format", "concise", "examples/nginx/nginx.conf");
        for (String l : lines) {
            assertTrue(nginxOut.toString().lines().anyMatch(l::equals), "README sample line is not real output: " + l);
        }
    }
}
