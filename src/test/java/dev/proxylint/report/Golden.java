package dev.proxylint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/report/golden/}. Regenerate with
 * {@code mvn test -Dproxylint.updateGolden=true} (never set in CI), then review the diff.
 */
final class Golden {
    static final Path DIR = Path.of("src/test/resources/report/golden");

    private Golden() {
    }

    static String render(Reporter r, ReportInput in) {
        StringWriter w = new StringWriter();
        try {
            r.write(in, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    static void check(String name, String actual) throws IOException {
        Path p = DIR.resolve(name);
        if (Boolean.getBoolean("proxylint.updateGolden")) {
            Files.createDirectories(DIR);
            Files.writeString(p, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(p), "missing golden file " + p + "; run with -Dproxylint.updateGolden=true");
        assertEquals(Files.readString(p, StandardCharsets.UTF_8), actual, "output differs from golden " + p);
    }
}
