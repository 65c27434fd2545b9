package dev.proxylint.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CipherDirectivesTest {
    static final OpensslVersion V = OpensslVersion.V3_0;

    @Test
    void apacheArguments() {
        assertEquals(new CipherDirectives.ApacheSpec(false, "HIGH", Optional.empty()),
                CipherDirectives.apacheArgs(List.of("HIGH")));
        assertEquals(new CipherDirectives.ApacheSpec(false, "HIGH", Optional.empty()),
                CipherDirectives.apacheArgs(List.of("SSL", "HIGH")));
        assertTrue(CipherDirectives.apacheArgs(List.of("TLSv1.3", "TLS_AES_128_GCM_SHA256")).tls13());
        assertEquals(Optional.of("protocol 'tlsv1.3' not supported"),
                CipherDirectives.apacheArgs(List.of("tlsv1.3", "X")).error());
        assertTrue(CipherDirectives.apacheArgs(List.of("a", "b", "c")).error().isPresent());
    }

    @Test
    void apacheEmptyArgumentsAsHttpdReadsThem() {
        // TAKE12: an empty second argument is absent, so this is the TLS 1.2 cipher string "TLSv1.3"
        assertEquals(new CipherDirectives.ApacheSpec(false, "TLSv1.3", Optional.empty()),
                CipherDirectives.apacheArgs(List.of("TLSv1.3", "")));
        // an empty first argument: "SSLCipherSuite takes 1-2 arguments" (apache2 -t fails)
        assertTrue(CipherDirectives.apacheArgs(List.of("", "TLS_AES_128_GCM_SHA256")).error().isPresent());
        assertTrue(CipherDirectives.apacheArgs(List.of("")).error().isPresent());
    }

    @Test
    void apacheAppendsSuffixNginxDoesNot() {
        assertFalse(CipherDirectives.apacheSslCipherSuite("ALL", V).names().stream().anyMatch(n -> n.startsWith("ADH")));
        assertTrue(CipherDirectives.nginxSslCiphers("ALL", V).names().stream().anyMatch(n -> n.startsWith("ADH")));
        assertEquals(CipherString.evaluate("HIGH:!aNULL:!MD5").names(), CipherDirectives.nginxDefault(V).names());
        assertEquals(1, CipherDirectives.nginxCiphersuites("TLS_AES_128_GCM_SHA256", V).suites().size());
        assertEquals(2, CipherDirectives.apacheTls13("TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384", V)
                .suites().size());
    }
}
