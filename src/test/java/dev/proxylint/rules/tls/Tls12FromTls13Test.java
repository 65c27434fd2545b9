package dev.proxylint.rules.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.cases.CaseFile;
import dev.proxylint.engine.LintResult;
import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.fix.Fixer;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.rules.Finding;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.2 suites named in TLS 1.3 lists are part of the endpoint's TLS 1.2 list (in front, in
 * OpenSSL's order), and TLS103/TLS104 judge them with a fix that removes them. The real-server side
 * is in TlsCasesE2ETest (the tls13-tls12-* cases).
 */
class Tls12FromTls13Test {
    @TempDir
    Path tmp;

    private static TlsEndpoint nginxEndpoint(String server) {
        return TlsEndpoint.nginx(NginxModel.build(TlsPolicyTest.resolve(Dialect.NGINX, "http { server { listen 443 ssl; "
                + server + " } }")), TlsPolicyTest.settings("1.22.1", "mozilla-intermediate").facts()).get(0);
    }

    @Test
    void leadingSuitesComeFirstWithoutDuplicatesAndAnEarlierListsStayBehindTheLastOnes() {
        // seen on nginx 1.22.1: with the server's order, AES256-SHA256 wins over the other three
        TlsEndpoint e = nginxEndpoint("ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA;"
                + " ssl_conf_command Ciphersuites TLS_RSA_WITH_AES_128_CBC_SHA:TLS_AES_128_GCM_SHA256;"
                + " ssl_conf_command Ciphersuites TLS_AES_256_GCM_SHA384:TLS_RSA_WITH_AES_256_CBC_SHA256;");
        assertEquals(List.of("AES256-SHA256", "AES128-SHA", "ECDHE-RSA-AES128-GCM-SHA256", "AES256-SHA"),
                e.ciphers().names());
        assertEquals(List.of(false, true), e.tls12FromTls13().stream().map(l -> l.replaced()).toList());
        assertFalse(e.ciphers().selected().get(0).addedBy().inString());
        assertTrue(e.ciphers().selected().get(3).addedBy().inString());
        // a name the cipher string has too counts once, in the TLS 1.3 list's place
        e = nginxEndpoint("ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA;"
                + " ssl_conf_command Ciphersuites TLS_AES_128_GCM_SHA256:TLS_RSA_WITH_AES_256_CBC_SHA;");
        assertEquals(List.of("AES256-SHA", "ECDHE-RSA-AES128-GCM-SHA256"), e.ciphers().names());
        // a list whose TLS 1.2 names come after the TLS 1.3 ones is replaced whole by the next list
        e = nginxEndpoint("ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256;"
                + " ssl_conf_command Ciphersuites TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384;"
                + " ssl_conf_command Ciphersuites TLS_AES_256_GCM_SHA384;");
        assertEquals(List.of("ECDHE-RSA-AES128-GCM-SHA256"), e.ciphers().names());
    }

    @Test
    void nothingLeadsWhenAListIsRejectedOrTheCipherStringIs() {
        TlsEndpoint e = nginxEndpoint("ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256;"
                + " ssl_conf_command Ciphersuites TLS_RSA_WITH_AES_128_CBC_SHA;"
                + " ssl_conf_command Ciphersuites NOPE;");
        assertEquals(List.of("ECDHE-RSA-AES128-GCM-SHA256"), e.ciphers().names());
        assertTrue(e.tls12FromTls13().isEmpty());
        e = nginxEndpoint("ssl_ciphers NOPE; ssl_conf_command Ciphersuites TLS_RSA_WITH_AES_128_CBC_SHA;");
        assertNull(e.ciphers());
    }

