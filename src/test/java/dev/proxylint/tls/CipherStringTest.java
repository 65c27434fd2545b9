package dev.proxylint.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Focused checks of each operator and alias family (facts verified against openssl 3.0.22). */
class CipherStringTest {

    static List<String> names(String s) {
        return CipherString.evaluate(s).names();
    }

    static CipherStringException error(String s) {
        return assertThrows(CipherStringException.class, () -> CipherString.evaluate(s));
    }

    @Test
    void separatorsAreEquivalent() {
        List<String> expected = List.of("AES128-SHA", "AES256-SHA");
        for (String sep : List.of(":", ",", " ", ";", "::", ", ")) {
            assertEquals(expected, names("AES128-SHA" + sep + "AES256-SHA"), "separator '" + sep + "'");
        }
    }

    @Test
    void addAppendsAndDoesNotMoveActiveSuites() {
        assertEquals(List.of("AES256-SHA", "AES128-SHA"), names("AES256-SHA:AES128-SHA:AES256-SHA"));
    }

    @Test
    void minusRemovesButAllowsReAdding() {
        List<String> l = names("kRSA:-AES128-SHA:AES128-SHA");
        assertEquals("AES128-SHA", l.get(l.size() - 1));
        assertEquals(names("kRSA").size(), l.size());
        assertFalse(names("kRSA:-AES128-SHA").contains("AES128-SHA"));
    }

    @Test
    void removedSuitesComeBackInTheirOldRelativeOrder() {
        // '-' parks suites in front of the inactive pool in their order; a later group add restores it
        assertEquals(List.of("AES256-SHA", "AES128-SHA"), names("AES256-SHA:AES128-SHA:-SHA1:SHA1+kRSA+AES"));
    }

    @Test
    void bangRemovesForGood() {
        assertFalse(names("kRSA:!AES128-SHA:AES128-SHA").contains("AES128-SHA"));
        assertFalse(names("!kRSA:ALL").stream().anyMatch(n -> n.equals("AES128-SHA") || n.equals("AES256-SHA")));
    }

    @Test
    void plusMovesToTheEndWithoutAdding() {
        assertEquals(List.of("AES256-SHA", "AES128-SHA"), names("AES128-SHA:AES256-SHA:+AES128-SHA"));
        assertEquals(List.of("AES128-SHA"), names("AES128-SHA:+AES256-SHA"));
        List<String> l = names("ALL:+kRSA");
        assertEquals("RSA", CipherTable.defaultTable().byName(l.get(l.size() - 1)).orElseThrow().kx().name());
    }

    @Test
    void strengthSortIsStableAndOnlyByBits() {
        assertEquals(List.of("AES256-SHA", "CAMELLIA256-SHA", "AES128-SHA"),
                names("AES128-SHA:AES256-SHA:CAMELLIA256-SHA:@STRENGTH"));
        assertEquals(List.of("AES128-SHA", "NULL-MD5"), names("NULL-MD5:AES128-SHA:@STRENGTH"));
    }

    @Test
    void secLevelIsRecordedAndValidated() {
        assertEquals(2, CipherString.evaluate("HIGH:@SECLEVEL=2").secLevel().getAsInt());
        assertFalse(CipherString.evaluate("HIGH").secLevel().isPresent());
        assertEquals(CipherStringException.Kind.INVALID_COMMAND, error("ALL:@SECLEVEL=6").kind());
        assertEquals(CipherStringException.Kind.INVALID_COMMAND, error("ALL:@SECLEVEL=").kind());
        assertEquals(CipherStringException.Kind.INVALID_COMMAND, error("ALL:@FOO").kind());
    }

