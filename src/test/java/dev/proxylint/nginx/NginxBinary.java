package dev.proxylint.nginx;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real {@code nginx -t} on a test's own config, with its own prefix, error log and PID file
 * under the test's temp directory; bounded by a timeout. Missing binary: skip, unless
 * {@code PROXYLINT_REQUIRE_SERVERS=1}, then fail.
 */
final class NginxBinary {
    static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Pattern EMERG = Pattern.compile("\\[emerg\\] (.*) in (.+):(\\d+)");

    private NginxBinary() {
    }

    /** Whether CI asks for the real servers and their modules ({@code PROXYLINT_REQUIRE_SERVERS=1}). */
    static boolean required() {
        return "1".equals(System.getenv("PROXYLINT_REQUIRE_SERVERS"));
    }

    static void require() {
        boolean present = Files.isExecutable(NGINX);
        if (!present && "1".equals(System.getenv("PROXYLINT_REQUIRE_SERVERS"))) {
            fail("PROXYLINT_REQUIRE_SERVERS=1 but " + NGINX + " is missing");
        }
        assumeTrue(present, NGINX + " is not installed; skipping the differential test");
    }

    /** nginx's verdict: exit code, the [emerg] message and the line it names (0 when none). */
    record Verdict(int exit, String message, String file, int line, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    static Verdict test(Path conf, Path work) throws IOException, InterruptedException {
        Path log = work.resolve("nginx-error.log");
        Path out = work.resolve("nginx-t.out");
        ProcessBuilder pb = new ProcessBuilder(List.of(NGINX.toString(), "-t", "-q", "-p", work.toString() + "/",
                "-c", conf.toString(), "-e", log.toString(), "-g", "pid " + work.resolve("nginx.pid") + ";"))
                .redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            fail("nginx -t did not finish in 20 s");
        }
        String text = Files.readString(out, StandardCharsets.ISO_8859_1);
        Matcher m = EMERG.matcher(text);
        if (m.find()) {
            return new Verdict(p.exitValue(), m.group(1), m.group(2), Integer.parseInt(m.group(3)), text);
        }
        return new Verdict(p.exitValue(), null, null, 0, text);
    }
}
