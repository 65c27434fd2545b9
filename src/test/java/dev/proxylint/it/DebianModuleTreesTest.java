package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proxylint.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Debian's own /etc/nginx and /etc/apache2 with the distribution's module packages installed
 * ({@code .ci/run} installs every libnginx-mod-* package and the common libapache2-mod-* ones, whose
 * install scripts enable them): the servers accept these trees (NginxDifferentialTest and
 * ApacheDifferentialTest run {@code nginx -t} / {@code apache2 -t} on them), so a proxylint finding
 * that says the server refuses something (SYN, CFG) is one the servers contradict. The whole
 * directory is checked as a user's audit would ({@code proxylint check /etc/nginx}), module
 * snippets in mods-available and modules-available included, and nothing may be set aside as
 * unreadable or fail.
 */
class DebianModuleTreesTest {
    /** Module packages CI installs; when servers are required their files must be there. */
    static final List<String> NGINX_MODULES = List.of("ngx_http_fancyindex_module.so", "ngx_http_lua_module.so",
            "ngx_nchan_module.so", "ngx_rtmp_module.so", "ngx_http_modsecurity_module.so", "ngx_stream_module.so");
    static final List<String> APACHE_MODULES = List.of("jk.load", "fcgid.load", "security2.load", "php8.2.load",
            "wsgi.load", "perl.load", "auth_mellon.load", "geoip.load");

    record Run(int code, String out, String err) {
    }

    static Run check(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Findings of the families that claim the server refuses the config: "file:line rule message". */
    static List<String> refusals(Run r) throws IOException {
        JsonNode root = new ObjectMapper().readTree(r.out());
        List<String> out = new ArrayList<>();
        for (JsonNode f : root.get("findings")) {
            String id = f.get("rule").asText();
            if (id.startsWith("SYN") || id.startsWith("CFG")) {
                out.add(f.get("file").asText() + ":" + f.get("startLine").asInt() + " " + id + " "
                        + f.get("message").asText());
            }
        }
        return out;
    }

    static void requireTree(Path main, Path binary, Path modules, List<String> names) {
        ServerSupport.requireBinary(binary);
        if (!Files.isRegularFile(main)) {
            Assertions.assertFalse(ServerSupport.serversRequired(), main + " is missing");
            Assumptions.assumeTrue(false, main + " is missing");
        }
        List<String> missing = names.stream().filter(n -> !Files.exists(modules.resolve(n))).toList();
        if (!missing.isEmpty()) {
            Assertions.assertFalse(ServerSupport.serversRequired(), "module packages not installed (.ci/run installs "
                    + "them): " + missing + " missing in " + modules);
            Assumptions.assumeTrue(false, "skipped: Debian module packages not installed: " + missing);
        }
    }

    @Test
    void debianNginxTreeWithEveryModulePackage_hasNoFindingNginxContradicts() throws IOException {
        requireTree(Path.of("/etc/nginx/nginx.conf"), ServerSupport.NGINX, Path.of("/usr/lib/nginx/modules"),
                NGINX_MODULES);
        long loaded;
        try (Stream<Path> s = Files.list(Path.of("/etc/nginx/modules-enabled"))) {
            loaded = s.count();
        }
        assertTrue(loaded >= NGINX_MODULES.size(), "modules-enabled holds " + loaded + " files");
        Run r = check("check", "--format", "json", "--path-map", "/=/", "--fail-on", "none", "/etc/nginx");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(), refusals(r), r.err());
        // the ModSecurity rule files beside nginx.conf are recognised and set aside, not parsed as nginx
        assertTrue(!Files.exists(Path.of("/etc/nginx/modsecurity.conf")) || r.err().contains("modsecurity.conf: a "
                + "ModSecurity rules file"), r.err());
    }

    @Test
    void debianModuleDirectives_nginxAcceptsThemLoadedAndRefusesThemUnloaded(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        List<String> sos = List.of("ndk_http_module.so", "ngx_http_auth_pam_module.so", "ngx_http_cache_purge_module.so",
                "ngx_http_dav_ext_module.so", "ngx_http_fancyindex_module.so", "ngx_http_memc_module.so",
                "ngx_http_modsecurity_module.so", "ngx_http_srcache_filter_module.so", "ngx_http_subs_filter_module.so",
                "ngx_http_uploadprogress_module.so", "ngx_http_upstream_fair_module.so", "ngx_nchan_module.so",
                "ngx_rtmp_module.so");
        Path modules = Path.of("/usr/share/nginx/modules");
        requireTree(Path.of("testdata/nginx/cfg/debian-module-directives.conf"), ServerSupport.NGINX, modules, sos);
        Path loaded = dir.resolve("loaded.conf");
        Files.copy(Path.of("testdata/nginx/cfg/debian-module-directives.conf"), loaded);
        Path unloaded = dir.resolve("unloaded.conf");
        Files.writeString(unloaded, Files.readString(loaded).replaceAll("(?m)^load_module .*\\n", ""));
        ProcResult ok = nginxTest(dir, loaded);
        assertEquals(0, ok.exitCode(), ok.output());
        Run r = check("check", "--format", "json", "--fail-on", "none", loaded.toString());
        assertEquals(List.of(), findings(r), r.err());
        // without the load_module lines nginx refuses the first module directive; proxylint names each module
        ProcResult refused = nginxTest(dir, unloaded);
        assertTrue(refused.exitCode() != 0 && refused.output().contains("unknown directive \"rtmp\""), refused.output());
        Run u = check("check", "--format", "concise", "--fail-on", "none", unloaded.toString());
        for (String module : List.of("rtmp", "uploadprogress", "upstream-fair", "fancyindex", "dav-ext", "auth-pam",
                "subs-filter", "cache-purge", "memc", "srcache", "nchan", "modsecurity")) {
            assertTrue(u.out().contains("needs the third-party module " + module + ". [CFG125]"), module + ": " + u.out());
        }
    }

    private static ProcResult nginxTest(Path dir, Path conf) {
        return ServerSupport.run(List.of(ServerSupport.NGINX.toString(), "-t", "-p", dir.toString(), "-c", conf.toString(),
                "-g", "pid " + dir.resolve("nginx.pid") + "; error_log " + dir.resolve("error.log") + ";"), dir,
                java.time.Duration.ofSeconds(60));
    }

    /** Every finding of a JSON report, as "line ID". */
    private static List<String> findings(Run r) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(r.out()).path("findings")) {
            out.add(f.get("startLine").asInt() + " " + f.get("rule").asText());
        }
        return out;
    }

    @Test
    void debianApacheTreeWithModulePackages_hasNoFindingHttpdContradicts() throws IOException {
        requireTree(Path.of("/etc/apache2/apache2.conf"), ServerSupport.APACHE, Path.of("/etc/apache2/mods-enabled"),
                APACHE_MODULES);
        Run r = check("check", "--format", "json", "--path-map", "/=/", "--fail-on", "none", "/etc/apache2");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(), refusals(r), r.err());
        // and every module's stock snippet named on its own (mods-available/*.conf, as a pre-commit run
        // passes changed files): checked with apache2.conf when it is enabled, alone when it is not
        List<String> args = new ArrayList<>(List.of("check", "--format", "json", "--path-map", "/=/", "--fail-on",
                "none"));
        try (Stream<Path> s = Files.list(Path.of("/etc/apache2/mods-available"))) {
            s.filter(p -> p.toString().endsWith(".conf")).sorted().forEach(p -> args.add(p.toString()));
        }
        Run each = check(args.toArray(String[]::new));
        assertEquals(0, each.code(), each.err());
        assertEquals(List.of(), refusals(each), each.err());
    }
}
