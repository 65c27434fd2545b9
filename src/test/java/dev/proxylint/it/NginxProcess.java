package dev.proxylint.it;

import java.nio.file.Path;
import java.util.List;

/**
 * Real nginx from {@link ServerSupport#NGINX}. The test supplies the contents of the {@code http}
 * block ({@link #http}) or a whole main config ({@link #fullConfig}); the harness adds
 * {@code daemon off}, its own pid file, error log, access log and temp paths under {@link #dir()}.
 */
public final class NginxProcess extends ServerProcess<NginxProcess> {
    private String http;
    private String full;

    private NginxProcess(Path base) {
        super(base, "nginx");
    }

    /** A new instance in a fresh sub-directory of {@code base}; skips/fails when nginx is missing. */
    public static NginxProcess create(Path base) {
        ServerSupport.requireBinary(ServerSupport.NGINX);
        return new NginxProcess(base);
    }

    /** Text placed inside {@code http { ... }} after the harness' own settings. */
    public NginxProcess http(String httpBlockContent) {
        this.http = httpBlockContent;
        return this;
    }

    /** A complete main config; it must contain {@code daemon off;} and use {@code @DIR@} paths itself. */
    public NginxProcess fullConfig(String text) {
        this.full = text;
        return this;
    }

    /** The preamble the harness writes before {@code http {}} (pid, error log, user, events). */
    public static String preamble() {
        String user = ServerSupport.isRoot() ? "user nobody nogroup;\n" : "";
        return "daemon off;\n"
                + "master_process on;\n"
                + "worker_processes 1;\n"
                + user
                + "pid @DIR@/nginx.pid;\n"
                + "error_log @DIR@/error.log info;\n"
                + "events { worker_connections 256; }\n";
    }

    /** The harness' own lines at the top of the http block (logs and temp paths). */
    public static String httpPreamble() {
        return "    access_log @DIR@/access.log;\n"
                + "    client_body_temp_path @DIR@/tmp/body;\n"
                + "    proxy_temp_path @DIR@/tmp/proxy;\n"
                + "    fastcgi_temp_path @DIR@/tmp/fastcgi;\n"
                + "    uwsgi_temp_path @DIR@/tmp/uwsgi;\n"
                + "    scgi_temp_path @DIR@/tmp/scgi;\n";
    }

    @Override
    protected String mainConfig() {
        if (full != null) {
            return full;
        }
        if (http == null) {
            throw new IllegalStateException("NginxProcess: call http(...) or fullConfig(...) first");
        }
        return preamble() + "http {\n" + httpPreamble() + http + "\n}\n";
    }

    @Override
    public Path configFile() {
        return dir.resolve("nginx.conf");
    }

    @Override
    public Path errorLog() {
        return dir.resolve("error.log");
    }

    @Override
    protected List<String> startCommand() {
        return List.of(ServerSupport.NGINX.toString(), "-p", dir + "/", "-c", configFile().toString(),
                "-e", errorLog().toString());
    }

    @Override
    protected List<String> testCommand() {
        return List.of(ServerSupport.NGINX.toString(), "-t", "-p", dir + "/", "-c", configFile().toString(),
                "-e", errorLog().toString());
    }

    @Override
    protected String name() {
        return "nginx:" + port;
    }
}
