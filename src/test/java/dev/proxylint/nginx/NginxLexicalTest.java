package dev.proxylint.nginx;

import static dev.proxylint.nginx.NginxTestSupport.at;
import static dev.proxylint.nginx.NginxTestSupport.directives;
import static dev.proxylint.nginx.NginxTestSupport.first;
import static dev.proxylint.nginx.NginxTestSupport.parse;
import static dev.proxylint.nginx.NginxTestSupport.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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

class NginxLexicalTest {

    private static void assertClean(ParsedFile pf) {
        assertTrue(pf.problems().isEmpty(), () -> "unexpected problems: " + pf.problems());
    }

    private static Problem only(ParsedFile pf) {
        assertEquals(1, pf.problems().size(), () -> "problems: " + pf.problems());
        Problem p = pf.problems().get(0);
        assertEquals("SYN001", p.ruleId());
        return p;
    }

    @Test
    void simpleDirectiveSpansAndPositions() {
        ParsedFile pf = parse("user  www-data;\nworker_processes auto;\n");
        assertClean(pf);
        List<Directive> ds = directives(pf.items());
        assertEquals(2, ds.size());
        Directive d = ds.get(0);
        assertEquals("user", d.name());
        assertEquals("user  www-data;", d.span().text());
        assertEquals("user", d.nameSpan().text());
        Arg a = d.args().get(0);
        assertEquals("www-data", a.raw());
        assertEquals("www-data", a.value());
        assertEquals(Quote.NONE, a.quote());
        assertEquals("1:7", at(a));
        assertEquals(15, a.span().endColumn());
        Directive w = ds.get(1);
        assertEquals("2:1", w.line() + ":" + w.column());
        assertEquals("2:18", at(w.args().get(0)));
        assertEquals("worker_processes auto;", w.span().text());
    }

    @Test
    void blockOffsetsAndSpan() {
        String text = "http {\n  server { listen 80; }\n}\n";
        ParsedFile pf = parse(text);
        assertClean(pf);
        Directive http = first(pf);
        assertTrue(http.hasBlock());
        assertEquals(text.indexOf('{'), http.blockOpen());
        assertEquals(text.lastIndexOf('}'), http.blockClose());
        assertEquals(text.substring(0, text.lastIndexOf('}') + 1), http.span().text());
        Directive server = directives(http.children()).get(0);
        assertEquals("server { listen 80; }", server.span().text());
        assertEquals("listen", directives(server.children()).get(0).name());
        assertEquals("<http>{<server>{<listen>(80);}}", shape(pf.items()));
    }

    @Test
    void hashStartsACommentOnlyWhereATokenMayStart() {
        ParsedFile pf = parse("a#b c#d; # real comment\nx y;#also\n");
        assertClean(pf);
        Directive d = first(pf);
        assertEquals("a#b", d.name());
        assertEquals("c#d", d.arg(0));
        assertEquals("<a#b>(c#d);#[# real comment]<x>(y);#[#also]", shape(pf.items()));
        Comment c = assertInstanceOf(Comment.class, pf.items().get(1));
        assertEquals("1:10", c.span().startLine() + ":" + c.span().startColumn());
    }

    @Test
    void commentBetweenArguments() {
        ParsedFile pf = parse("listen 80 # the port\n  default_server;\n");
        assertClean(pf);
        Directive d = directives(pf.items()).get(0);
        assertEquals(List.of("80", "default_server"), d.values());
    }

    @Test
    void quotesHashAndClosingBraceAreOrdinaryInsideAWord() {
        ParsedFile pf = parse("a b\"c'd}e#f;\n");
        assertClean(pf);
        Arg a = first(pf).args().get(0);
        assertEquals("b\"c'd}e#f", a.raw());
        assertEquals("b\"c'd}e#f", a.value());
        assertEquals(Quote.NONE, a.quote());
    }

    @Test
    void openingBraceEndsAWordUnlessAfterDollar() {
        ParsedFile pf = parse("location /a{ return 204; }\nset $x ${host}z;\nset $y $${{a;\n");
        assertClean(pf);
        List<Directive> ds = directives(pf.items());
        assertEquals("/a", ds.get(0).arg(0));
        assertTrue(ds.get(0).hasBlock());
        assertEquals("${host}z", ds.get(1).arg(1));
        assertEquals("$${{a", ds.get(2).arg(1));
    }

