package dev.proxylint.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * OpenSSL 3.0's SSL_CONF values as nginx -t showed them ({@code SslConfDifferentialTest} runs a
 * table of values through nginx -t and Apache's start; the cases run them through nginx).
 */
class SslConfTest {
    @Test
    void groupsAreExactNamesEachOnce() {
        assertNull(SslConf.groupsError("X25519:prime256v1:secp384r1"));
        assertNull(SslConf.groupsError("x25519 : P-521:ffdhe3072"));
        assertNotNull(SslConf.groupsError("PRIME256V1"), "case-sensitive");
        assertNotNull(SslConf.groupsError("P-256:secp256r1"), "one group under two names");
        assertNotNull(SslConf.groupsError("X25519:"), "an empty element");
        assertNotNull(SslConf.groupsError("brainpoolP256r1tls13"), "a TLS 1.3 name OpenSSL 3.0 lacks");
    }

    @Test
    void confCommands() {
        assertNull(SslConf.command("OPTIONS", "-sessionticket"));
        assertNotNull(SslConf.command("Options", "-SessionTicket -Compression"), "spaces do not split");
        assertNotNull(SslConf.command("MinProtocol", "tlsv1.2"));
        assertNotNull(SslConf.command("NoTickets", "1"));
        assertNull(SslConf.command("Protocol", "-ALL, tlsv1.2,+TLSv1.3"));
        assertNotNull(SslConf.command("Protocol", "TLSv1.2 TLSv1.3"), "spaces do not split");
        assertNotNull(SslConf.command("Protocol", "TLSv1.2,"), "trailing comma");
        assertNull(SslConf.command("VerifyMode", "peer,+Once"));
        assertNotNull(SslConf.command("VerifyMode", "Optional"));
        assertNull(SslConf.command("CipherString", "anything: judged by the TLS rules"));
    }

    @Test
    void signatureAlgorithms() {
        assertNull(SslConf.sigalgsError("ECDSA+SHA256:RSA-PSS+SHA256:rsa_pss_pss_sha256:ed25519:SHA1+RSA"));
        assertNull(SslConf.sigalgsError(" RSA+sha384 : DSA+SHA224"));
        assertNotNull(SslConf.sigalgsError("rsa+sha256"), "sig names are case-sensitive");
        assertNotNull(SslConf.sigalgsError("Ed25519"), "scheme names are case-sensitive");
        assertNotNull(SslConf.sigalgsError("ecdsa_sha1"), "a table entry without a name");
        assertNotNull(SslConf.sigalgsError("PSS+SHA1"), "no PSS with SHA-1");
        assertNotNull(SslConf.sigalgsError("RSA+MD5"));
        assertNotNull(SslConf.sigalgsError("ECDSA+SHA256:ecdsa_secp256r1_sha256"), "one scheme twice");
        assertNotNull(SslConf.sigalgsError("RSA+SHA256+SHA384"));
        assertNotNull(SslConf.sigalgsError("RSA+"));
        assertNotNull(SslConf.sigalgsError("RSA+SHA256:"));
    }

    @Test
    void atoiIsGlibcs() {
        assertEquals(0, SslConf.atoi("x"));
        assertEquals(16, SslConf.atoi("  16k"));
        assertEquals(-1, SslConf.atoi("4294967295"));
        assertEquals(0, SslConf.atoi("4294967296"));
        assertEquals(-1, SslConf.atoi("99999999999999999999"), "strtol saturates at LONG_MAX, cast to int");
        assertEquals(0, SslConf.atoi("-99999999999999999999"), "LONG_MIN cast to int");
        assertEquals(-3, SslConf.atoi("-3"));
        assertNotNull(SslConf.command("NumTickets", "4294967295"));
        assertNull(SslConf.command("NumTickets", "many"));
        assertNotNull(SslConf.command("RecordPadding", "16385"));
        assertNull(SslConf.command("RecordPadding", "16384"));
    }
}
