package dev.proxylint.apache;

import static dev.proxylint.apache.ApacheTestSupport.dir;
import static dev.proxylint.apache.ApacheTestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Comment;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.Problem;
import dev.proxylint.syntax.Quote;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApacheParserTest {

    private static String at(Arg a) {
        return a.span().startLine() + ":" + a.span().startColumn() + "-" + a.span().endLine() + ":"
                + a.span().endColumn();
    }

    // 1. continuation lines
    @Test
    void continuationJoinsWithNoSpaceAdded() {
        ParsedFile pf = parse("ServerName exa\\\nmple.com\n");
        Directive d = dir(pf, 0);
        assertEquals(List.of("example.com"), d.values());
        assertEquals("exa\\\nmple.com", d.args().get(0).raw());
        assertEquals("1:12-2:9", at(d.args().get(0)));
        assertEquals(1, d.line());
        assertEquals(2, d.span().endLine());
    }

    @Test
    void continuationInsideQuotes() {
        Directive d = dir(parse("Header set X \"a \\\nb\" next\n"), 0);
        assertEquals(List.of("set", "X", "a b", "next"), d.values());
        assertEquals(Quote.DOUBLE, d.args().get(2).quote());
        assertEquals("2:4-2:8", at(d.args().get(3)));
    }

    @Test
    void commentEndingInBackslashSwallowsNextLine() {
        ParsedFile pf = parse("# note \\\nServerName hidden\nServerName shown\n");
        assertEquals(2, pf.items().size());
        Comment c = assertInstanceOf(Comment.class, pf.items().get(0));
        assertEquals("# note \\\nServerName hidden", c.text());
        assertEquals(List.of("shown"), dir(pf, 0).values());
        assertEquals(3, dir(pf, 0).line());
    }

    @Test
    void continuationWithCrlfAndDoubleBackslash() {
        Directive d = dir(parse("ServerAdmin a\\\\\r\nb c\r\n"), 0);
        // the last backslash continues; the one before it stays: "a\b c" -> unquoted \ is literal here
        assertEquals(List.of("a\\b", "c"), d.values());
        assertEquals("2:3-2:4", at(d.args().get(1)));
    }

    @Test
    void backslashAtEofWithoutNewlineIsLiteral() {
        Directive d = dir(parse("ServerAdmin a\\"), 0);
        assertEquals(List.of("a\\"), d.values());
    }

    // 2. leading/trailing blanks
    @Test
    void blanksTrimmed() {
        Directive d = dir(parse("   \t ServerName  host.example   \t \n"), 0);
        assertEquals("ServerName", d.name());
        assertEquals(6, d.column());
        assertEquals(30, d.span().endColumn());
        assertEquals("ServerName  host.example", d.span().text());
    }

    // 3. comments only at line start
    @Test
    void hashAfterDirectiveIsAnArgument() {
        ParsedFile pf = parse("  # a comment\nServerName a # not a comment\n");
        assertInstanceOf(Comment.class, pf.items().get(0));
        assertEquals("# a comment", pf.items().get(0).span().text());
        assertEquals(List.of("a", "#", "not", "a", "comment"), dir(pf, 0).values());
    }

    // 5. names are case-insensitive
    @Test
    void namesCaseInsensitive() {
        ParsedFile pf = parse("<virtualhost *:80>\nservername x\n</VIRTUALHOST>\n");
        assertTrue(pf.problems().isEmpty(), pf.problems().toString());
        Directive vh = dir(pf, 0);
        assertTrue(vh.is("VirtualHost"));
        assertEquals("virtualhost", vh.name());
        assertTrue(((Directive) vh.children().get(0)).is("ServerName"));
    }

    // 6. ap_getword_conf
    @Test
    void quotesOnlyAtTokenStart() {
        Directive d = dir(parse("X a\"b c\" d\n"), 0);
        assertEquals(List.of("a\"b", "c\"", "d"), d.values());
        assertEquals(Quote.NONE, d.args().get(0).quote());
    }

    @Test
    void escapesInsideQuotes() {
        Directive d = dir(parse("X \"a\\\"b\" 'c\\'d' \"e\\\\f\" \"g\\nh\" 'i\\\"j'\n"), 0);
        assertEquals(List.of("a\"b", "c'd", "e\\f", "g\\nh", "i\\\"j"), d.values());
        assertEquals(Quote.SINGLE, d.args().get(1).quote());
    }

    @Test
    void closingQuoteEndsToken() {
        Directive d = dir(parse("X \"a\"b 'c'\"d\"\n"), 0);
        assertEquals(List.of("a", "b", "c", "d"), d.values());
        assertEquals("1:3-1:6", at(d.args().get(0)));
        assertEquals("1:6-1:7", at(d.args().get(1)));
    }

    @Test
    void unquotedDoubleBackslashUnescapedOthersLiteral() {
        Directive d = dir(parse("X a\\\\b c\\d e\\\"\n"), 0);
        assertEquals(List.of("a\\b", "c\\d", "e\\\""), d.values());
    }

    @Test
    void doubleBackslashBeforeQuoteEndsQuotedToken() {
        Directive d = dir(parse("X \"a\\\\\" b\"\n"), 0);
        assertEquals(List.of("a\\", "b\""), d.values());
    }

    @Test
    void unterminatedQuoteRunsToEndOfLineLikeHttpd() {
        ParsedFile pf = parse("ServerAdmin \"a b\nServerName c\n");
        assertEquals(List.of("a b"), dir(pf, 0).values());
        assertEquals(List.of("c"), dir(pf, 1).values());
        assertTrue(pf.problems().isEmpty());
    }

    // 7. sections
    @Test
    void sectionIsOneDirectiveWithBlock() {
        String t = "<VirtualHost *:443>\n  ServerName a\n</VirtualHost>\nX y\n";
        ParsedFile pf = parse(t);
        Directive vh = dir(pf, 0);
        assertEquals("VirtualHost", vh.name());
        assertEquals(List.of("*:443"), vh.values());
        assertEquals(0, vh.start());
        assertEquals(t.indexOf("X y") - 1, vh.end());
        assertEquals("</VirtualHost>", t.substring(vh.blockClose(), vh.end()));
        assertEquals(1, vh.children().size());
        assertEquals("1:14-1:19", at(vh.args().get(0)));
    }

    @Test
    void sectionArgsCutAtLastGt() {
        assertEquals(List.of("/"), dir(parse("<Location />\n</Location>\n"), 0).values());
        assertEquals(List.of("/a b"), dir(parse("<Directory \"/a b\">\n</Directory>\n"), 0).values());
        assertEquals(List.of(), dir(parse("<IfModule>\n</IfModule>\n"), 0).values());
        Directive d = dir(parse("<Location /x >\n</Location>\n"), 0);
        assertEquals(List.of("/x"), d.values());
    }

    @Test
    void strayCloseReported() {
        ParsedFile pf = parse("ServerName a\n  </VirtualHost>\n");
        Problem p = pf.problems().get(0);
        assertEquals("SYN001", p.ruleId());
        assertEquals("</VirtualHost> without matching <VirtualHost> section", p.message());
        assertEquals("2:3", ApacheTestSupport.pos(p));
    }

    @Test
    void mismatchedCloseReported() {
        ParsedFile pf = parse("<VirtualHost *:80>\n<Location />\n</VirtualHost>\n</Location>\n");
        assertEquals("Expected </Location> but saw </VirtualHost>", pf.problems().get(0).message());
        assertEquals("3:1", ApacheTestSupport.pos(pf.problems().get(0)));
        // recovery: the outer section closes there, so the last line is a stray close
        assertEquals("</Location> without matching <Location> section", pf.problems().get(1).message());
    }

    @Test
    void unclosedSectionReportedAtOpener() {
        ParsedFile pf = parse("X\n  <Directory /a>\nY\n");
        assertEquals(1, pf.problems().size());
        assertEquals("<Directory> was not closed.", pf.problems().get(0).message());
        assertEquals("2:3", ApacheTestSupport.pos(pf.problems().get(0)));
        Directive d = dir(pf, 1);
        assertEquals(1, d.children().size());
        assertEquals(-1, d.blockClose());
    }

    @Test
    void missingGtReported() {
        ParsedFile pf = parse("<VirtualHost *:80\n</VirtualHost>\n</Location >\n");
        assertEquals("<VirtualHost> directive missing closing '>'", pf.problems().get(0).message());
        assertEquals("1:1", ApacheTestSupport.pos(pf.problems().get(0)));
        assertEquals("</Location> directive missing closing '>'", pf.problems().get(1).message());
        assertEquals("3:1", ApacheTestSupport.pos(pf.problems().get(1)));
    }

    // 8. mod_rewrite tokenizing
    @Test
    void rewriteKeepsBackslashSpace() {
        Directive d = dir(parse("RewriteRule ^/a\\ b$ /c\\ d [L]\n"), 0);
        assertEquals(List.of("^/a\\ b$", "/c\\ d", "[L]"), d.values());
        Directive c = dir(parse("rewritecond %{HTTP_HOST} \"^a\\\"\" [NC]\n"), 0);
        // mod_rewrite: no escapes inside quotes, a quote ends the token, the next quote opens one
        assertEquals(List.of("%{HTTP_HOST}", "^a\\", " [NC]"), c.values());
        // other directives split at the blank
        assertEquals(List.of("a\\", "b"), dir(parse("Alias a\\ b\n"), 0).values());
    }

    // 9. positions of every token after joins
    @Test
    void everyTokenMapsToPhysicalPosition() {
        String t = "  ProxyPass \\\n    /app \\\n\thttp://b:8080/ \\\n retry=0\n";
        Directive d = dir(parse(t), 0);
        assertEquals(List.of("/app", "http://b:8080/", "retry=0"), d.values());
        assertEquals("2:5-2:9", at(d.args().get(0)));
        assertEquals("3:2-3:16", at(d.args().get(1)));
        assertEquals("4:2-4:9", at(d.args().get(2)));
        assertEquals("1:3", d.span().startLine() + ":" + d.span().startColumn());
    }

    @Test
    void utf16ColumnsAndUtf8Survive() {
        Directive d = dir(parse("Header set X-😀 \"héllo wörld\"\n"), 0);
        assertEquals("héllo wörld", d.arg(2));
        assertEquals("1:17-1:30", at(d.args().get(2)));
    }

    @Test
    void nulBytesAreBinaryInput() {
        ParsedFile pf = parse("ServerName a\n\0\0\u0001");
        assertEquals(List.of("SYN002"), ApacheTestSupport.ids(pf.problems()));
        assertTrue(pf.items().isEmpty());
    }

    @Test
    void bomAndCrlf() {
        byte[] bytes = "\uFEFFServerName a\r\n<Location />\r\n  Require all granted\r\n</Location>\r\n"
                .getBytes(StandardCharsets.UTF_8);
        ParsedFile pf = ApacheTestSupport.FE.parse(SourceFile.fromBytes(null, "bom.conf", bytes));
        assertTrue(pf.problems().isEmpty(), pf.problems().toString());
        assertEquals("ServerName", dir(pf, 0).name());
        assertEquals(List.of("a"), dir(pf, 0).values());
        assertEquals(List.of("/"), dir(pf, 1).values());
        assertEquals(List.of("all", "granted"), ((Directive) dir(pf, 1).children().get(0)).values());
    }

    @Test
    void htaccessFragment() {
        ParsedFile pf = parse("RewriteEngine On\nRewriteRule ^(.*)$ index.php [QSA,L]\n<Files x>\nDeny from all\n</Files>\n");
        assertTrue(pf.problems().isEmpty());
        assertEquals(3, pf.items().size());
    }

    @Test
    void quotedNameAndEmptyLines() {
        ParsedFile pf = parse("\n\n\"ServerName\" a\n\n");
        assertEquals("ServerName", dir(pf, 0).name());
        assertEquals(3, dir(pf, 0).line());
    }

    @Test
    void latin1BytesSurvive() {
        byte[] bytes = "ServerAdmin caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        ParsedFile pf = ApacheTestSupport.FE.parse(SourceFile.fromBytes(null, "l1.conf", bytes));
        assertEquals("caf\u00e9", dir(pf, 0).arg(0));
        assertFalse(pf.problems().iterator().hasNext());
        assertNull(dir(pf, 0).cond());
    }
}
