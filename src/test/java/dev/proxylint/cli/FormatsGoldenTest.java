package dev.proxylint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proxylint.rules.RuleMeta;
import dev.proxylint.rules.RuleRegistry;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every output format, end to end through the command line, on real testdata cases of both
 * dialects: the output must equal the golden file byte for byte (and is therefore deterministic).
 * Regenerate with {@code -Dproxylint.updateGolden=true} (never set in CI).
 *
 * <p>SARIF embeds every reported rule's whole doc as its help; that is compared with the doc itself
 * here, and the golden keeps a placeholder, so an edit of a rule's prose needs no new golden.
 */
class FormatsGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden-cli");
    static final String[] CASES = {"testdata/nginx/ws/ws-inheritance-trap.conf", "testdata/apache/ws/main-server-rewrite.conf"};

    static Stream<Arguments> cases() {
        return Stream.of(CASES).flatMap(c -> Stream.of("text", "concise", "json", "github", "sarif")
                .map(f -> Arguments.of(c, f)));
    }

    @ParameterizedTest(name = "{1} of {0}")
    @MethodSource("cases")
    void formatMatchesGolden(String caseFile, String format) throws Exception {
        StringWriter out = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))
                .execute("check", "--format", format, "--color", "never", caseFile);
        assertEquals(1, code, "the golden cases have findings");
        // SARIF names the checkout's absolute location once (originalUriBaseIds.%SRCROOT%): it differs per machine
        String root = Path.of("").toAbsolutePath().toUri().toString();
        String text = out.toString().replace("\"" + root + "\"", "\"file:///CHECKOUT/\"");
        String name = Path.of(caseFile).getFileName().toString().replace(".conf", "") + "." + format;
        Path golden = GOLDEN.resolve(name);
        if (format.equals("sarif")) {
            text = helpChecked(text);
        }
        if (Boolean.getBoolean("proxylint.updateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, text);
        }
        assertEquals(Files.readString(golden), text, "output differs from " + golden);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks each rule's help against its doc and replaces it with a placeholder naming the doc. */
    static String helpChecked(String sarif) throws Exception {
        JsonNode root = JSON.readTree(sarif);
        int rules = 0;
        for (JsonNode run : root.get("runs")) {
            for (JsonNode rule : run.path("tool").path("driver").path("rules")) {
                RuleMeta m = RuleRegistry.builtin().get(rule.get("id").asText());
                JsonNode help = rule.get("help");
                assertEquals(m.text(), help.get("text").asText(), "SARIF help.text of " + m.id());
                assertEquals(m.markdown(), help.get("markdown").asText(), "SARIF help.markdown of " + m.id());
                ObjectNode placeholder = JSON.createObjectNode();
                placeholder.put("text", "(rules/" + m.id() + ".md, checked separately)");
                ((ObjectNode) rule).set("help", placeholder);
                rules++;
            }
        }
        assertTrue(rules > 0, "the SARIF output describes its rules");
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }
}
