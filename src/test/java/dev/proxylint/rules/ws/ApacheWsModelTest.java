package dev.proxylint.rules.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.apache.ApacheFrontend;
import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.cases.CaseFile;
import dev.proxylint.rules.Finding;
import dev.proxylint.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Apache model facts behind WS202/WS205/WS209 (as observed on Apache 2.4.71, see
 * testdata/apache/ws/README.md) and version-dependent messages and fixes of the WebSocket rules.
 */
class ApacheWsModelTest {
    @TempDir
    Path tmp;

    static ApacheModel model(String text) {
        return ApacheModel.build(new ApacheFrontend().parse(SourceFile.of("t.conf", text)).items());
    }

    @Test
    void virtualHostTakesMainServerRewriteEngineUnlessItSetsItsOwn() {
        ApacheModel m = model("RewriteEngine On\n<VirtualHost *:80>\n</VirtualHost>\n"
                + "<VirtualHost *:81>\nRewriteEngine Off\n</VirtualHost>\n");
        assertTrue(m.mainServer().rewriteEngineOn());
        assertTrue(m.virtualHosts().get(0).rewriteEngineOn());
        assertFalse(m.virtualHosts().get(1).rewriteEngineOn());
        ApacheModel off = model("<VirtualHost *:80>\nRewriteRule ^ - [L]\n</VirtualHost>\n");
        assertFalse(off.virtualHosts().get(0).rewriteEngineOn());
    }

    @Test
    void mainServerRulesReachVirtualHostsOnlyWithInheritOrInheritDownPlusOwnRewriteDirective() {
        ApacheModel m = model("RewriteOptions InheritDown\n"
                + "<VirtualHost *:80>\nProxyPass / http://b/\n</VirtualHost>\n"
                + "<VirtualHost *:81>\nRewriteEngine On\n</VirtualHost>\n"
                + "<VirtualHost *:82>\nrewriteoptions inherit\n</VirtualHost>\n");
        assertFalse(m.virtualHosts().get(0).usesRewrite());
        assertFalse(m.virtualHosts().get(0).inheritsMainRewrites(), "InheritDown ignored without own mod_rewrite directive");
        assertTrue(m.virtualHosts().get(1).inheritsMainRewrites());
        assertTrue(m.virtualHosts().get(2).inheritsMainRewrites());
        assertFalse(m.mainServer().inheritsMainRewrites());
        ApacheModel none = model("<VirtualHost *:80>\nRewriteEngine On\n</VirtualHost>\n");
        assertFalse(none.virtualHosts().get(0).inheritsMainRewrites());
    }

    @Test
    void workerUpgradeComesFromTheLongestMatchingWorker() {
        ApacheModel m = model("ProxyPass /a http://b/ upgrade=ANY\n<VirtualHost *:80>\n"
                + "ProxyPass /ws http://b/ws upgrade=websocket\n<Proxy http://b/ws/x>\nProxySet upgrade=h2c\n</Proxy>\n"
                + "</VirtualHost>\n");
        var v = m.virtualHosts().get(0);
        assertEquals("websocket", dev.proxylint.facts.ApacheRoute.workerUpgrade(m, v, "http://b/ws/chat"));
        assertEquals("h2c", dev.proxylint.facts.ApacheRoute.workerUpgrade(m, v, "http://b/ws/x/1"));
        assertEquals("ANY", dev.proxylint.facts.ApacheRoute.workerUpgrade(m, v, "http://b/other"));
        assertNull(dev.proxylint.facts.ApacheRoute.workerUpgrade(m, v, "http://c/ws"));
        assertTrue(ApacheUpgrade.forwardsWebSocket("WebSocket"));
        assertTrue(ApacheUpgrade.forwardsWebSocket("*"));
        assertFalse(ApacheUpgrade.forwardsWebSocket("none"));
        assertFalse(ApacheUpgrade.forwardsWebSocket(null));
    }

    @Test
    void coversIsPrefixOnSegmentBoundaries() {
        assertTrue(ApacheUpgrade.covers("/", "/ws"));
        assertTrue(ApacheUpgrade.covers("/ws", "/ws/chat"));
        assertTrue(ApacheUpgrade.covers("/ws", "/ws"), "the same path: the earlier mapping wins");
        assertFalse(ApacheUpgrade.covers("/ws", "/wsx"));
        assertTrue(ApacheUpgrade.covers("/ws/", "/ws/chat"));
        assertFalse(ApacheUpgrade.covers("/w", "/ws"));
        assertFalse(ApacheUpgrade.covers("/api", "/ws"));
    }

