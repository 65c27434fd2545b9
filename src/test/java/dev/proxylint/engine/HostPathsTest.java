package dev.proxylint.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.cli.CliRun;
import dev.proxylint.syntax.ResolveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config scanned outside the server's own directories (a repository) never reads this machine's
 * files through an absolute include unless a mapping says so: such an include is a CFG107 note, the
 * config counts as incomplete, and the "never defined" checks hold back. Inside the main config's
 * directory, beside it under a server root, or mapped with --path-map, includes are read.
 */
class HostPathsTest {
    @TempDir
    Path repo;
    @TempDir
    Path host;

    @Test
    void anAbsoluteIncludeOutsideTheTreeIsNotReadAndHoldsBackUndefinedChecks() throws Exception {
        // a host file whose content would be a finding (autoindex on: SEC107) if it were read
        Path hostFile = Files.writeString(host.resolve("shared.conf"), "autoindex on;\n");
        Path main = Files.writeString(repo.resolve("nginx.conf"), """
                events {}
                http {
                    include %s;
                    server {
                        listen 80;
                        location /ws/ {
                            proxy_pass http://127.0.0.1:3000;
                            proxy_http_version 1.1;
                            proxy_set_header Upgrade $http_upgrade;
                            proxy_set_header Connection $connection_upgrade;
                            proxy_read_timeout 1h;
                            limit_req zone=shared;
                        }
                    }
                }
                """.formatted(hostFile));
        // the text format: the --path-map hint follows the first sentence, which concise shows alone
        CliRun r = CliRun.of("check", "--format", "text", "--fail-on", "error", main.toString());
        assertTrue(r.out().contains("CFG107") && r.out().contains("--path-map " + host), r.out());
        assertFalse(r.out().contains("SEC107"), "the host file must not be read: " + r.out());
        for (String held : new String[] {"CFG110", "CFG126", "WS101", "CFG101"}) {
            assertFalse(r.out().contains(held), held + " must hold back on an incomplete config: " + r.out());
        }
        assertEquals(0, r.code(), "no error is left once the unread include holds the checks back: " + r.out());

        // mapped onto itself, the host file is read: its finding appears, CFG107 does not
        CliRun mapped = CliRun.of("check", "--format", "concise", "--path-map", "/=/", main.toString());
        assertTrue(mapped.out().contains("SEC107") && !mapped.out().contains("CFG107"), mapped.out());

        // without the unread include, the same config is complete and the undefined names are errors
        Files.writeString(main, Files.readString(main).replace("include " + hostFile + ";", ""));
        CliRun complete = CliRun.of("check", "--format", "concise", main.toString());
        assertTrue(complete.out().contains("CFG110") && complete.out().contains("CFG126"), complete.out());
    }

    @Test
    void anAbsoluteIncludeInsideTheMainConfigsDirectoryIsRead() throws Exception {
        Path inc = Files.writeString(Files.createDirectories(repo.resolve("snippets")).resolve("a.conf"),
                "autoindex on;\n");
        Path main = Files.writeString(repo.resolve("nginx.conf"),
                "events {}\nhttp {\n    include " + inc.toAbsolutePath() + ";\n}\n");
        CliRun r = CliRun.of("check", "--format", "concise", main.toString());
        assertTrue(r.out().contains("SEC107") && !r.out().contains("CFG107"), r.out());
    }

    @Test
    void apacheServerRootSetByTheConfigIsAHostPath() throws Exception {
        Path hostConf = Files.createDirectories(host.resolve("conf.d"));
        Files.writeString(hostConf.resolve("x.conf"), "TraceEnable On\n");
        Path main = Files.writeString(repo.resolve("httpd.conf"), """
                ServerRoot "%s"
                LoadModule proxy_module modules/mod_proxy.so
                Listen 80
                Include conf.d/*.conf
                IncludeOptional /opt/proxylint-absent/*.conf
                """.formatted(host));
        CliRun r = CliRun.of("check", "--format", "concise", main.toString());
        assertEquals(2, r.out().lines().filter(l -> l.contains("CFG107")).count(), r.out());
        assertFalse(r.out().contains("SEC206") || r.out().contains("CFG101"), r.out());
        CliRun mapped = CliRun.of("check", "--format", "concise", "--path-map", host + "=" + host, main.toString());
        assertTrue(mapped.out().contains("SEC206"), mapped.out());
    }

    @Test
    void dumpShowsTheMappingOfEachInclude() throws Exception {
        Path d = Files.createDirectories(repo.resolve("docker/nginx/conf.d"));
        Files.writeString(d.resolve("app.conf"), "server { listen 80; }\n");
        Path main = Files.writeString(d.getParent().resolve("nginx.conf"), """
                events {}
                http {
                    include /etc/nginx/conf.d/*.conf;
                    include /etc/nginx/mime.types;
                    include conf.d/app.conf;
                }
                """);
        CliRun r = CliRun.of("dump", main.toString());
        String out = r.out();
        assertTrue(out.contains("\"mapping\" : \"beside-main\""), out);
        assertTrue(out.contains("\"mapping\" : \"not-read\""), out);
        assertTrue(out.contains("\"mapping\" : \"as-written\""), out);
        assertTrue(out.contains(d.resolve("*.conf").toString()), out);
    }

    @Test
    void theMappingRules() {
        ResolveOptions o = ResolveOptions.defaults().withPathMap(Map.of(Path.of("/srv/app"), Path.of("/work/app")));
        Path repoDir = Path.of("/nonexistent-repo/nginx");
        // explicit mapping first
        assertEquals(ResolveOptions.How.PATH_MAP, o.mapInclude(Path.of("/srv/app/x.conf"), repoDir, true).how());
        assertEquals(Path.of("/work/app/x.conf"), o.mapInclude(Path.of("/srv/app/x.conf"), repoDir, true).path());
        // a host path outside the tree is not read; a path the config does not name itself is
        assertEquals(ResolveOptions.How.NOT_READ, o.mapInclude(Path.of("/etc/nginx/mime.types"), repoDir, true).how());
        assertEquals(ResolveOptions.How.AS_WRITTEN, o.mapInclude(Path.of("/etc/nginx/mime.types"), repoDir, false).how());
        // a config where the server keeps it means its paths as written
        assertEquals(ResolveOptions.How.AS_WRITTEN,
                o.mapInclude(Path.of("/opt/elsewhere/x.conf"), Path.of("/etc/nginx"), true).how());
        // inside the main config's directory
        assertEquals(ResolveOptions.How.AS_WRITTEN,
                o.mapInclude(Path.of("/nonexistent-repo/nginx/conf.d/*.conf"), repoDir, true).how());
        assertEquals("/etc/nginx", ResolveOptions.suggestFrom(Path.of("/etc/nginx/conf.d/*.conf")));
        assertEquals("/opt/x", ResolveOptions.suggestFrom(Path.of("/opt/x/*/y.conf")));
        assertEquals("/opt/x", ResolveOptions.suggestFrom(Path.of("/opt/x/y.conf")));
    }
}
