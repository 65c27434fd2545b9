package dev.proxylint.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CipherClassTest {
    static CipherSuite s(String name) {
        return CipherTable.defaultTable().byName(name).orElseThrow();
    }

    @Test
    void weaknesses() {
        assertEquals(EnumSet.of(CipherClass.Weakness.NULL_ENCRYPTION, CipherClass.Weakness.MD5),
                CipherClass.weaknesses(s("NULL-MD5")));
        assertEquals(Set.of(CipherClass.Weakness.ANONYMOUS), CipherClass.weaknesses(s("ADH-AES128-SHA")));
        assertEquals(EnumSet.of(CipherClass.Weakness.ANONYMOUS, CipherClass.Weakness.NULL_ENCRYPTION),
                CipherClass.weaknesses(s("AECDH-NULL-SHA")));
        assertTrue(CipherClass.weaknesses(s("ECDHE-RSA-AES128-GCM-SHA256")).isEmpty());
        assertFalse(CipherClass.insecure(s("AES128-SHA")));
    }

    @Test
    void forwardSecrecyCbcSha1() {
        assertTrue(CipherClass.staticRsa(s("AES128-SHA")));
        assertTrue(CipherClass.staticRsa(s("RSA-PSK-AES128-GCM-SHA256")));
        assertTrue(CipherClass.noForwardSecrecy(s("PSK-AES128-GCM-SHA256")));
        assertFalse(CipherClass.noForwardSecrecy(s("DHE-RSA-AES128-SHA")));
        assertFalse(CipherClass.noForwardSecrecy(s("TLS_AES_128_GCM_SHA256")));
        assertTrue(CipherClass.cbc(s("ECDHE-RSA-AES128-SHA")));
        assertTrue(CipherClass.cbc(s("CAMELLIA128-SHA")));
        assertFalse(CipherClass.cbc(s("ECDHE-RSA-CHACHA20-POLY1305")));
        assertTrue(CipherClass.sha1Mac(s("ECDHE-RSA-AES128-SHA")));
        assertFalse(CipherClass.sha1Mac(s("ECDHE-RSA-AES128-SHA256")));
    }

    @Test
    void listLevelQueriesKeepTokens() {
        CipherList l = CipherString.evaluate("ECDHE+AESGCM:kRSA+AES128:ADH-AES128-SHA");
        List<CipherList.Selected> noFs = CipherClass.withoutForwardSecrecy(l);
        assertEquals(List.of("AES128-GCM-SHA256", "AES128-CCM8", "AES128-CCM", "AES128-SHA256", "AES128-SHA"),
                noFs.stream().map(x -> x.suite().name()).toList());
        assertTrue(noFs.stream().allMatch(x -> x.addedBy().text().equals("kRSA+AES128")));
        List<CipherList.Selected> bad = CipherClass.insecure(l);
        assertEquals(1, bad.size());
        assertEquals("ADH-AES128-SHA", bad.get(0).addedBy().text());
        // nginx's default ssl_ciphers offers no insecure suite but does offer static RSA
        CipherList nginxDefault = CipherString.evaluate(TlsDefaults.NGINX_SSL_CIPHERS);
        assertTrue(CipherClass.insecure(nginxDefault).isEmpty());
        assertFalse(CipherClass.withoutForwardSecrecy(nginxDefault).isEmpty());
        assertEquals(CipherClass.filter(CipherString.evaluate("CBC"), CipherClass::cbc).size(),
                CipherString.evaluate("CBC").selected().size());
    }
}