    private List<Finding> lint(String name, String text) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("apache/ws"));
        Path p = Files.writeString(dir.resolve(name), text);
        return CaseFile.read(p).lint().findings();
    }

    private static Finding only(List<Finding> fs, String id) {
        List<Finding> of = fs.stream().filter(f -> f.ruleId().equals(id)).toList();
        assertEquals(1, of.size(), id + " in " + fs);
        return of.get(0);
    }

    @Test
    void ws201BeforeUpgradeOptionExistedHasNoFixAndNamesTheRecipe() throws IOException {
        String conf = "<VirtualHost *:80>\nProxyPass /ws http://127.0.0.1:8080/ws\n</VirtualHost>\n";
        Finding old = only(lint("old.conf", "# options: apache-version=2.4.46\n" + conf), "WS201");
        assertNull(old.fix(), "upgrade=websocket would make 2.4.46 refuse the config");
        assertTrue(old.message().contains("mod_proxy_wstunnel"), old.message());
        Finding unknown = only(lint("unknown.conf", conf), "WS201");
        assertNotNull(unknown.fix());
        assertTrue(unknown.message().contains("target version unknown"), unknown.message());
        Finding modern = only(lint("modern.conf", "# options: apache-version=2.4.62\n" + conf), "WS201");
        assertFalse(modern.message().contains("unknown"), modern.message());
    }

    @Test
    void ws203DependsOnTheTargetVersion() throws IOException {
        String conf = "<VirtualHost *:80>\nRewriteEngine On\nRewriteRule ^/ws(.*) ws://127.0.0.1:8080/ws$1 [P,L]\n"
                + "</VirtualHost>\n";
        Finding unknown = only(lint("u.conf", conf), "WS203");
        assertTrue(unknown.message().contains("target version unknown"), unknown.message());
        Finding old = only(lint("o.conf", "# options: apache-version=2.4.46\n" + conf), "WS203");
        assertFalse(old.message().contains("unknown"), old.message());
        assertTrue(lint("m.conf", "# options: apache-version=2.4.47\n" + conf).stream()
                .noneMatch(f -> f.ruleId().equals("WS203")));
    }

    @Test
    void ws209FixAddsInheritToEveryAffectedVirtualHost() throws IOException {
        String conf = "RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\n"
                + "RewriteRule ^/?(.*) ws://127.0.0.1:8080/$1 [P,L]\n"
                + "<VirtualHost *:80>\n  ProxyPass / http://127.0.0.1:8080/\n</VirtualHost>\n"
                + "<VirtualHost *:81>\n\tProxyPass / http://127.0.0.1:8080/\n</VirtualHost>\n"
                + "<VirtualHost *:82>\n  RewriteOptions Inherit\n  ProxyPass / http://127.0.0.1:8080/\n</VirtualHost>\n";
        Finding f = only(lint("inh.conf", conf), "WS209");
        assertEquals(2, f.related().size(), f.related().toString());
        assertTrue(f.message().contains("2 virtual host(s)"), f.message());
        assertEquals(2, f.fix().edits().size());
        assertEquals("  RewriteOptions Inherit\n", f.fix().edits().get(0).replacement());
        assertEquals("\tRewriteOptions Inherit\n", f.fix().edits().get(1).replacement());
    }

    @Test
    void ws205SeesMainServerMappingsFirstInVirtualHosts() throws IOException {
        String conf = "ProxyPass / http://127.0.0.1:8080/\n<VirtualHost *:80>\nProxyPass /ws ws://127.0.0.1:8080/ws\n"
                + "</VirtualHost>\n<VirtualHost *:81>\n<Location /ws>\nProxyPass ws://127.0.0.1:8080/ws\n</Location>\n"
                + "</VirtualHost>\n";
        Finding f = only(lint("order.conf", conf), "WS205");
        assertEquals(3, f.span().startLine());
        assertNull(f.fix());
        assertEquals(1, f.related().get(0).span().startLine());
    }
}
