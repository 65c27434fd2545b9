package dev.proxylint.rules.cfg;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** OpenSSL 3.0's group and SSL_CONF rules as nginx -t showed them (the cases run them through nginx). */
class NginxOpensslValuesTest {
    @Test
    void groupsAreExactNamesEachOnce() {
        assertNull(NginxOpensslValues.groupsError("X25519:prime256v1:secp384r1"));
        assertNull(NginxOpensslValues.groupsError("x25519 : P-521:ffdhe3072"));
        assertNotNull(NginxOpensslValues.groupsError("PRIME256V1"), "case-sensitive");
        assertNotNull(NginxOpensslValues.groupsError("P-256:secp256r1"), "one group under two names");
        assertNotNull(NginxOpensslValues.groupsError("X25519:"), "an empty element");
        assertNotNull(NginxOpensslValues.groupsError("brainpoolP256r1tls13"), "a TLS 1.3 name OpenSSL 3.0 lacks");
    }

    @Test
    void confCommands() {
        assertNull(NginxOpensslValues.command("OPTIONS", "-sessionticket"));
        assertNull(NginxOpensslValues.command("SignatureAlgorithms", "anything: not judged"));
        assertNotNull(NginxOpensslValues.command("Options", "-SessionTicket -Compression"), "spaces do not split");
        assertNotNull(NginxOpensslValues.command("MinProtocol", "tlsv1.2"));
        assertNotNull(NginxOpensslValues.command("NoTickets", "1"));
    }
}