    @Test
    void plusJoinsWordsByIntersection() {
        assertEquals(List.of("AES256-GCM-SHA384", "AES128-GCM-SHA256"), names("kRSA+AESGCM"));
        assertEquals(List.of("AES256-SHA", "AES128-SHA"), names("kRSA+SSLv3+AES"));
        // a cipher name combined with an alias is selected by id if the masks agree at all
        assertEquals(List.of("AES128-SHA"), names("AES128-SHA+kRSA"));
        assertEquals(List.of("DHE-RSA-AES256-SHA"), names("COMPLEMENTOFDEFAULT+DHE-RSA-AES256-SHA"));
        // ...but word order matters for the not-DEFAULT flag, as in OpenSSL
        assertEquals(CipherStringException.Kind.NO_CIPHER_MATCH, error("DHE-RSA-AES256-SHA+COMPLEMENTOFDEFAULT").kind());
        assertEquals(137, names("COMPLEMENTOFDEFAULT+HIGH").size());
        assertEquals(80, names("HIGH+COMPLEMENTOFDEFAULT").size());
        assertEquals(6, names("COMPLEMENTOFDEFAULT+kRSA+FIPS").size());
        assertEquals(CipherStringException.Kind.NO_CIPHER_MATCH, error("AES128-SHA+kECDHE").kind());
        assertEquals(CipherStringException.Kind.NO_CIPHER_MATCH, error("HIGH+FIPS").kind());
        assertEquals(CipherStringException.Kind.NO_CIPHER_MATCH, error("kRSA+TLSv1.2+TLSv1").kind());
    }

    @Test
    void malformedItemsAreRejected() {
        CipherStringException e = error("ALL:#");
        assertEquals(CipherStringException.Kind.INVALID_COMMAND, e.kind());
        assertEquals(4, e.offset());
        for (String bad : List.of("AES128-SHA+", "kRSA++AES", "-", "!", "ALL:!!kRSA", "ALL:-+kRSA", "@", "HIGH#x",
                "ALL:_x")) {
            assertEquals(CipherStringException.Kind.INVALID_COMMAND, error(bad).kind(), bad);
        }
        // unknown words are skipped together with the rest of their item
        assertEquals(List.of("AES128-SHA"), names("AES128-SHA:FOO#bar:a_b"));
        // a matched item ends at the first character that cannot continue it
        assertFalse(names("kRSA!AES128-SHA").contains("AES128-SHA"));
    }

    @Test
    void nothingSelectedIsAnError() {
        for (String s : List.of("", "FOO", "@STRENGTH", "3DES", "RC4", "+AES128-SHA", "TLS_AES_128_GCM_SHA256",
                "ALL+eNULL", " DEFAULT", "all")) {
            assertEquals(CipherStringException.Kind.NO_CIPHER_MATCH, error(s).kind(), s);
        }
    }

    @Test
    void defaultOnlyAtTheStart() {
        List<String> d = names("DEFAULT");
        assertEquals(57, d.size());
        assertTrue(d.stream().noneMatch(n -> n.startsWith("ADH") || n.contains("CAMELLIA") || n.contains("NULL")));
        assertEquals(names("DEFAULT:-kRSA"), names("DEFAULT-kRSA".replace("DEFAULT-", "DEFAULT:-")));
        assertEquals(List.of("AES128-SHA"), names("AES128-SHA:DEFAULT"));
        assertEquals(names("DEFAULT:kRSA"), names("DEFAULTkRSA"));
        // ALL minus DEFAULT is COMPLEMENTOFDEFAULT
        Set<String> all = new TreeSet<>(names("ALL"));
        all.removeAll(d);
        assertEquals(all, new TreeSet<>(names("COMPLEMENTOFDEFAULT")));
    }

    @Test
    void suiteBPrefixesReplaceTheString() {
        assertEquals(List.of("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384"),
                names("SUITEB128:AES128-SHA"));
        assertEquals(List.of("ECDHE-ECDSA-AES128-GCM-SHA256"), names("SUITEB128ONLY"));
        assertEquals(List.of("ECDHE-ECDSA-AES256-GCM-SHA384"), names("SUITEB192"));
        assertEquals(List.of("AES128-SHA"), names("AES128-SHA:SUITEB128"));
    }

