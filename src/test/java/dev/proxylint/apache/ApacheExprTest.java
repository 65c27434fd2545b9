package dev.proxylint.apache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.apache.model.ApacheExpr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * httpd's expression parser as proxylint reads it. The recorded verdicts are 1,300 expressions
 * (hand-written corners and generated ones: token soup, mutated realistic conditions, string
 * expressions) with the message Debian's apache2 2.4.71 gave for each; a sample of them is checked
 * again against the installed httpd, so the recording stays true.
 */
class ApacheExprTest {
    static final Path VERDICTS = Path.of("src/test/resources/apache-expr/httpd-2.4.71-verdicts.tsv");

    record Verdict(boolean string, String expr, String message) {
    }

    static List<Verdict> verdicts() throws IOException {
        List<Verdict> out = new ArrayList<>();
        for (String line : Files.readAllLines(VERDICTS, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            out.add(new Verdict(f[0].equals("s"), f[1], f[2].isEmpty() ? null : f[2]));
        }
        return out;
    }

    @Test
    void everyRecordedVerdictOfHttpdIsReproduced() throws IOException {
        List<Verdict> all = verdicts();
        assertTrue(all.size() > 1200, "verdicts: " + all.size());
        long accepted = all.stream().filter(v -> v.message() == null).count();
        assertTrue(accepted > 250 && accepted < all.size() - 800, "accepted: " + accepted);
        List<String> wrong = new ArrayList<>();
        for (Verdict v : all) {
            String ours = ApacheExpr.check(v.expr(), v.string());
            if (!java.util.Objects.equals(ours, v.message())) {
                wrong.add((v.string() ? "string " : "") + v.expr() + "\n   httpd: " + v.message() + "\n   ours:  " + ours);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void commonMistakesInConditions() {
        assertEquals("syntax error, unexpected T_OP_CONCAT, expecting '('",
                ApacheExpr.condition("%{HTTP_HOST} == example.com"), "an unquoted word is a function's name");
        assertEquals("syntax error, unexpected $end, expecting '('", ApacheExpr.condition("%{HTTPS} == on"));
        assertEquals("Variable 'HTTP_X_FORWARDED_PROTO' does not exist",
                ApacheExpr.condition("%{HTTP_X_FORWARDED_PROTO} == 'https'"), "only seven HTTP_ variables exist");
        assertNull(ApacheExpr.condition("%{HTTP:X-Forwarded-Proto} == 'https'"));
        assertNull(ApacheExpr.condition("%{http_host} == 'a'"), "variable names are not case-sensitive");
        assertEquals("Unary operator '-N' does not exist", ApacheExpr.condition("-N 'x'"), "unary operators are");
        assertNull(ApacheExpr.condition("%{REMOTE_ADDR} -IPMATCH '10.0.0.0/8'"), "binary operators are not");
        assertEquals("syntax error, unexpected $end", ApacheExpr.condition(""));
        assertNull(ApacheExpr.string(""));
        assertNull(ApacheExpr.string("Restricted \"area\" for %{SERVER_NAME} (100%)"));
    }

    @Test
    void theLastFailedLookupIsTheOneReported() {
        assertEquals("Variable 'B' does not exist", ApacheExpr.condition("%{A} == %{B}"));
        assertEquals("syntax error, unexpected $end: Variable 'A' does not exist", ApacheExpr.condition("%{A} =="));
        // a unary operator is looked up after the token that follows it was read
        assertEquals("syntax error, unexpected T_ERROR, expecting $end: Unary operator '-Z' does not exist",
                ApacheExpr.condition("-Z 'x' &"));
    }

    @Test
    void theScannerJamsOnlyWhenTheParserReadsThatFar() {
        assertEquals("flex scanner jammed", ApacheExpr.condition("%{req:'} == 'a'"));
        assertEquals("syntax error, unexpected T_OP_IN", ApacheExpr.condition("in %{req:'}"));
        assertEquals("flex scanner jammed", ApacheExpr.string("a\\"));
    }

    @TempDir
    Path tmp;

    /** Every 25th recorded verdict, run again through the installed apache2 -t. */
    @Test
    void recordedVerdictsAgreeWithTheInstalledHttpd() throws Exception {
        ApacheDifferentialTest.requireApache();
        Path main = tmp.resolve("main.conf");
        Path one = tmp.resolve("one.conf");
        Files.writeString(main, ApacheDirectiveDifferentialTest.allModules() + "ErrorLog " + tmp.resolve("error.log")
                + "\nPidFile " + tmp.resolve("httpd.pid") + "\nDefaultRuntimeDir " + tmp + "\nInclude " + one + "\n");
        List<Verdict> all = verdicts();
        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < all.size(); i += 25) {
            Verdict v = all.get(i);
            // ap_getword_conf turns \\ into \ and \" into ": written so, httpd's parser reads the expression as recorded
            String word = v.expr().replace("\\", "\\\\").replace("\"", "\\\"");
            Files.writeString(one, v.string() ? "Header set X \"expr=" + word + "\"\n" : "<If \"" + word + "\">\n</If>\n");
            String said = httpd(main);
            String expected = v.message() == null ? "Syntax OK"
                    : v.message().equals("flex scanner jammed") ? v.message()
                    : (v.string() ? "Can't parse value expression : " : "Cannot parse condition clause: ") + v.message();
            if (!said.contains(expected)) {
                wrong.add(v.expr() + "\n   recorded: " + expected + "\n   httpd:    " + said);
            }
            n++;
        }
        assertTrue(n >= 50, "checked: " + n);
        assertEquals(List.of(), wrong);
    }

    @Test
    void aJammedScannerIsReportedAtItsLineAndAsHttpdEndsIt() throws Exception {
        String text = "ServerName a.example\n<If \"%{req:'} == 'a'\">\n</If>\n";
        Path site = tmp.resolve("jam.conf");
        Files.writeString(site, text);
        List<dev.proxylint.rules.Finding> found = dev.proxylint.cases.CaseFile.findings(site,
                dev.proxylint.syntax.Dialect.APACHE).stream().filter(f -> f.ruleId().equals("CFG136")).toList();
        assertEquals(1, found.size(), found::toString);
        assertEquals(2, found.get(0).span().startLine());
        assertEquals("httpd's expression scanner jams on this <If> (\"flex scanner jammed\"): httpd exits at once,"
                + " printing only those words, without a line number.", found.get(0).message());
        // and httpd: those three words, no "Syntax error on line"
        ApacheDifferentialTest.requireApache();
        Path main = tmp.resolve("main.conf");
        Files.writeString(main, ApacheDirectiveDifferentialTest.allModules() + "ErrorLog " + tmp.resolve("error.log")
                + "\nPidFile " + tmp.resolve("httpd.pid") + "\nDefaultRuntimeDir " + tmp + "\nInclude " + site + "\n");
        ApacheDirectiveDifferentialTest.Checked c = ApacheDirectiveDifferentialTest.configTest(main, tmp);
        assertTrue(c.exit() != 0 && c.output().contains("flex scanner jammed") && !c.output().contains("line"),
                c.output());
    }

    private String httpd(Path main) throws Exception {
        // httpd's log escapes a backslash as \\
        return ApacheDirectiveDifferentialTest.configTest(main, tmp).output().replace("\\\\", "\\");
    }
}
