package dev.proxylint.it;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Real Apache httpd from {@link ServerSupport#APACHE}, run with {@code -f conf -d dir -DFOREGROUND}.
 * The harness writes ServerRoot-level settings (Listen 127.0.0.1:@PORT@, PidFile, ErrorLog, Mutex,
 * DefaultRuntimeDir, User/Group when root, small mpm_event limits, LoadModule lines for
 * {@link #modules}); the test supplies the rest ({@link #body}).
 */
public final class ApacheProcess extends ServerProcess<ApacheProcess> {
    /** Loaded unless the test asks otherwise: the event MPM and authz_core. */
    public static final List<String> BASE_MODULES = List.of("mpm_event", "authz_core");

    private final Set<String> modules = new LinkedHashSet<>(BASE_MODULES);
    private String body = "";

    private ApacheProcess(Path base) {
        super(base, "apache");
    }

    public static ApacheProcess create(Path base) {
        ServerSupport.requireBinary(ServerSupport.APACHE);
        return new ApacheProcess(base);
    }

    /** Adds {@code LoadModule <name>_module .../mod_<name>.so} lines, e.g. "proxy", "proxy_http", "ssl". */
    public ApacheProcess modules(String... names) {
        modules.addAll(List.of(names));
        return this;
    }

    /** The test's own config, appended after the harness' server-level settings. */
    public ApacheProcess body(String text) {
        this.body = text;
        return this;
    }

    @Override
    protected String mainConfig() {
        StringBuilder sb = new StringBuilder();
        for (String m : modules) {
            sb.append("LoadModule ").append(m).append("_module ")
                    .append(ServerSupport.APACHE_MODULES.resolve("mod_" + m + ".so")).append('\n');
        }
        sb.append("ServerName 127.0.0.1\n")
                .append("Listen 127.0.0.1:@PORT@\n")
                .append("PidFile @DIR@/apache.pid\n")
                .append("ErrorLog @DIR@/error.log\n")
                .append("LogLevel warn\n")
                .append("DefaultRuntimeDir @DIR@/tmp\n")
                .append("Mutex file:@DIR@/tmp default\n")
                .append("CustomLog @DIR@/access.log \"%h \\\"%r\\\" %>s %D\"\n");
        if (ServerSupport.isRoot()) {
            sb.append("User www-data\nGroup www-data\n");
        }
        sb.append("StartServers 1\nServerLimit 2\nThreadLimit 16\nThreadsPerChild 16\n")
                .append("MaxRequestWorkers 32\nMinSpareThreads 1\nMaxSpareThreads 32\n")
                .append(body).append('\n');
        return sb.toString();
    }

    @Override
    public Path configFile() {
        return dir.resolve("httpd.conf");
    }

    @Override
    public Path errorLog() {
        return dir.resolve("error.log");
    }

    @Override
    protected List<String> startCommand() {
        return List.of(ServerSupport.APACHE.toString(), "-f", configFile().toString(), "-d", dir.toString(),
                "-DFOREGROUND");
    }

    @Override
    protected List<String> testCommand() {
        return List.of(ServerSupport.APACHE.toString(), "-t", "-f", configFile().toString(), "-d", dir.toString());
    }

    @Override
    protected String name() {
        return "apache:" + port;
    }
}