    @Test
    void tokensSayWhichRuleLetASuiteIn() {
        CipherList l = CipherString.evaluate("HIGH:!aNULL:!MD5");
        assertEquals("HIGH", l.addedBy("ECDHE-RSA-AES128-SHA").orElseThrow().text());
        CipherList r = CipherString.evaluate("kRSA:-AES128-SHA:AES128-SHA");
        CipherList.Token t = r.addedBy("AES128-SHA").orElseThrow();
        assertEquals("AES128-SHA", t.text());
        assertEquals(17, t.start());
        assertEquals(27, t.end());
        assertEquals("kRSA", r.addedBy("AES256-SHA").orElseThrow().text());
        assertEquals("DEFAULT", CipherString.evaluate("DEFAULT:kRSA+CAMELLIA").addedBy("AES128-SHA").get().text());
        CipherList d = CipherString.evaluate("DEFAULT:-kRSA:AES128-SHA");
        assertEquals("AES128-SHA", d.addedBy("AES128-SHA").get().text());
        assertEquals(14, d.addedBy("AES128-SHA").get().start());
        // DEFAULT's !COMPLEMENTOFDEFAULT is permanent: CAMELLIA cannot be added back after it
        assertFalse(CipherString.evaluate("DEFAULT:kRSA+CAMELLIA").contains("CAMELLIA128-SHA"));
        assertEquals(List.of("FOO"), CipherString.evaluate("FOO:kRSA").unknownWords().stream()
                .map(CipherList.Token::text).toList());
    }

    @Test
    void aliasFamilies() {
        CipherTable t = CipherTable.defaultTable();
        assertFamily("kRSA", 19, s -> s.kx() == CipherSuite.Kx.RSA);
        assertEquals(names("kRSA"), names("RSA"));
        assertFamily("aRSA", 64, s -> s.au() == CipherSuite.Au.RSA);
        assertFamily("aNULL", 13, s -> s.au() == CipherSuite.Au.NULL);
        assertFamily("eNULL", 18, s -> s.enc() == CipherSuite.Enc.NULL);
        assertEquals(names("eNULL"), names("NULL"));
        assertEquals(names("eNULL"), names("COMPLEMENTOFALL"));
        assertFamily("ALL", 137, s -> s.enc() != CipherSuite.Enc.NULL);
        assertFamily("kECDHE", 31, s -> s.kx() == CipherSuite.Kx.ECDHE);
        assertEquals(names("kECDHE"), names("kEECDH"));
        assertEquals(names("kECDHE"), names("ECDH"));
        assertFamily("ECDHE", 28, s -> s.kx() == CipherSuite.Kx.ECDHE && s.au() != CipherSuite.Au.NULL);
        assertEquals(names("ECDHE"), names("EECDH"));
        assertFamily("AECDH", 3, s -> s.kx() == CipherSuite.Kx.ECDHE && s.au() == CipherSuite.Au.NULL);
        assertFamily("kDHE", 39, s -> s.kx() == CipherSuite.Kx.DHE);
        assertEquals(names("kDHE"), names("kEDH"));
        assertEquals(names("kDHE"), names("DH"));
        assertFamily("DHE", 29, s -> s.kx() == CipherSuite.Kx.DHE && s.au() != CipherSuite.Au.NULL);
        assertEquals(names("DHE"), names("EDH"));
        assertFamily("ADH", 10, s -> s.kx() == CipherSuite.Kx.DHE && s.au() == CipherSuite.Au.NULL);
        assertFamily("ECDSA", 16, s -> s.au() == CipherSuite.Au.ECDSA);
        assertFamily("DSS", 14, s -> s.au() == CipherSuite.Au.DSS);
        assertFamily("PSK", 60, s -> s.kx().name().endsWith("PSK"));
        assertFamily("aPSK", 46, s -> s.au() == CipherSuite.Au.PSK);
        assertFamily("SRP", 6, s -> s.kx() == CipherSuite.Kx.SRP);
        assertFamily("AES", 86, s -> s.enc().name().startsWith("AES"));
        assertFamily("AESGCM", 18, s -> s.enc().name().startsWith("AESGCM"));
        assertFamily("AESCCM", 20, s -> s.enc().name().startsWith("AESCCM"));
        assertFamily("AESCCM8", 10, s -> s.enc().name().startsWith("AESCCM8"));
        assertFamily("AES128", 43, s -> s.enc().name().startsWith("AES") && s.bits() == 128);
        assertFamily("CHACHA20", 7, s -> s.enc() == CipherSuite.Enc.CHACHA20);
        assertFamily("CAMELLIA", 28, s -> s.enc().name().startsWith("CAMELLIA"));
        assertFamily("ARIA", 16, s -> s.enc().name().startsWith("ARIA"));
        assertFamily("CBC", 76, s -> s.enc().cbc());
        assertFamily("SHA1", 44, s -> s.mac() == CipherSuite.Mac.SHA1);
        assertEquals(names("SHA1"), names("SHA"));
        assertFamily("SHA256", 33, s -> s.mac() == CipherSuite.Mac.SHA256);
        assertFamily("SHA384", 16, s -> s.mac() == CipherSuite.Mac.SHA384);
        assertFamily("MD5", 1, s -> s.mac() == CipherSuite.Mac.MD5);
        assertFamily("TLSv1.2", 86, s -> s.minVersion() == TlsVersion.TLSv1_2);
        assertFamily("TLSv1", 36, s -> s.minVersion() == TlsVersion.TLSv1);
        assertEquals(names("TLSv1"), names("TLSv1.0"));
        assertFamily("SSLv3", 33, s -> s.minVersion() == TlsVersion.SSLv3);
        assertFamily("HIGH", 137, s -> s.strength() == CipherSuite.Strength.HIGH);
        assertFamily("FIPS", 60, CipherSuite::fips);
        assertTrue(t.legacySuites().size() == 155);
        for (String none : List.of("MEDIUM", "LOW", "3DES", "DES", "RC4", "RC2", "IDEA", "SEED", "EXP", "EXPORT",
                "KRSA", "TLSv1.1", "TLSv1.3")) {
            assertEquals(CipherStringException.Kind.NO_CIPHER_MATCH, error(none).kind(), none);
        }
    }

