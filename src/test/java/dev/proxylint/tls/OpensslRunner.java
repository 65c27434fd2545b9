package dev.proxylint.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the machine's {@code openssl ciphers} for many strings in one shell process per batch.
 * OPENSSL_CONF=/dev/null keeps Debian's system-wide "CipherString = DEFAULT:@SECLEVEL=2" and any
 * provider configuration out of the comparison: `openssl ciphers STRING` replaces the configured
 * cipher list anyway, but the config could load providers (legacy) that change which suites exist.
 */
final class OpensslRunner {
    static final String OPENSSL = "/usr/bin/openssl";

    private OpensslRunner() {
    }

    /** Skips (or, with PROXYLINT_REQUIRE_SERVERS=1, fails) when the binary is missing. */
    static void requireOpenssl() {
        boolean present = Files.isExecutable(Path.of(OPENSSL));
        if ("1".equals(System.getenv("PROXYLINT_REQUIRE_SERVERS"))) {
            Assertions.assertTrue(present, OPENSSL + " is required (PROXYLINT_REQUIRE_SERVERS=1)");
        } else {
            Assumptions.assumeTrue(present, OPENSSL + " not installed; skipping comparison with real OpenSSL");
        }
    }

    /**
     * For each string: the ':'-split output of {@code openssl ciphers -- STRING}, or null when
     * openssl rejected it. Strings must not contain newlines.
     */
    static List<List<String>> ciphers(List<String> strings, Path dir, int parallel) throws Exception {
        int n = strings.size();
        int per = (n + parallel - 1) / parallel;
        List<Process> procs = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        for (int p = 0; p < parallel; p++) {
            List<String> part = strings.subList(Math.min(n, p * per), Math.min(n, (p + 1) * per));
            Path in = dir.resolve("in" + p + ".txt");
            Path out = dir.resolve("out" + p + ".txt");
            Files.write(in, part, StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c",
                    "while IFS= read -r s; do if r=$(\"$0\" ciphers -- \"$s\" 2>/dev/null); then"
                            + " printf 'OK %s\\n' \"$r\"; else echo ERR; fi; done",
                    OPENSSL);
            Map<String, String> env = pb.environment();
            env.put("OPENSSL_CONF", "/dev/null");
            pb.redirectInput(in.toFile());
            pb.redirectOutput(out.toFile());
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            procs.add(pb.start());
            outs.add(out);
        }
        List<List<String>> result = new ArrayList<>();
        for (int p = 0; p < procs.size(); p++) {
            Process pr = procs.get(p);
            if (!pr.waitFor(120, TimeUnit.SECONDS)) {
                pr.destroyForcibly();
                throw new IOException("openssl batch timed out");
            }
            for (String line : Files.readAllLines(outs.get(p), StandardCharsets.UTF_8)) {
                if (line.equals("ERR")) {
                    result.add(null);
                } else if (line.startsWith("OK ")) {
                    result.add(List.of(line.substring(3).split(":")));
                } else {
                    throw new IOException("unexpected openssl batch output: " + line);
                }
            }
        }
        Assertions.assertEquals(n, result.size(), "one result per cipher string");
        return result;
    }
}
