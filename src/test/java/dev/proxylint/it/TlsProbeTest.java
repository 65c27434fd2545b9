package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** TlsProbe's parser on recorded s_client (OpenSSL 3.0) output fragments. */
class TlsProbeTest {
    @Test
    void tls11SessionIsReadFromProtocolLineNotFromNewLine() {
        String out = "CONNECTED(00000003)\n---\nNew, TLSv1.0, Cipher is ECDHE-RSA-AES256-SHA\n"
                + "SSL-Session:\n    Protocol  : TLSv1.1\n    Cipher    : ECDHE-RSA-AES256-SHA\n";
        TlsProbe.Result r = TlsProbe.parse("tls1_1", out);
        assertTrue(r.accepted());
        assertEquals("TLSv1.1", r.negotiated());
        assertEquals("ECDHE-RSA-AES256-SHA", r.cipher());
    }

    @Test
    void tls10SpelledTlsv1InSessionBlock() {
        String out = "New, TLSv1.0, Cipher is ECDHE-RSA-AES256-SHA\nSSL-Session:\n    Protocol  : TLSv1\n";
        assertTrue(TlsProbe.parse("tls1", out).accepted());
    }

    @Test
    void failedHandshakeStillPrintsAttemptedProtocol() {
        String out = "error:0A00014D:SSL routines:tls_process_key_exchange:legacy sigalg disallowed\n"
                + "New, (NONE), Cipher is (NONE)\nSSL-Session:\n    Protocol  : TLSv1\n    Cipher    : 0000\n";
        TlsProbe.Result r = TlsProbe.parse("tls1", out);
        assertFalse(r.accepted());
        assertNull(r.negotiated());
    }

    @Test
    void tls13WithoutSessionBlock() {
        String out = "New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384\nServer public key is 2048 bit\n";
        TlsProbe.Result r = TlsProbe.parse("tls1_3", out);
        assertTrue(r.accepted());
        assertEquals("TLSv1.3", r.negotiated());
    }

    @Test
    void wrongVersionIsNotAcceptance() {
        String out = "New, TLSv1.2, Cipher is ECDHE-RSA-AES256-GCM-SHA384\n    Protocol  : TLSv1.2\n";
        assertFalse(TlsProbe.parse("tls1_3", out).accepted());
        assertTrue(TlsProbe.parse("tls1_2", out).accepted());
    }

    @Test
    void connectionRefusedOrGarbage() {
        assertFalse(TlsProbe.parse("tls1_2", "connect:errno=111\n").accepted());
        assertFalse(TlsProbe.parse("tls1_2", "").accepted());
    }

    @Test
    void unknownProtocolSwitchRejected() {
        assertThrows(IllegalArgumentException.class, () -> TlsProbe.probe("127.0.0.1", 1, "ssl3"));
    }
}
