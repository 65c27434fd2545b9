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
    private Path hostsFile;

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

    /**
     * Runs httpd in a mount namespace of its own ({@code unshare -m}, root only) in which
     * {@code /etc/hosts} is {@code hosts} bind-mounted: the test controls what host names resolve to
     * for this httpd alone, and changes it by rewriting the file in place (same inode). The mount
     * is private to the namespace and ends with the process.
     */
    public ApacheProcess hostsFile(Path hosts) {
        this.hostsFile = hosts;
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
        List<String> httpd = List.of(ServerSupport.APACHE.toString(), "-f", configFile().toString(), "-d",
                dir.toString(), "-DFOREGROUND");
        if (hostsFile == null) {
            return httpd;
        }
        // unshare and sh exec in place: the PID the harness stops is httpd's own
        List<String> cmd = new java.util.ArrayList<>(List.of("unshare", "-m", "sh", "-c",
                "mount --bind \"$0\" /etc/hosts && exec \"$@\"", hostsFile.toString()));
        cmd.addAll(httpd);
        return cmd;
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
