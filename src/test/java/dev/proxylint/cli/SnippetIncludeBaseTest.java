package dev.proxylint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.syntax.ResolveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snippet checked without its main config resolves a relative include against the directory it
 * was written for (the conf directory or ServerRoot above it), so the included file is read and
 * checked instead of being reported missing; a file that really is missing is still reported.
 */
class SnippetIncludeBaseTest {
    @TempDir
    Path dir;

    Path write(String name, String text) throws Exception {
        return CliTest.write(dir, name, text);
    }

    @Test
    void nginxSiteSnippetReadsItsIncludesFromTheConfDirectoryAbove() throws Exception {
        write("nginx/snippets/ws.conf", "proxy_set_header Upgrade $http_upgrade;\nproxy_set_header Connection \"upgrade\";\n"
                + "proxy_http_version 1.1;\n");
        Path site = write("nginx/sites-available/app.conf", "server {\n    listen 80;\n    location /ws/ {\n"
                + "        proxy_pass http://127.0.0.1:8080;\n        include snippets/ws.conf;\n"
                + "        include snippets/missing.conf;\n    }\n}\n");
        CliTest.Run r = CliTest.run("check", "--format", "concise", site.toString());
        assertTrue(r.out().contains("app.conf:6:9: error: include \"snippets/missing.conf\": no such file. [CFG101]"), r.out());
        assertFalse(r.out().contains("snippets/ws.conf\": no such file"), r.out());
        // the included headers were read: the route upgrades (no WS100/WS101/WS102), and the snippet itself is checked
        for (String id : new String[] {"[WS100]", "[WS101]", "[WS102]"}) {
            assertFalse(r.out().contains(id), r.out());
        }
        assertTrue(r.out().contains("nginx/snippets/ws.conf:1:1: note:"), r.out());
        // with --prefix the snippet's includes are the prefix's, as nginx -p says
        CliTest.Run p = CliTest.run("check", "--format", "concise", "--prefix", dir.resolve("nginx/sites-available").toString(),
                site.toString());
        assertTrue(p.out().contains("snippets/ws.conf\": no such file"), p.out());
    }

    @Test
    void apacheVhostTemplateReadsItsIncludesFromTheServerRootAbove() throws Exception {
        write("apache/h5bp/security/trace.conf", "TraceEnable On\n");
        Path vhost = write("apache/vhosts/templates/example.conf", "<VirtualHost *:80>\n    ServerName a.example\n"
                + "    Include h5bp/security/trace.conf\n</VirtualHost>\n");
        CliTest.Run r = CliTest.run("check", "--format", "concise", vhost.toString());
        assertFalse(r.out().contains("[CFG101]"), r.out());
        assertTrue(r.out().contains("trace.conf:1:1: note: TraceEnable On"), r.out()); // the included file is checked
    }

    @Test
    void theSearchStopsAtTheRepositoryRootAndAfterThreeLevels() throws Exception {
        write("repo/snippets/a.conf", "add_header X-A 1;\n");
        Files.createDirectories(dir.resolve("repo/.git"));
        Path deep = dir.resolve("repo/a/b/c");
        Files.createDirectories(deep);
        assertEquals(dir.resolve("repo"), ResolveOptions.snippetBase(dir.resolve("repo/a"), "snippets/a.conf", false));
        assertEquals(dir.resolve("repo"), ResolveOptions.snippetBase(dir.resolve("repo/a/b"), "snippets/a.conf", false));
        assertNull(ResolveOptions.snippetBase(dir.resolve("repo/a/b/c/d"), "snippets/a.conf", false), "four levels up");
        assertEquals(dir.resolve("repo"), ResolveOptions.snippetBase(dir.resolve("repo/a"), "snippets/*.conf", true));
        // the file where the snippet is: nothing to look for; above the repository: not looked at
        assertNull(ResolveOptions.snippetBase(dir.resolve("repo"), "snippets/a.conf", false));
        write("outside.conf", "x;\n");
        assertNull(ResolveOptions.snippetBase(dir.resolve("repo"), "outside.conf", false));
        assertNull(ResolveOptions.snippetBase(dir.resolve("repo/a"), "/etc/nginx/mime.types", false));
    }
}
