package dev.proxylint.rules.tmo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.cases.CaseFile;
import dev.proxylint.engine.Input;
import dev.proxylint.engine.LintOptions;
import dev.proxylint.engine.Selection;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.RuleSettings;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.ResolveOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages, options and inheritance of the timeout rules, linted from strings. */
class TimeoutRulesTest {
    @TempDir
    Path tmp;

    List<Finding> lint(Dialect d, String text, String apacheVersion, Map<String, Map<String, Object>> opts)
            throws IOException {
        Path f = Files.createTempFile(tmp, "case", ".conf");
        Files.writeString(f, text);
        RuleSettings s = new RuleSettings(null, apacheVersion, "mozilla-intermediate", "auto",
                RuleSettings.DEFAULT_WEBSOCKET_PATHS, opts);
        ResolveOptions ro = new ResolveOptions(null, null, Map.of(), Set.of(), false, apacheVersion, null);
        return CaseFile.linter().run(List.of(new Input(f, null, true)), new LintOptions(d, ro, s, Selection.all(),
                Level.NOTE, List.of(), 1), null).findings().stream()
                .filter(x -> x.ruleId().startsWith("TMO") || x.ruleId().equals("SYN003")).toList();
    }

    static List<String> ids(List<Finding> fs) {
        return fs.stream().map(f -> f.ruleId() + "@" + f.span().startLine()).toList();
    }

    @Test
    void apacheVirtualHostTimeoutOverridesTheMainServer() throws IOException {
        String conf = "Timeout 3600\n<VirtualHost *:80>\n    Timeout 20\n    ProxyPass /ws/ ws://b/ws/\n</VirtualHost>\n"
                + "<VirtualHost *:81>\n    ProxyPass /ws/ ws://b/ws/\n</VirtualHost>\n";
        List<Finding> fs = lint(Dialect.APACHE, conf, null, Map.of());
        assertEquals(List.of("TMO104@4"), ids(fs));
        assertTrue(fs.get(0).message().contains("Timeout 20") && fs.get(0).message().contains("after 20 s"),
                fs.get(0).message());
    }

    @Test
    void mainServerProxySetReachesTheVirtualHostsWorker() throws IOException {
        String conf = "<Proxy http://b:8080>\n    ProxySet timeout=30\n</Proxy>\n<VirtualHost *:80>\n"
                + "    ProxyPass /ws/ http://b:8080/ws/ upgrade=websocket\n</VirtualHost>\n";
        List<Finding> fs = lint(Dialect.APACHE, conf, null, Map.of());
        // the finding sits where its fix goes: on the ProxySet whose timeout= it raises; the route is related
        assertEquals(List.of("TMO101@2"), ids(fs));
        Finding f = fs.get(0);
        assertEquals(5, f.related().get(0).span().startLine(), f.related().toString());
        assertTrue(f.message().contains("close after 60 s") && f.message().contains("ProxySet timeout=30"), f.message());
        // the fix raises the ProxySet value rather than adding a second timeout
        assertEquals("timeout=3600", f.fix().edits().get(0).replacement());
        assertEquals(2, f.fix().edits().get(0).span().startLine());
    }

    @Test
    void thresholdsAreRuleOptions() throws IOException {
        String nginx = "events {}\nhttp { server { location /api/ { proxy_pass http://b; proxy_read_timeout 30s; }\n"
                + "location /ws { proxy_pass http://b; proxy_read_timeout 10m; } } }\n";
        assertEquals(List.of(), ids(lint(Dialect.NGINX, nginx, null, Map.of())));
        List<Finding> fs = lint(Dialect.NGINX, nginx, null,
                Map.of("TMO102", Map.of("min-seconds", 60), "TMO101", Map.of("min-seconds", 3600)));
        assertEquals(List.of("TMO102@2", "TMO101@3"), ids(fs));
        assertTrue(fs.get(1).message().contains("close after 10 min"), fs.get(1).message());
    }

    @Test
    void unitSuffixMessageSaysWhatApacheReads() throws IOException {
        Finding f = lint(Dialect.APACHE, "ProxyTimeout 5m\n", null, Map.of()).get(0);
        assertEquals("TMO106", f.ruleId());
        assertTrue(f.message().startsWith("ProxyTimeout 5m means 5 s"), f.message());
        assertEquals("300", f.fix().edits().get(0).replacement());
    }

