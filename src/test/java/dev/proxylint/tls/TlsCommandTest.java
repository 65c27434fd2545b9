package dev.proxylint.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.cli.TlsCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TlsCommandTest {
    record Run(int code, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new TlsCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString().replace("\r", ""), err.toString());
    }

    @Test
    void printsOneNameALineLikeOpensslCiphers() {
        Run r = run("ciphers", "kRSA+AESGCM");
        assertEquals(0, r.code());
        assertEquals(List.of("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256",
                "AES256-GCM-SHA384", "AES128-GCM-SHA256"), r.lines());
        assertEquals(CipherString.evaluate("HIGH:!aNULL:!MD5").opensslOrder(), run("ciphers", "HIGH:!aNULL:!MD5").lines());
    }

    @Test
    void options() {
        assertEquals(List.of("AES256-GCM-SHA384", "AES128-GCM-SHA256"), run("ciphers", "--no-tls13", "kRSA+AESGCM")
                .lines());
        assertEquals(List.of("TLS_AES_128_CCM_SHA256", "AES128-SHA"),
                run("ciphers", "--ciphersuites", "TLS_AES_128_CCM_SHA256", "AES128-SHA").lines());
        assertEquals(List.of("AES128-SHA"), run("ciphers", "--ciphersuites", "", "AES128-SHA").lines());
        assertEquals(List.of("AES128-SHA\tkRSA+AES128+SHA1"),
                run("ciphers", "--no-tls13", "--explain", "kRSA+AES128+SHA1").lines());
        assertTrue(run("ciphers", "--no-tls13", "--mod-ssl", "ALL").lines().stream().noneMatch(l -> l.startsWith("ADH")));
        assertEquals(0, run("ciphers", "--openssl-version", "3.0.22", "ALL").code());
    }

    @Test
    void errorsExitTwoWithOneLine() {
        Run r = run("ciphers", "FOO");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("proxylint: error: no cipher match"), r.err());
        assertEquals(1, r.err().strip().lines().count());
        assertEquals("", r.out());
        Run bad = run("ciphers", "ALL:@BAD");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("proxylint: error: invalid command"), bad.err());
        Run v = run("ciphers", "--openssl-version", "1.0.2", "ALL");
        assertEquals(2, v.code());
        assertTrue(v.err().startsWith("proxylint: error: unsupported --openssl-version '1.0.2' (supported: 3.0, 1.1.1"),
                v.err());
        assertEquals(1, v.err().strip().lines().count());
        Run t111 = run("ciphers", "--openssl-version", "1.1.1", "--ciphersuites", "TLS_AES_128_CCM_SHA256:NOPE", "ALL");
        assertEquals(2, t111.code());
        assertTrue(t111.err().contains("'NOPE' is not a TLS 1.3 cipher suite"), t111.err());
        Run t = run("ciphers", "--ciphersuites", "NOPE", "ALL");
        assertEquals(2, t.code());
    }

    /** Strings whose result differs between the releases, and some that do not. */
    static final List<String> VERSION_PROBES = List.of("ALL", "HIGH:!aNULL:!MD5", "MEDIUM", "SEED", "CBC", "AES:!CBC",
            "CBC:kRSA", "DEFAULT", "ALL:COMPLEMENTOFALL:@STRENGTH", "COMPLEMENTOFDEFAULT", "kRSA+SHA1:SEED-SHA",
            "DES-CBC3-SHA", "3DES:AESGCM", "ECDHE+AESGCM:@SECLEVEL=3", "FOO", "ALL:@BAD");

    /**
     * {@code proxylint tls ciphers --openssl-version V STRING} prints exactly what that release's
     * {@code openssl ciphers STRING} prints (split on ':'), and exits 2 exactly when openssl fails.
     */
    @ParameterizedTest(name = "OpenSSL {0}")
    @EnumSource(OpensslVersion.class)
    void printsWhatThatOpensslPrints(OpensslVersion version, @TempDir Path dir) throws Exception {
        OpensslRunner.Binary bin = OpensslRunner.require(version);
        List<List<String>> expected = OpensslRunner.ciphers(bin, VERSION_PROBES, dir, 1);
        List<String> suites = List.of("TLS_AES_128_CCM_SHA256:TLS_AES_256_GCM_SHA384", "", "TLS_AES_128_GCM_SHA256:FOO");
        List<List<String>> expected13 = OpensslRunner.ciphersuites(bin, suites, dir);
        int differ = 0;
        for (int i = 0; i < VERSION_PROBES.size(); i++) {
            Run r = run("ciphers", "--openssl-version", version.label(), VERSION_PROBES.get(i));
            List<String> want = expected.get(i);
            assertEquals(want == null ? 2 : 0, r.code(), VERSION_PROBES.get(i) + ": " + r.err());
            assertEquals(want == null ? List.of() : want, r.lines(), VERSION_PROBES.get(i));
            Run other = run("ciphers", "--openssl-version",
                    (version == OpensslVersion.V3_0 ? OpensslVersion.V1_1_1 : OpensslVersion.V3_0).label(),
                    VERSION_PROBES.get(i));
            if (!other.lines().equals(r.lines()) || other.code() != r.code()) {
                differ++;
            }
        }
        assertTrue(differ >= 6, "the probes should show the releases' differences, only " + differ + " differ");
        for (int i = 0; i < suites.size(); i++) {
            Run r = run("ciphers", "--openssl-version", version.label(), "--ciphersuites", suites.get(i), "kRSA+AESGCM");
            List<String> want = expected13.get(i);
            assertEquals(want == null ? 2 : 0, r.code(), suites.get(i) + ": " + r.err());
            assertEquals(want == null ? List.of() : want, r.lines(), suites.get(i));
        }
    }

    @Test
    void helpDocumentsTheCorrespondence() {
        Run h = run("ciphers", "--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("openssl ciphers"), h.out());
        assertTrue(h.out().contains("1.1.1"), h.out());
    }
}
