package dev.proxylint.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.cli.TlsCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

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
        Run v = run("ciphers", "--openssl-version", "1.1.1", "ALL");
        assertEquals(2, v.code());
        assertTrue(v.err().contains("unsupported --openssl-version"), v.err());
        Run t = run("ciphers", "--ciphersuites", "NOPE", "ALL");
        assertEquals(2, t.code());
    }

    @Test
    void helpDocumentsTheCorrespondence() {
        Run h = run("ciphers", "--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("openssl ciphers"), h.out());
    }
}