    @Test
    void aUnitOfSecondsIsANoteAnyOtherAnError() throws IOException {
        List<Finding> fs = lint(Dialect.APACHE, "Timeout 30s\nProxyTimeout 2h\n", null, Map.of());
        assertEquals(List.of("TMO106@1", "TMO106@2"), ids(fs));
        assertEquals(Level.NOTE, fs.get(0).level(), "httpd reads 30s as 30 seconds, as written");
        assertTrue(fs.get(0).message().startsWith("Timeout 30s means 30 s only because the unit is seconds"),
                fs.get(0).message());
        assertEquals("30", fs.get(0).fix().edits().get(0).replacement());
        assertEquals(Level.ERROR, fs.get(1).level(), "httpd reads 2h as 2 seconds");
    }

    @Test
    void websocketDirectivesAgainstTargetVersion() throws IOException {
        String conf = "ProxyWebsocketIdleTimeout 300\n";
        assertEquals(List.of("TMO107@1"), ids(lint(Dialect.APACHE, conf, "2.4.71", Map.of())));
        assertEquals(List.of("TMO107@1"), ids(lint(Dialect.APACHE, conf, null, Map.of())));
        assertEquals(List.of(), ids(lint(Dialect.APACHE, conf, "2.5.1", Map.of())));
        String fb = "LoadModule proxy_module m/mod_proxy.so\nProxyWebsocketFallbackToProxyHttp Off\n";
        Finding f = lint(Dialect.APACHE, fb, "2.4.71", Map.of()).get(0);
        assertTrue(f.message().contains("mod_proxy_wstunnel, which this configuration does not load"), f.message());
        assertEquals(List.of(), ids(lint(Dialect.APACHE,
                fb + "LoadModule proxy_wstunnel_module m/mod_proxy_wstunnel.so\n", "2.4.71", Map.of())));
    }

    @Test
    void nginxMessagesNameTheDefault() throws IOException {
        String nginx = "events {}\nhttp { server { location /ws { proxy_pass http://b;\n"
                + "proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade; } } }\n";
        Finding f = lint(Dialect.NGINX, nginx, null, Map.of()).get(0);
        assertEquals("TMO101", f.ruleId());
        assertTrue(f.message().startsWith("WebSocket connections on location /ws close after 1 min without traffic.")
                && f.message().contains("The limit comes from nginx's default proxy_read_timeout of 60 s"), f.message());
    }

    @Test
    void aRewriteThatNeverRunsHasNoIdleFinding() throws IOException {
        String rule = "RewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^/ws ws://b/ws [P]\n";
        assertEquals(List.of(), ids(lint(Dialect.APACHE, "Timeout 20\n" + rule, null, Map.of())));
        assertEquals(List.of("TMO104@4"), ids(lint(Dialect.APACHE, "Timeout 20\nRewriteEngine On\n" + rule, null, Map.of())));
    }

    /** In .htaccess a <Proxy> section makes httpd answer 500: the fix that would add one is not offered there. */
    @Test
    void noProxySectionFixInHtaccess() throws IOException {
        String rules = "RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\n"
                + "RewriteRule ^ws/(.*) ws://127.0.0.1:8080/ws/$1 [P,L]\n";
        Path site = Files.createDirectories(tmp.resolve("site"));
        Path ht = site.resolve(".htaccess");
        Files.writeString(ht, rules);
        RuleSettings s = RuleSettings.defaults();
        List<Finding> fs = CaseFile.linter().run(List.of(new Input(ht, null, true)), new LintOptions(Dialect.APACHE,
                ResolveOptions.defaults(), s, Selection.all(), Level.NOTE, List.of(), 1), null).findings().stream()
                .filter(x -> x.ruleId().equals("TMO101")).toList();
        assertEquals(1, fs.size(), fs.toString());
        assertEquals(null, fs.get(0).fix(), "no <Proxy> insertion in .htaccess");
        assertTrue(fs.get(0).message().contains(".htaccess cannot hold one"), fs.get(0).message());
        // the same rules in a server config get the <Proxy> fix
        List<Finding> server = lint(Dialect.APACHE, rules, null, Map.of());
        assertTrue(server.get(0).fix() != null && server.get(0).fix().edits().get(0).replacement().contains("<Proxy"),
                server.toString());
    }
}
