package dev.proxylint.it;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Small shared helpers for the real-server harness: binaries, ports, bounded commands, placeholders. */
public final class ServerSupport {
    public static final Path NGINX = Path.of("/usr/sbin/nginx");
    public static final Path APACHE = Path.of("/usr/sbin/apache2");
    public static final Path APACHE_MODULES = Path.of("/usr/lib/apache2/modules");
    public static final Path OPENSSL = Path.of("/usr/bin/openssl");
    public static final String REQUIRE_ENV = "PROXYLINT_REQUIRE_SERVERS";

    /** Ports already given to a server in this JVM: never hand the same one out twice. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final Pattern LEFTOVER = Pattern.compile("@[A-Z][A-Z0-9_]*@");

    private ServerSupport() {
    }

    /** True when env PROXYLINT_REQUIRE_SERVERS=1: a missing binary then fails instead of skipping. */
    public static boolean serversRequired() {
        return "1".equals(System.getenv(REQUIRE_ENV));
    }

    /**
     * Skips the calling test (JUnit assumption) when {@code binary} is not an executable file, or
     * fails it when {@link #serversRequired()}.
     */
    public static void requireBinary(Path binary) {
        boolean present = Files.isRegularFile(binary) && Files.isExecutable(binary);
        if (present) {
            return;
        }
        String msg = binary + " is not installed (set " + REQUIRE_ENV + "=1 to make this a failure)";
        if (serversRequired()) {
            Assertions.fail(binary + " is required (" + REQUIRE_ENV + "=1) but not installed");
        }
        Assumptions.assumeTrue(false, msg);
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** A TCP port on 127.0.0.1 that was free a moment ago (small race window, as usual). */
    public static int freePort() {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
                int p = s.getLocalPort();
                if (HANDED_OUT.add(p)) {
                    return p;
                }
            } catch (IOException e) {
                throw new IllegalStateException("no free port", e);
            }
        }
        throw new IllegalStateException("no fresh free port after 20 attempts");
    }

    public static boolean portAccepts(int port, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command with stdin from /dev/null, stdout+stderr merged, killed after {@code timeout}. */
    public static ProcResult run(List<String> command, Path workDir, Duration timeout) {
        Path out = null;
        try {
            out = Files.createTempFile("proxylint-cmd", ".out");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile());
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            Process p = pb.start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            return new ProcResult(done ? p.exitValue() : -1, text, !done);
        } catch (IOException e) {
            return new ProcResult(-1, "cannot run " + command + ": " + e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProcResult(-1, "interrupted", true);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    /** Replaces every {@code @NAME@}; throws when an upper-case placeholder is left unresolved. */
    public static String substitute(String text, Map<String, String> vars) {
        String result = text;
        for (Map.Entry<String, String> e : vars.entrySet()) {
            result = result.replace("@" + e.getKey() + "@", e.getValue());
        }
        Matcher m = LEFTOVER.matcher(result);
        if (m.find()) {
            throw new IllegalArgumentException("unresolved placeholder " + m.group() + " (known: " + vars.keySet() + ")");
        }
        return result;
    }

    /** rwxr-xr-x: lets an unprivileged worker (nobody / www-data) traverse and read. */
    public static void openUp(Path dir) {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot chmod " + dir, e);
        }
    }

    public static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable " + file + ": " + e + ")";
        }
    }
}