    @Test
    void dollarBraceAtEndOfWordFollowedBySemicolon() {
        ParsedFile pf = parse("env a${b;\n");
        assertClean(pf);
        assertEquals("a${b", first(pf).arg(0));
    }

    @Test
    void backslashEscapesInWords() {
        ParsedFile pf = parse("a b\\ c \\\"x \\;y z\\q t\\t;\n");
        assertClean(pf);
        List<Arg> args = first(pf).args();
        assertEquals(5, args.size());
        assertEquals("b\\ c", args.get(0).raw());
        assertEquals("b\\ c", args.get(0).value()); // "\ " is not one of nginx's escapes: kept
        assertEquals("\"x", args.get(1).value());
        assertEquals("\\\"x", args.get(1).raw());
        assertEquals("\\;y", args.get(2).value()); // "\;" is kept as written, as nginx does
        assertEquals("z\\q", args.get(3).value());
        assertEquals("t\t", args.get(4).value());
    }

    @Test
    void doubleQuotedValueRawQuoteAndEscapes() {
        ParsedFile pf = parse("add_header X \"a \\\"b\\\" \\\\ c\\td\\ne\\x; {}\";\n");
        assertClean(pf);
        Arg a = first(pf).args().get(1);
        assertEquals(Quote.DOUBLE, a.quote());
        assertEquals("\"a \\\"b\\\" \\\\ c\\td\\ne\\x; {}\"", a.raw());
        assertEquals("a \"b\" \\ c\td\ne\\x; {}", a.value());
        assertEquals("1:14", at(a));
        assertEquals(a.raw().length(), a.end() - a.start());
    }

    @Test
    void controlEscapesInQuotes() {
        ParsedFile pf = parse("a \"x\\ry\\nz\\t\" 'p\\rq';\n");
        assertClean(pf);
        assertEquals("x\ry\nz\t", first(pf).arg(0));
        assertEquals("p\rq", first(pf).arg(1));
        assertEquals("'p\\rq'", first(pf).args().get(1).raw());
    }

    @Test
    void singleQuotedValue() {
        ParsedFile pf = parse("log_format x 'it\\'s \"ok\"\n  two';\n");
        assertClean(pf);
        Arg a = first(pf).args().get(1);
        assertEquals(Quote.SINGLE, a.quote());
        assertEquals("it's \"ok\"\n  two", a.value());
        assertEquals("'it\\'s \"ok\"\n  two'", a.raw());
        assertEquals(2, a.span().endLine());
    }

    @Test
    void emptyQuotedArgument() {
        ParsedFile pf = parse("map $a $b { '' close; default \"\"; }\n");
        assertClean(pf);
        List<Directive> inner = directives(first(pf).children());
        assertEquals("", inner.get(0).name());
        assertEquals("", inner.get(1).arg(0));
        assertEquals(Quote.DOUBLE, inner.get(1).args().get(0).quote());
    }

    @Test
    void afterClosingQuoteOnlySpaceSemicolonBraceOrParen() {
        assertClean(parse("a \"b\";\na 'b'{ }\na \"b\"\tc;\n"));
        ParsedFile paren = parse("if ($host = \"x\") { return 204; }\n");
        assertClean(paren);
        assertEquals(List.of("($host", "=", "x", ")"), first(paren).values());
        Problem p = only(parse("env \"a\"b;\n"));
        assertEquals("unexpected \"b\"", p.message());
        assertEquals("1:8", at(p));
        // nginx stops here; proxylint goes on (the "#" then starts a comment that eats the ";")
        assertEquals("unexpected \"#\"", parse("env 'a'#c;\n").problems().get(0).message());
        assertEquals("unexpected \"\"\"", only(parse("env 'a'\"b\";\n")).message());
        Problem brace = only(parse("x {\nenv \"a\"}\n"));
        assertEquals("unexpected \"}\"", brace.message());
        assertEquals("2:8", at(brace));
    }

