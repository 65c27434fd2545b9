package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.syntax.Dialect;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a target version, directives and listen parameters that nginx added after the baseline
 * release (Debian 12's 1.22.1) are warnings; with a version they are an error or nothing.
 */
class BaselineVersionTest {
    @TempDir
    Path tmp;

    private static final String CONFIG = """
            events {}
            http {
                server {
                    listen 443 ssl;
                    listen 443 quic reuseport;
                    http2 on;
                    keepalive_time 1h;
                    ssl_certificate cert.pem;
                    ssl_certificate_key key.pem;
                }
            }
            stream {
                server {
                    listen 12345 default_server;
                    proxy_pass 127.0.0.1:1;
                }
            }
            """;

    private List<Finding> cfg(String version) {
        return SecCasesE2ETest.lintAll(tmp, Dialect.NGINX, CONFIG, version, null).stream()
                .filter(f -> f.ruleId().equals("CFG120") || f.ruleId().equals("CFG123")).toList();
    }

    @Test
    void unknownVersionWarnsForWhatCameAfterTheBaseline() {
        List<Finding> fs = cfg(null);
        assertEquals(List.of("CFG123@5", "CFG120@6", "CFG123@14"),
                fs.stream().map(f -> f.ruleId() + "@" + f.span().startLine()).toList(), fs::toString);
        assertTrue(fs.stream().allMatch(f -> f.level() == Level.WARNING), fs::toString);
        assertTrue(fs.get(1).message().contains("1.25.1"), fs.get(1)::message);
    }

    @Test
    void anOlderTargetIsAnError() {
        List<Finding> fs = cfg("1.22.1");
        assertEquals(3, fs.size(), fs::toString);
        assertTrue(fs.stream().allMatch(f -> f.level() == Level.ERROR), fs::toString);
    }

    @Test
    void aNewerTargetAcceptsThemAll() {
        assertEquals(List.of(), cfg("1.27.4"));
    }

    @Test
    void keepaliveTimeOf1_19_10IsBeforeTheBaseline() {
        assertTrue(cfg(null).stream().noneMatch(f -> f.message().contains("keepalive_time")));
        assertTrue(cfg("1.18.0").stream().anyMatch(f -> f.message().contains("keepalive_time")));
    }
}
