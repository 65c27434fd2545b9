package dev.proxylint.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real server (nginx or Apache) run as this test's own child process from config text the test
 * supplies. Placeholders in the config and extra files: {@code @PORT@} (free 127.0.0.1 port picked
 * here), {@code @DIR@} (this server's private directory), {@code @BACKEND@} ({@code 127.0.0.1:port}
 * of the backend given to {@link #backend}), {@code @BACKEND_PORT@}, {@code @CERT@}/{@code @KEY@}
 * (after {@link #selfSignedCert()}) and any {@link #var} the test adds.
 */
public abstract class ServerProcess<S extends ServerProcess<S>> implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();

    protected final Path dir;
    protected final int port;
    protected final Map<String, String> vars = new LinkedHashMap<>();
    private final Map<String, String> files = new LinkedHashMap<>();
    private Process process;
    private Thread shutdownHook;
    private boolean written;

    protected ServerProcess(Path base, String kind) {
        try {
            ServerSupport.openUp(base);
            this.dir = Files.createDirectory(base.resolve(kind + "-" + SEQ.incrementAndGet()));
            ServerSupport.openUp(dir);
            Files.createDirectories(dir.resolve("tmp"));
            ServerSupport.openUp(dir.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.port = ServerSupport.freePort();
        vars.put("PORT", Integer.toString(port));
        vars.put("DIR", dir.toString());
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /** Sets {@code @NAME@} for the config and the extra files. */
    public S var(String name, String value) {
        vars.put(name, value);
        return self();
    }

    public S backend(WsEchoBackend backend) {
        vars.put("BACKEND", backend.hostPort());
        vars.put("BACKEND_PORT", Integer.toString(backend.port()));
        return self();
    }

    /** Generates a self-signed certificate into this server's dir and sets {@code @CERT@}, {@code @KEY@}. */
    public S selfSignedCert() {
        Tls.CertKey ck = Tls.selfSigned(dir);
        vars.put("CERT", ck.cert().toString());
        vars.put("KEY", ck.key().toString());
        return self();
    }

    /** An extra file (relative to this server's dir, placeholders substituted), e.g. an include. */
    public S file(String relativePath, String text) {
        files.put(relativePath, text);
        return self();
    }

    public int port() {
        return port;
    }

    /**
     * Allocates (once) another free port, available as placeholder {@code @PORT_<NAME>@}, e.g.
     * {@code port("B")} for {@code listen 127.0.0.1:@PORT_B@;}. {@link #start()} waits for {@link #port()} only.
     */
    public int port(String name) {
        String key = "PORT_" + name;
        String v = vars.computeIfAbsent(key, k -> Integer.toString(ServerSupport.freePort()));
        return Integer.parseInt(v);
    }

    public Path dir() {
        return dir;
    }

    public abstract Path configFile();

    public abstract Path errorLog();

    public Path accessLog() {
        return dir.resolve("access.log");
    }

    protected abstract String mainConfig();

    protected abstract List<String> startCommand();

    protected abstract List<String> testCommand();

    protected abstract String name();

    /** Writes the config and the extra files (idempotent); returns the main config path. */
    public Path writeConfig() {
        if (written) {
            return configFile();
        }
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, ServerSupport.substitute(f.getValue(), vars), StandardCharsets.UTF_8);
            }
            Files.writeString(configFile(), ServerSupport.substitute(mainConfig(), vars), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written = true;
        return configFile();
    }

    /** {@code nginx -t} / {@code apache2 -t} on the generated config. */
    public ProcResult configTest() {
        writeConfig();
        return ServerSupport.run(testCommand(), dir, Duration.ofSeconds(20));
    }

    /**
     * Starts the server and waits (at most 10 s) until {@link #port()} accepts connections. Throws
     * with the error log when the process dies or the port never opens.
     */
    public S start() {
        launch();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String why = diagnostics();
                stop();
                throw new IllegalStateException(name() + " exited with " + process.exitValue() + " before listening\n" + why);
            }
            if (ServerSupport.portAccepts(port, 200)) {
                if (process.isAlive()) {
                    return self();
                }
                continue; // someone else owns the port and ours died: reported on the next round
            }
            sleep(50);
        }
        String why = diagnostics();
        stop();
        throw new IllegalStateException(name() + " did not listen on 127.0.0.1:" + port + " within 10 s\n" + why);
    }

    /**
     * Starts a server whose config it refuses at start, and waits (bounded) for it to exit by itself.
     * Returns the exit code, or throws when it is still running after {@code seconds}. A port that
     * accepts proves nothing here: httpd opens its listeners before mod_ssl's post-config hook can
     * refuse the config, so {@link #start()} may catch it in between on a loaded machine.
     */
    public int startExpectingExit(long seconds) {
        launch();
        try {
            if (process.waitFor(seconds, TimeUnit.SECONDS)) {
                int code = process.exitValue();
                stop(); // children and the shutdown hook
                return code;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String why = diagnostics();
        stop();
        throw new IllegalStateException(name() + " was still running " + seconds + " s after its start\n" + why);
    }

    /** Writes the config and starts the server process, output to console.log, stopped at JVM exit. */
    private void launch() {
        if (process != null) {
            throw new IllegalStateException(name() + " already started");
        }
        writeConfig();
        try {
            process = new ProcessBuilder(startCommand()).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(dir.resolve("console.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name() + ": " + e, e);
        }
        shutdownHook = new Thread(this::stopQuietly, name() + "-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Console output, error log and the generated config: for failure messages. */
    public String diagnostics() {
        return "--- console\n" + ServerSupport.readQuietly(dir.resolve("console.log"))
                + "--- error log " + errorLog() + "\n" + ServerSupport.readQuietly(errorLog())
                + "--- config " + configFile() + "\n" + ServerSupport.readQuietly(configFile());
    }

    public String errorLogText() {
        return ServerSupport.readQuietly(errorLog());
    }

    /** SIGTERM to the master, bounded wait (10 s), then SIGKILL to it and every remaining child. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                try {
                    child.onExit().get(3, TimeUnit.SECONDS);
                } catch (Exception e) {
                    child.destroyForcibly();
                }
            }
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // JVM already shutting down
            }
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException ignored) {
            // shutdown hook: nothing more to do
        }
    }

    @Override
    public void close() {
        stop();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