    private static void assertFamily(String alias, int count, java.util.function.Predicate<CipherSuite> p) {
        List<CipherSuite> got = CipherString.evaluate(alias + ":@SECLEVEL=0").suites();
        assertEquals(count, got.size(), alias);
        assertTrue(got.stream().allMatch(p), alias + " selected a suite outside its family");
        long inTable = CipherTable.defaultTable().legacySuites().stream().filter(p).count();
        assertEquals(inTable, count, alias + " missed suites of its family");
    }

    @Test
    void initialOrderFollowsOpensslPreference() {
        List<String> all = names("ALL:COMPLEMENTOFALL");
        assertEquals("ECDHE-ECDSA-AES256-GCM-SHA384", all.get(0));
        assertEquals("PSK-NULL-SHA", all.get(all.size() - 1));
        // eNULL suites sit inside the preference order, visible when one rule adds a mixed group
        List<String> sha256 = names("SHA256");
        assertEquals(sha256.indexOf("CAMELLIA128-SHA256") + 1, sha256.indexOf("NULL-SHA256"));
    }

    @Test
    void modSslAppendsItsSuffix() {
        assertEquals("ALL:!aNULL:!eNULL:!EXP", CipherString.modSsl("ALL"));
        CipherList l = CipherString.evaluateModSsl("ALL:eNULL", OpensslVersion.V3_0);
        assertTrue(l.suites().stream().noneMatch(s -> s.au() == CipherSuite.Au.NULL
                || s.enc() == CipherSuite.Enc.NULL));
        assertEquals(125, l.suites().size());
    }

