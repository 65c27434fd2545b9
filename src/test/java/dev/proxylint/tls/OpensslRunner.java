package dev.proxylint.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a real {@code openssl} for many cipher strings in one shell process per batch, for each
 * OpenSSL release proxylint models:
 * <ul>
 * <li>3.0: the machine's {@value #OPENSSL} (Debian's openssl package);</li>
 * <li>1.1.1: the binary named by env {@value #OPENSSL111_ENV} (Debian 11's openssl 1.1.1w unpacked
 * by {@code .ci/fetch-openssl111.sh DIR}, then {@code DIR/usr/bin/openssl}); its libraries come from
 * env {@value #OPENSSL111_LIBS_ENV}, else from {@code DIR/usr/lib/x86_64-linux-gnu} next to it.</li>
 * </ul>
 * A missing binary skips the comparison, or fails it with PROXYLINT_REQUIRE_SERVERS=1 (as CI runs).
 * A binary that is there but does not run or reports another release always fails.
 * OPENSSL_CONF=/dev/null keeps Debian's system-wide "CipherString = DEFAULT:@SECLEVEL=2" and any
 * provider configuration out of the comparison: `openssl ciphers STRING` replaces the configured
 * cipher list anyway, but the config could load providers (legacy) that change which suites exist.
 */
final class OpensslRunner {
    static final String OPENSSL = "/usr/bin/openssl";
    static final String OPENSSL111_ENV = "PROXYLINT_OPENSSL111";
    static final String OPENSSL111_LIBS_ENV = "PROXYLINT_OPENSSL111_LIBS";
    static final String REQUIRE_ENV = "PROXYLINT_REQUIRE_SERVERS";

    private static final Map<OpensslVersion, Binary> CHECKED = new EnumMap<>(OpensslVersion.class);

    /** One openssl binary and the environment it runs in. */
    record Binary(OpensslVersion version, String path, Map<String, String> env) {
        /** A process running this binary with {@code args}, environment set (OPENSSL_CONF=/dev/null). */
        ProcessBuilder process(String... args) {
            List<String> cmd = new ArrayList<>();
            cmd.add(path);
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(env);
            return pb;
        }
    }

    private OpensslRunner() {
    }

    /** Skips (or, with PROXYLINT_REQUIRE_SERVERS=1, fails) when the system's openssl is missing. */
    static void requireOpenssl() {
        require(OpensslVersion.V3_0);
    }

    /**
     * The binary of release {@code v}, checked once per JVM with {@code openssl version}; skips the
     * test when it is not there (fails with PROXYLINT_REQUIRE_SERVERS=1).
     */
    static synchronized Binary require(OpensslVersion v) {
        Binary known = CHECKED.get(v);
        if (known != null) {
            return known;
        }
        boolean required = "1".equals(System.getenv(REQUIRE_ENV));
        String path;
        String hint;
        Map<String, String> env = new java.util.HashMap<>();
        env.put("OPENSSL_CONF", "/dev/null");
        if (v == OpensslVersion.V3_0) {
            path = OPENSSL;
            hint = OPENSSL + " is not installed";
        } else {
            path = System.getenv(OPENSSL111_ENV);
            hint = OPENSSL111_ENV + " is not set (run .ci/fetch-openssl111.sh DIR and set " + OPENSSL111_ENV
                    + "=DIR/usr/bin/openssl)";
            if (path != null && !path.isBlank()) {
                String libs = System.getenv(OPENSSL111_LIBS_ENV);
                if (libs == null || libs.isBlank()) {
                    Path guess = Path.of(path).toAbsolutePath().getParent().resolveSibling("lib")
                            .resolve("x86_64-linux-gnu");
                    libs = Files.isDirectory(guess) ? guess.toString() : null;
                }
                if (libs != null) {
                    env.put("LD_LIBRARY_PATH", libs);
                }
            }
        }
        boolean present = path != null && !path.isBlank() && Files.isExecutable(Path.of(path));
        if (!present) {
            String what = path == null || path.isBlank() ? hint : path + " (OpenSSL " + v.label() + ") is not executable";
            if (required) {
                Assertions.fail(what + ": the comparison with real OpenSSL " + v.label() + " is required because "
                        + REQUIRE_ENV + "=1");
            }
            Assumptions.assumeTrue(false, what + "; skipping the comparison with real OpenSSL " + v.label());
        }
        Binary b = new Binary(v, path, Map.copyOf(env));
        String version = version(b);
        Assertions.assertEquals(v, OpensslVersion.parse(version.split("\\s+")[1]).orElse(null),
                path + " reports '" + version + "', not OpenSSL " + v.label());
        CHECKED.put(v, b);
        return b;
    }

    private static String version(Binary b) {
        try {
            ProcessBuilder pb = b.process("version");
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            Assertions.assertTrue(p.waitFor(30, TimeUnit.SECONDS), b.path() + " version timed out");
            Assertions.assertEquals(0, p.exitValue(), b.path() + " version failed: " + out);
            Assertions.assertTrue(out.startsWith("OpenSSL "), b.path() + " version printed: " + out);
            return out;
        } catch (IOException | InterruptedException e) {
            return Assertions.fail(b.path() + " does not run: " + e);
        }
    }

    /** Like {@link #ciphers(Binary, List, Path, int)} with the system's OpenSSL 3. */
    static List<List<String>> ciphers(List<String> strings, Path dir, int parallel) throws Exception {
        return ciphers(require(OpensslVersion.V3_0), strings, dir, parallel);
    }

    /**
     * For each string: the ':'-split output of {@code openssl ciphers -- STRING}, or null when
     * openssl rejected it. Strings must not contain newlines.
     */
    static List<List<String>> ciphers(Binary bin, List<String> strings, Path dir, int parallel) throws Exception {
        return batch(bin, strings, dir, parallel, "\"$0\" ciphers -- \"$s\"");
    }

    /**
     * For each TLS 1.3 list: the ':'-split output of {@code openssl ciphers -ciphersuites LIST
     * kRSA+AESGCM}, or null when openssl rejected the list.
     */
    static List<List<String>> ciphersuites(Binary bin, List<String> lists, Path dir) throws Exception {
        return batch(bin, lists, dir, 1, "\"$0\" ciphers -ciphersuites \"$s\" kRSA+AESGCM");
    }

    private static List<List<String>> batch(Binary bin, List<String> strings, Path dir, int parallel, String command)
            throws Exception {
        int n = strings.size();
        int per = (n + parallel - 1) / parallel;
        List<Process> procs = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        String tag = bin.version().name();
        for (int p = 0; p < parallel; p++) {
            List<String> part = strings.subList(Math.min(n, p * per), Math.min(n, (p + 1) * per));
            Path in = dir.resolve("in-" + tag + "-" + p + ".txt");
            Path out = dir.resolve("out-" + tag + "-" + p + ".txt");
            Files.write(in, part, StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c",
                    "while IFS= read -r s; do if r=$(" + command + " 2>/dev/null); then"
                            + " printf 'OK %s\\n' \"$r\"; else echo ERR; fi; done",
                    bin.path());
            pb.environment().putAll(bin.env());
            pb.redirectInput(in.toFile());
            pb.redirectOutput(out.toFile());
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            procs.add(pb.start());
            outs.add(out);
        }
        List<List<String>> result = new ArrayList<>();
        for (int p = 0; p < procs.size(); p++) {
            Process pr = procs.get(p);
            if (!pr.waitFor(180, TimeUnit.SECONDS)) {
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
