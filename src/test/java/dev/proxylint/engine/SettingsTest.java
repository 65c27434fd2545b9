package dev.proxylint.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.proxylint.rules.Level;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.tls.OpensslVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The project configuration with the command line on top. */
class SettingsTest {
    static Settings.CliValues none() {
        return new Settings.CliValues(null, null, null, null, null, null, null, null, List.of(), List.of(), null,
                null, Map.of(), List.of(), List.of(), "named", 3);
    }

    static ProjectConfig config() {
        ProjectConfig c = new ProjectConfig();
        c.failOn = "error";
        c.minLevel = Level.WARNING;
        c.websocket = "never";
        c.tlsProfile = "mozilla-old";
        c.nginxVersion = "1.22.1";
        c.apacheVersion = "2.4.62";
        c.opensslVersion = OpensslVersion.V1_1_1;
        c.select = List.of("tls");
        c.ignore = List.of("TLS101");
        c.nginxPrefix = Path.of("/etc/nginx");
        c.defines = Map.of("A", "1", "B", "2");
        c.modules = List.of("proxy_module");
        c.modulesComplete = true;
        c.pathMap = Map.of(Path.of("/etc/nginx"), Path.of("/cfg/nginx"), Path.of("/etc/apache2"), Path.of("/cfg/a"));
        return c;
    }

    @Test
    void defaultsWithoutEither() {
        Settings.Merged m = Settings.merge(new ProjectConfig(), none());
        assertEquals(Level.WARNING, m.failLevel());
        LintOptions o = m.options();
        assertEquals(Level.NOTE, o.minLevel());
        assertNull(o.dialect());
        assertEquals("auto", o.settings().websocket());
        assertEquals("mozilla-intermediate", o.settings().tlsProfile());
        assertEquals(OpensslVersion.DEFAULT, o.settings().openssl());
        assertEquals(LintOptions.Context.NAMED, o.context());
        assertEquals(3, o.threads());
    }

    @Test
    void theConfigFillsWhatTheCommandLineLeavesOut() {
        LintOptions o = Settings.merge(config(), none()).options();
        assertEquals(Level.WARNING, o.minLevel());
        assertEquals("never", o.settings().websocket());
        assertEquals("mozilla-old", o.settings().tlsProfile());
        assertEquals("1.22.1", o.settings().nginxVersion());
        assertEquals("2.4.62", o.resolve().apacheVersion());
        assertEquals(OpensslVersion.V1_1_1, o.settings().openssl());
        assertEquals(Path.of("/etc/nginx"), o.resolve().prefix());
        assertEquals(Set.of("proxy_module"), o.resolve().modules());
        assertEquals(true, o.resolve().modulesKnown());
        assertEquals(new Selection(Set.of("TLS"), Set.of("TLS101"), Map.of()), o.selection());
        assertEquals(Level.ERROR, Settings.merge(config(), none()).failLevel());
    }

    @Test
    void theCommandLineWins() {
        Settings.CliValues cli = new Settings.CliValues("none", "error", "apache", "always", "mozilla-modern",
                "1.25.0", "2.4.58", "3.0", List.of("WS"), List.of("WS104"), Path.of("/p"), Path.of("/r"),
                Map.of("B", "3"), List.of("ssl_module"), List.of("/etc/nginx=/mine"), "all", 0);
        Settings.Merged m = Settings.merge(config(), cli);
        assertNull(m.failLevel());
        LintOptions o = m.options();
        assertEquals(Level.ERROR, o.minLevel());
        assertEquals(Dialect.APACHE, o.dialect());
        assertEquals("always", o.settings().websocket());
        assertEquals("mozilla-modern", o.settings().tlsProfile());
        assertEquals("1.25.0", o.resolve().nginxVersion());
        assertEquals("2.4.58", o.settings().apacheVersion());
        assertEquals(OpensslVersion.V3_0, o.settings().openssl());
        assertEquals(Path.of("/p"), o.resolve().prefix());
        assertEquals(Path.of("/r"), o.resolve().serverRoot());
        // defines and modules add up, the command line's value wins; ignores add up, select replaces
        assertEquals(Map.of("A", "1", "B", "3"), o.resolve().defines());
        assertEquals(Set.of("proxy_module", "ssl_module"), o.resolve().modules());
        assertEquals(Map.of(Path.of("/etc/nginx"), Path.of("/mine"), Path.of("/etc/apache2"), Path.of("/cfg/a")),
                o.resolve().pathMap());
        assertEquals(LintOptions.Context.ALL, o.context());
        assertEquals(1, o.threads());
        assertEquals(new Selection(Set.of("WS"), Set.of("TLS101", "WS104"), Map.of()), o.selection());
    }
}
