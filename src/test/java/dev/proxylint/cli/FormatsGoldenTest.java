package dev.proxylint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        if (Boolean.getBoolean("proxylint.updateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, text);
        }
        assertEquals(Files.readString(golden), text, "output differs from " + golden);
    }
}
