package dev.proxylint.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VersionsTest {
    @Test
    void comparesNumerically() {
        assertTrue(Versions.compare("1.27.3", "1.27.2") > 0);
        assertTrue(Versions.compare("2.4.9", "2.4.62") < 0);
        assertEquals(0, Versions.compare("1.27", "1.27.0"));
        assertTrue(Versions.compare("1.1.1w", "1.1.1") > 0);
        assertTrue(Versions.compare("1.1.1w", "1.1.1k") > 0);
        assertTrue(Versions.compare("3.0.0", "1.1.1w") > 0);
        assertTrue(Versions.atLeast("1.23.4", TlsDefaults.NGINX_TLS13_DEFAULT_SINCE));
        assertFalse(Versions.atLeast("1.23.3", TlsDefaults.NGINX_TLS13_DEFAULT_SINCE));
    }

    @Test
    void parsesServerBanners() {
        assertEquals("1.22.1", Versions.parse("nginx/1.22.1").orElseThrow().text());
        assertEquals("2.4.62", Versions.parse("Apache/2.4.62 (Debian)").orElseThrow().text());
        assertEquals(3, Versions.parse("OpenSSL 3.0.22 25 Aug 2026").orElseThrow().part(0));
        assertTrue(Versions.parse("none").isEmpty());
        assertTrue(Versions.parse(null).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Versions.compare("x", "1"));
        // absurdly long numbers do not overflow or throw
        assertTrue(Versions.parse("99999999999999999999.1").isPresent());
    }

    @Test
    void plainVersionsAreDigitsAndDots() {
        assertTrue(Versions.isPlain("2", 3));
        assertTrue(Versions.isPlain("2.4.71", 3));
        assertFalse(Versions.isPlain("2.4.71.1", 3));
        assertTrue(Versions.isPlain("2.4.71.1", 4));
        for (String bad : new String[] {"", "2.", ".4", "2..4", "2.4.x", "+2.4", "2.-1", "1.1.1w", "v2.4", null}) {
            assertFalse(Versions.isPlain(bad, 3), String.valueOf(bad));
        }
    }
}
