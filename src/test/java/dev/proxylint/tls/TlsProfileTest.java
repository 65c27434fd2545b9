package dev.proxylint.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TlsProfileTest {
    @Test
    void intermediateIsTheDefault() {
        TlsProfile p = TlsProfile.defaultProfile();
        assertEquals("intermediate", p.name());
        assertEquals("6.0", p.guidelineVersion());
        assertEquals(Set.of(TlsVersion.TLSv1_2, TlsVersion.TLSv1_3), p.protocols());
        assertEquals(63072000L, p.hstsMinAge());
        assertFalse(p.serverPreferredOrder());
        assertEquals(p, TlsProfile.byName("Intermediate").orElseThrow());
        assertTrue(TlsProfile.byName("nope").isEmpty());
        assertEquals(List.of("intermediate", "modern", "old"), TlsProfile.names());
    }

    @Test
    void profileCipherListsAreValidForOpenssl() {
        TlsProfile p = TlsProfile.defaultProfile();
        // every suite of the profile exists, and the string selects exactly those in that order
        assertEquals(p.ciphers(), CipherString.evaluate(p.cipherString()).names());
        assertTrue(CipherString.evaluate(p.cipherString()).suites().stream()
                .allMatch(s -> s.enc().aead() && !CipherClass.noForwardSecrecy(s)));
        assertEquals(p.ciphersuites(), Tls13Suites.parse(p.ciphersuitesString(), OpensslVersion.V3_0).suites()
                .stream().map(CipherSuite::name).toList());
        // "old" names DES-CBC3-SHA, which this OpenSSL 3.0 build does not have: OpenSSL drops it
        TlsProfile old = TlsProfile.byName("old").orElseThrow();
        assertEquals("5.7", old.guidelineVersion());
        List<String> oldNames = CipherString.evaluate(old.cipherString()).names();
        assertEquals(old.ciphers().size() - 1, oldNames.size());
        assertFalse(oldNames.contains("DES-CBC3-SHA"));
        assertTrue(TlsProfile.byName("modern").orElseThrow().ciphers().isEmpty());
    }

    @Test
    void fixText() {
        TlsProfile p = TlsProfile.defaultProfile();
        assertEquals("SSLProtocol -all +TLSv1.2 +TLSv1.3", p.apacheProtocolLine());
        assertEquals("SSLProxyProtocol -all +TLSv1.2 +TLSv1.3", p.apacheProtocolLine("SSLProxyProtocol"));
        assertEquals("ssl_protocols TLSv1.2 TLSv1.3;", p.nginxProtocolLine());
        assertEquals("ssl_protocols TLSv1.3;", TlsProfile.byName("modern").orElseThrow().nginxProtocolLine());
        assertEquals(List.of("SSLCipherSuite " + p.cipherString(),
                "SSLCipherSuite TLSv1.3 TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256",
                "SSLHonorCipherOrder off"), p.apacheCipherLines());
        assertEquals("ssl_ciphers " + p.cipherString() + ";", p.nginxCipherLines().get(0));
        assertEquals("ssl_prefer_server_ciphers off;", p.nginxCipherLines().get(2));
        assertEquals("max-age=63072000", p.hstsValue());
        // the fixes themselves evaluate to what the profile asks for
        assertEquals(p.protocols(), ProtocolSpec.apache(p.apacheProtocolLine().substring(12), OpensslVersion.V3_0)
                .effective());
    }
}