    @Test
    void quotedDirectiveName() {
        ParsedFile pf = parse("\"worker_processes\" 2;\n");
        assertClean(pf);
        assertEquals("worker_processes", first(pf).name());
    }

    @Test
    void semicolonOrBraceWithoutNameIsAnError() {
        Problem p = only(parse("a b;\n  ;\n"));
        assertEquals("unexpected \";\"", p.message());
        assertEquals("2:3", at(p));
        ParsedFile pf = parse("{ a b; }\nc d;\n");
        Problem q = only(pf);
        assertEquals("unexpected \"{\"", q.message());
        assertEquals("1:1", at(q));
        // recovery: the directives inside and after the anonymous block are kept
        assertEquals("<a>(b);<c>(d);", shape(pf.items()));
    }

    @Test
    void closingBraceWithPendingArgumentsIsAnError() {
        ParsedFile pf = parse("server {\n    listen 80\n}\nuser x;\n");
        Problem p = only(pf);
        assertEquals("unexpected \"}\"", p.message());
        assertEquals("3:1", at(p));
        // recovery: the unfinished directive is kept, the block closes, parsing continues
        assertEquals("<server>{<listen>(80);}<user>(x);", shape(pf.items()));
    }

    @Test
    void strayClosingBraceReportedAndParsingContinues() {
        ParsedFile pf = parse("a b;\n}\nc d;\n} }\n");
        assertEquals(3, pf.problems().size());
        assertEquals("2:1", at(pf.problems().get(0)));
        assertEquals("4:1", at(pf.problems().get(1)));
        assertEquals("4:3", at(pf.problems().get(2)));
        assertEquals("unexpected \"}\"", pf.problems().get(0).message());
        assertEquals("<a>(b);<c>(d);", shape(pf.items()));
    }

    @Test
    void unterminatedQuoteReportedAtEndOfFileWithOpeningQuoteRelated() {
        ParsedFile pf = parse("a b;\nenv \"abc;\nc d;\n");
        Problem p = only(pf);
        assertTrue(p.message().startsWith("unexpected end of file, expecting \";\" or \"}\""), p.message());
        assertTrue(p.message().contains("unterminated"), p.message());
        assertEquals("4:1", at(p)); // where nginx reports it: the end of the file
        assertEquals("2:5", p.related().get(0).startLine() + ":" + p.related().get(0).startColumn());
        Arg a = directives(pf.items()).get(1).args().get(0);
        assertEquals("abc;\nc d;\n", a.value());
        // an escaped quote does not close
        Problem q = only(parse("env 'abc\\'"));
        assertTrue(q.message().contains("unterminated"), q.message());
    }

    @Test
    void unclosedBlockReportedAtEndOfFileWithOpeningBraceRelated() {
        ParsedFile pf = parse("http {\n  server {\n    listen 80;\n  }\n");
        Problem p = only(pf);
        assertTrue(p.message().startsWith("unexpected end of file, expecting \"}\""), p.message());
        assertEquals("5:1", at(p));
        assertEquals("1:6", p.related().get(0).startLine() + ":" + p.related().get(0).startColumn());
        Directive http = first(pf);
        assertEquals(-1, http.blockClose());
        assertEquals("<http>{<server>{<listen>(80);}}", shape(pf.items()));
    }

    @Test
    void missingSemicolonAtEndOfFile() {
        Problem p = only(parse("a b;\nc d"));
        assertEquals("unexpected end of file, expecting \";\" or \"}\"", p.message());
        assertEquals("2:4", at(p));
    }

