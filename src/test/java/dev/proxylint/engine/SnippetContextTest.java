package dev.proxylint.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A named snippet is checked as part of the main config above it that includes it (as the server
 * reads it): the main config's map defines $connection_upgrade, so the snippet's correct use of it
 * is no finding and no fix rewrites it; a repository's absolute includes of /etc/nginx/... are read
 * beside its main config; only the named files are reported unless --context all.
 */
class SnippetContextTest {
    @TempDir
    Path repo;

    static final String WS_SERVER = """
            server {
                listen 80;
                location /ws/ {
                    proxy_pass http://127.0.0.1:3000;
                    proxy_http_version 1.1;
                    proxy_set_header Upgrade $http_upgrade;
                    proxy_set_header Connection $connection_upgrade;
                    proxy_read_timeout 1h;
                }
            }
            """;

    @BeforeEach
    void layout() throws Exception {
        Files.createDirectories(repo.resolve(".git"));
        Files.createDirectories(repo.resolve("sites-enabled"));
        Files.writeString(repo.resolve("nginx.conf"), """
                events {}
                http {
                    map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                    server { listen 8080; location /cable/ { proxy_pass http://127.0.0.1:4000; } }
                    include sites-enabled/*;
                }
                """);
        Files.writeString(repo.resolve("sites-enabled/ws"), WS_SERVER);
    }

    @Test
    void aSnippetIsCheckedWithTheConfigThatIncludesIt() throws Exception {
        Path ws = repo.resolve("sites-enabled/ws");
        CliRun r = CliRun.of("check", "--format", "concise", ws.toString());
        assertFalse(r.out().contains("WS101") || r.out().contains("CFG110"), r.out());
        assertTrue(r.err().contains("checked as part of") && r.err().contains("nginx.conf"), r.err());
        assertFalse(r.out().contains("nginx.conf:"), "the including config's findings are not reported: " + r.out());
        // alone, the variable is unknown: that is what the context prevents
        CliRun alone = CliRun.of("check", "--format", "concise", "--context", "none", ws.toString());
        assertTrue(alone.out().contains("CFG110") || alone.out().contains("WS101"), alone.out());
        // asked for, the including config's own findings are reported too (its /socket/ route)
        CliRun all = CliRun.of("check", "--format", "concise", "--context", "all", ws.toString());
        assertTrue(all.out().contains("nginx.conf:4:"), all.out());
    }

    @Test
    void theFixLeavesACorrectSnippetAlone() throws Exception {
        Path ws = repo.resolve("sites-enabled/ws");
        CliRun r = CliRun.of("check", "--fix", "--format", "concise", ws.toString());
        assertEquals(WS_SERVER, Files.readString(ws), r.out() + r.err());
    }

    @Test
    void aSnippetNotIncludedIsCheckedAlone() throws Exception {
        Files.createDirectories(repo.resolve("sites-available"));
        Path other = repo.resolve("sites-available/ws");
        Files.writeString(other, WS_SERVER);
        CliRun r = CliRun.of("check", "--format", "concise", other.toString());
        assertFalse(r.err().contains("checked as part of"), r.err());
        assertTrue(r.out().contains("CFG110") || r.out().contains("WS101"), r.out());
    }

    @Test
    void aRepositoryLayoutReadsAbsoluteIncludesBesideItsMainConfig() throws Exception {
        Path d = Files.createDirectories(repo.resolve("docker/nginx/conf.d"));
        Files.writeString(d.getParent().resolve("nginx.conf"), """
                events {}
                http {
                    map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                    include /etc/nginx/conf.d/*.conf;
                }
                """);
        Files.writeString(d.resolve("app.conf"), WS_SERVER);
        CliRun r = CliRun.of("check", "--format", "concise", d.resolve("app.conf").toString());
        assertFalse(r.out().contains("CFG110") || r.out().contains("WS101"), r.out());
        assertTrue(r.err().contains("checked as part of"), r.err());
        // the main config itself reads the repository's conf.d, not this machine's /etc/nginx
        CliRun main = CliRun.of("check", "--format", "json", d.getParent().resolve("nginx.conf").toString());
        assertTrue(main.out().contains("app.conf"), main.out());
        // an explicit mapping: the same tree under another name
        Path moved = Files.createDirectories(repo.resolve("elsewhere"));
        Files.writeString(moved.resolve("main.conf"), """
                events {}
                http {
                    map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                    include /opt/site/conf.d/*.conf;
                }
                """);
        CliRun mapped = CliRun.of("check", "--format", "json", "--path-map", "/opt/site=" + d.getParent(),
                moved.resolve("main.conf").toString());
        assertTrue(mapped.out().contains("app.conf") && !mapped.out().contains("CFG101"), mapped.out());
        CliRun bad = CliRun.of("check", "--path-map", "relative=x", moved.resolve("main.conf").toString());
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
    }

    @Test
    void anApacheSnippetIsCheckedWithItsMainConfig() throws Exception {
        Path a = Files.createDirectories(repo.resolve("apache/sites-enabled"));
        Files.writeString(a.getParent().resolve("apache2.conf"), """
                LoadModule proxy_module modules/mod_proxy.so
                LoadModule proxy_http_module modules/mod_proxy_http.so
                LoadModule proxy_wstunnel_module modules/mod_proxy_wstunnel.so
                Listen 80
                IncludeOptional sites-enabled/*.conf
                """);
        Files.writeString(a.resolve("app.conf"), """
                <VirtualHost *:80>
                    ProxyPass /ws/ ws://127.0.0.1:3000/ws/
                </VirtualHost>
                """);
        CliRun r = CliRun.of("check", "--format", "concise", "--apache-version", "2.4.62", a.resolve("app.conf").toString());
        assertTrue(r.err().contains("checked as part of") && r.err().contains("apache2.conf"), r.err());
        assertFalse(r.out().contains("WS204"), "mod_proxy_wstunnel is loaded by the main config: " + r.out());
    }
}