    @Test
    void messagesNameTheListAndTheTokenThatLetTheSuiteIn() throws Exception {
        LintResult r = CaseFile.read(Path.of("testdata/nginx/tls/tls13-tls12-leak-mixed.conf")).lint();
        Finding f = TlsPolicyTest.one(r.findings(), "TLS104");
        // the first sentence names the directive and the TLS 1.3 list; the next one gives both in full
        assertTrue(f.message().startsWith("ssl_ciphers with the TLS 1.3 list admits 3 suites the intermediate profile "
                + "excludes. In full: "), f.message());
        assertTrue(f.message().contains(" In full: ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA:ECDHE-RSA-AES128-SHA "
                + "together with ssl_conf_command Ciphersuites TLS_AES_128_GCM_SHA256:TLS_RSA_WITH_AES_128_CBC_SHA256:"
                + "TLS_RSA_WITH_AES_256_CBC_SHA (the TLS 1.3 list)."), f.message());
        assertTrue(f.message().contains("AES256-SHA (let in by 'TLS_RSA_WITH_AES_256_CBC_SHA' in the TLS 1.3 list); "
                + "AES128-SHA256 (let in by 'TLS_RSA_WITH_AES_128_CBC_SHA256' in the TLS 1.3 list); "
                + "ECDHE-RSA-AES128-SHA (let in by 'ECDHE-RSA-AES128-SHA')"), f.message());
        assertEquals(2, f.fix().edits().size());
        Finding tls114 = TlsPolicyTest.one(r.findings(), "TLS114");
        assertTrue(f.fix().edits().containsAll(tls114.fix().edits()), "TLS104 rewrites the list as TLS114 does");

        r = CaseFile.read(Path.of("testdata/nginx/tls/tls13-tls12-leak-two-commands.conf")).lint();
        f = TlsPolicyTest.one(r.findings(), "TLS104");
        assertTrue(f.message().startsWith("ssl_conf_command Ciphersuites admits 1 suite the intermediate profile "
                + "excludes. "), f.message());
        assertTrue(f.message().contains("In full: ssl_conf_command Ciphersuites TLS_RSA_WITH_AES_128_CBC_SHA:"
                + "TLS_AES_128_GCM_SHA256 (an earlier TLS 1.3 list)."), f.message());
        assertTrue(f.message().contains("a later TLS 1.3 list does not remove them"), f.message());
        assertEquals(16, f.span().startLine());
    }

    /** Applying only the TLS103/TLS104 fixes leaves no TLS103/TLS104 finding (whatever TLS114 does). */
    @Test
    void theTls103And104FixesAloneRemoveTheirFindings() throws Exception {
        List<Path> cases = new ArrayList<>();
        for (String d : List.of("nginx", "apache")) {
            try (Stream<Path> s = Files.list(Path.of("testdata", d, "tls"))) {
                s.filter(p -> p.getFileName().toString().startsWith("tls13-tls12-")
                        && !p.getFileName().toString().endsWith(".fixed.conf")).sorted().forEach(cases::add);
            }
        }
        assertTrue(cases.size() >= 8, cases.toString());
        int fixed = 0;
        for (Path p : cases) {
            CaseFile c = CaseFile.read(p);
            LintResult r = c.lint();
            List<TextEdit> edits = new ArrayList<>();
            for (Finding f : r.findings()) {
                if (f.ruleId().matches("TLS10[34]")) {
                    assertTrue(f.fix() != null, "no fix: " + f.message());
                    for (TextEdit e : f.fix().edits()) {
                        if (!edits.contains(e)) {
                            edits.add(e);
                        }
                    }
                }
            }
            if (edits.isEmpty()) {
                continue;
            }
            fixed++;
            Path copy = Files.createDirectories(tmp.resolve(c.dialect().name())).resolve(p.getFileName());
            Files.writeString(copy, Fixer.apply(Files.readString(p), edits));
            LintResult after = new CaseFile(copy, c.dialect(), "TLS", c.expected(), c.options()).lint();
            assertTrue(after.findings().stream().noneMatch(f -> f.ruleId().matches("TLS10[34]")),
                    p + " after the TLS103/TLS104 fixes: " + after.findings());
        }
        assertTrue(fixed >= 8, "cases with TLS103/TLS104 fixes: " + fixed);
    }
}