    @Test
    void luaBlockBodyIsOneOpaqueArgument() {
        String body = " -- } comment\n  local s = \"}\" .. '{' .. [[ } ]] .. [==[ ]] } ]==]\n"
                + "  --[[ } ]] if x then t = { a = { } } end\n";
        String text = "location / {\n  content_by_lua_block {" + body + "}\n  return 204;\n}\nlua_block {x}\n";
        ParsedFile pf = parse(text);
        assertClean(pf);
        Directive loc = first(pf);
        List<Directive> inner = directives(loc.children());
        assertEquals(2, inner.size());
        Directive lua = inner.get(0);
        assertEquals("content_by_lua_block", lua.name());
        assertEquals(1, lua.argCount());
        assertEquals(body, lua.arg(0));
        assertTrue(lua.children().isEmpty());
        assertEquals(text.indexOf("{ -- }"), lua.blockOpen());
        assertEquals('}', text.charAt(lua.blockClose()));
        assertEquals("return", inner.get(1).name());
        assertEquals("x", directives(pf.items()).get(1).arg(0));
    }

    @Test
    void unterminatedLuaBlock() {
        ParsedFile pf = parse("init_by_lua_block { local t = {\n");
        Problem p = only(pf);
        assertTrue(p.message().startsWith("unexpected end of file, expecting \"}\""));
        assertEquals(" local t = {\n", first(pf).arg(0));
    }

    @Test
    void nulBytesAreBinaryInput() {
        ParsedFile pf = FRONTEND().parse(SourceFile.fromBytes(null, "b.conf",
                new byte[] {'a', ' ', 0, 1, 2, (byte) 0xff, ';', '{', '"'}));
        assertEquals(1, pf.problems().size());
        assertEquals("SYN002", pf.problems().get(0).ruleId());
        assertEquals("1:3", at(pf.problems().get(0)));
        assertTrue(pf.items().isEmpty());
    }

    private static NginxFrontend FRONTEND() {
        return NginxTestSupport.FRONTEND;
    }

    @Test
    void bomAndCrlf() {
        byte[] bytes = "\uFEFFuser x;\r\n# note\r\nhttp {\r\n  a \"b\r\nc\";\r\n}\r\n".getBytes(StandardCharsets.UTF_8);
        ParsedFile pf = FRONTEND().parse(SourceFile.fromBytes(null, "bom.conf", bytes));
        assertClean(pf);
        assertEquals("user", first(pf).name());
        assertEquals("1:1", first(pf).line() + ":" + first(pf).column());
        Comment c = assertInstanceOf(Comment.class, pf.items().get(1));
        assertEquals("# note", c.text());
        Directive a = directives(directives(pf.items()).get(1).children()).get(0);
        assertEquals("b\r\nc", a.arg(0));
        assertEquals("4:5", at(a.args().get(0)));
        // a BOM left in the text (in-memory input) is skipped too
        assertClean(parse("\uFEFFuser x;\n"));
        assertEquals("user", first(parse("\uFEFFuser x;\n")).name());
    }

    @Test
    void utf8AndUtf16Columns() {
        ParsedFile pf = parse("set $a \"h\u00e9\uD83D\uDE00\" b\u00fc;\n");
        assertClean(pf);
        List<Arg> args = first(pf).args();
        assertEquals("h\u00e9\uD83D\uDE00", args.get(1).value());
        assertEquals("1:15", at(args.get(2))); // the emoji counts two UTF-16 code units
        assertEquals("b\u00fc", args.get(2).value());
    }

    @Test
    void invalidUtf8BytesSurvive() {
        byte[] bytes = {'s', 'e', 't', ' ', '$', 'a', ' ', (byte) 0xff, (byte) 0xfe, 'x', ';', '\n'};
        ParsedFile pf = FRONTEND().parse(SourceFile.fromBytes(null, "latin.conf", bytes));
        assertClean(pf);
        assertEquals("\u00ff\u00fex", first(pf).arg(1));
        assertEquals(StandardCharsets.ISO_8859_1, pf.source().charset());
    }

    @Test
    void fragmentsParse() {
        assertClean(parse("server {\n  listen 80;\n}\nserver { }\n"));
        assertClean(parse("location /x { proxy_pass http://b; }\n"));
        assertClean(parse("proxy_set_header Host $host;\n"));
        assertClean(parse(""));
        assertClean(parse("# only a comment"));
        assertFalse(parse("   \n\t\r\n").items().iterator().hasNext());
    }

    @Test
    void backslashAtEndOfInput() {
        Problem p = only(parse("a b\\"));
        assertTrue(p.message().startsWith("unexpected end of file"));
    }
}