    @Test
    void tls13SuitesAreSeparate() {
        CipherList l = CipherString.evaluate("kRSA");
        assertEquals(List.of("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256"),
                l.tls13().stream().map(CipherSuite::name).toList());
        assertEquals("TLS_AES_256_GCM_SHA384", l.opensslOrder().get(0));
        assertEquals("AES256-GCM-SHA384", l.opensslOrder().get(3));
        Tls13Suites.Result r = Tls13Suites.parse("TLS_AES_128_CCM_SHA256 : FOO:TLS_AES_128_GCM_SHA256,X",
                OpensslVersion.V3_0);
        assertEquals(List.of("TLS_AES_128_CCM_SHA256"), r.suites().stream().map(CipherSuite::name).toList());
        assertEquals(List.of("FOO", "TLS_AES_128_GCM_SHA256,X"), r.unknown());
        assertTrue(Tls13Suites.parse("", OpensslVersion.V3_0).suites().isEmpty());
        assertThrows(CipherStringException.class, () -> Tls13Suites.parse("FOO", OpensslVersion.V3_0));
        assertThrows(CipherStringException.class, () -> Tls13Suites.parse("AES128-SHA", OpensslVersion.V3_0));
        assertEquals(List.of("TLS_AES_128_CCM_SHA256"),
                Tls13Suites.parse(":TLS_AES_128_CCM_SHA256::", OpensslVersion.V3_0).suites().stream()
                        .map(CipherSuite::name).toList());
    }

    /** OpenSSL 1.1.1 rejects a Ciphersuites list with an unknown name or an empty element (observed). */
    @Test
    void tls13ListsAreStrictUnderOpenssl111() {
        OpensslVersion v = OpensslVersion.V1_1_1;
        assertEquals(List.of("TLS_AES_128_CCM_SHA256", "TLS_AES_128_GCM_SHA256"),
                Tls13Suites.parse(" TLS_AES_128_CCM_SHA256 : TLS_AES_128_GCM_SHA256", v).suites().stream()
                        .map(CipherSuite::name).toList());
        assertTrue(Tls13Suites.parse("", v).suites().isEmpty());
        CipherStringException unknown = assertThrows(CipherStringException.class,
                () -> Tls13Suites.parse("TLS_AES_128_CCM_SHA256:FOO", v));
        assertTrue(unknown.getMessage().contains("'FOO' is not a TLS 1.3 cipher suite"), unknown.getMessage());
        assertThrows(CipherStringException.class, () -> Tls13Suites.parse(":TLS_AES_128_CCM_SHA256", v));
        assertThrows(CipherStringException.class, () -> Tls13Suites.parse("TLS_AES_128_CCM_SHA256:", v));
        assertThrows(CipherStringException.class, () -> Tls13Suites.parse("TLS_AES_128_CCM_SHA256::TLS_AES_128_GCM_SHA256", v));
        assertEquals(CipherString.evaluate("ALL").tls13(), CipherString.evaluate("ALL", v).tls13());
    }

    @Test
    void versionSelection() {
        assertEquals(OpensslVersion.V3_0, OpensslVersion.parse("3.0.22").orElseThrow());
        assertEquals(OpensslVersion.V3_0, OpensslVersion.parse("3").orElseThrow());
        assertEquals(OpensslVersion.V3_0, OpensslVersion.parse("3.5.1").orElseThrow());
        assertEquals(OpensslVersion.V1_1_1, OpensslVersion.parse("1.1.1w").orElseThrow());
        assertEquals(OpensslVersion.V1_1_1, OpensslVersion.parse("1.1.1").orElseThrow());
        assertEquals(OpensslVersion.V1_1_1, OpensslVersion.parse(" 1.1 ").orElseThrow());
        for (String bad : new String[] {"1.1.0", "1.1.0l", "1.0.2u", "1", "2.0", "1.1a", "OpenSSL 3.0.22", "3.x", ""}) {
            assertTrue(OpensslVersion.parse(bad).isEmpty(), bad);
        }
        assertEquals("3.0, 1.1.1", OpensslVersion.supported());
        assertTrue(OpensslVersion.unsupportedMessage("--openssl-version", "1.0.2").startsWith(
                "unsupported --openssl-version '1.0.2' (supported: 3.0, 1.1.1"));
        assertEquals("3.0.22", CipherTable.of(OpensslVersion.V3_0).describedRelease());
        assertEquals("1.1.1w", CipherTable.of(OpensslVersion.V1_1_1).describedRelease());
    }
}
