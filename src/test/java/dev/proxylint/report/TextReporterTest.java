package dev.proxylint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Level;
import dev.proxylint.source.SourceFile;
import dev.proxylint.source.TextEdit;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReporterTest {
    private static String text(boolean color, Finding... f) {
        return Golden.render(new TextReporter(new ReportOptions(color, "0.1.0", Fixtures.ROOT, null)),
                new ReportInput(List.of(f), 1, 0));
    }

    /** The line after the source line: the caret line, stripped of the gutter. */
    private static String caretLine(String out, String sourceLineMarker) {
        String[] lines = out.split("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].contains(sourceLineMarker) && lines[i].contains(" | ")) {
                return lines[i + 1].substring(lines[i + 1].indexOf('|') + 2);
            }
        }
        throw new AssertionError("no source line with " + sourceLineMarker + " in\n" + out);
    }

    private static String sourceLine(String out, String marker) {
        for (String l : out.split("\n")) {
            if (l.contains(marker) && l.contains(" | ")) {
                return l.substring(l.indexOf('|') + 2);
            }
        }
        throw new AssertionError(marker);
    }

    @Test
    void caretStandsUnderTheSpanAfterTabsAndWideCharacters() {
        SourceFile f = SourceFile.of("t.conf", "\tx\t日本\uD83D\uDE00 target;\n");
        int at = f.text().indexOf("target");
        String out = text(false, new Finding("SYN001", Level.ERROR, "m", f.span(at, at + 6)));
        String src = sourceLine(out, "target");
        String carets = caretLine(out, "target");
        // tab to col 8, 'x', tab to 16, two wide chars (4 cells), one emoji (2 cells), space: 23
        assertEquals("        x       日本\uD83D\uDE00 target;", src);
        assertEquals(" ".repeat(23) + "^^^^^^", carets);
        assertFalse(out.contains("\t"), "tabs are expanded");
    }

    @Test
    void combiningMarksTakeNoCell() {
        SourceFile f = SourceFile.of("t.conf", "e\u0301 x;\n");
        int at = f.text().indexOf('x');
        String out = text(false, new Finding("SYN001", Level.ERROR, "m", f.span(at, at + 1)));
        assertEquals("  ^", caretLine(out, "x;"));
    }

    @Test
    void multiLineSpansShowTheFirstLineAndAnEllipsis() {
        SourceFile f = SourceFile.of("t.conf", "server {\n  listen 80;\n}\n");
        String out = text(false, new Finding("SYN001", Level.ERROR, "m", f.span(0, f.text().length() - 1)));
        assertEquals("^^^^^^^^ ...", caretLine(out, "server {"));
        assertFalse(out.contains("listen"));
    }

    @Test
    void emptySpansGetOneCaretEvenAtTheEndOfTheLine() {
        SourceFile f = SourceFile.of("t.conf", "listen 80\n");
        String out = text(false, new Finding("SYN001", Level.ERROR, "m", f.span(9, 9)));
        assertEquals(" ".repeat(9) + "^", caretLine(out, "listen 80"));
    }

    @Test
    void controlCharactersNeverReachTheTerminal() {
        SourceFile f = SourceFile.of("t.conf", "a \u001b[31mred\u0007;\n");
        String out = text(false, new Finding("SYN001", Level.ERROR, "bad \u001b]0;title\u0007", f.span(0, 1)));
        assertFalse(out.contains("\u001b"), out);
        assertFalse(out.contains("\u0007"), out);
        assertTrue(out.contains("a ?[31mred?;"), out);
    }

    @Test
    void colourOnlyWhenAsked() {
        SourceFile f = SourceFile.of("t.conf", "x;\n");
        Finding fd = new Finding("SYN001", Level.WARNING, "m", f.span(0, 1));
        assertFalse(text(false, fd).contains("\u001b["));
        String c = text(true, fd);
        assertTrue(c.contains("\u001b[1;33mwarning\u001b[0m"), c);
    }

    @Test
    void fixIsShownAsADiffOfTheEditedLines() {
        SourceFile f = SourceFile.of("t.conf", "a;\nproxy_http_version 1.0;\nb;\n");
        int at = f.text().indexOf("1.0");
        Finding fd = new Finding("PRX101", Level.WARNING, "old HTTP", f.span(at, at + 3), List.of(),
                new Fix("use HTTP/1.1", List.of(TextEdit.replace(f.span(at, at + 3), "1.1"))));
        String out = text(false, fd);
        assertTrue(out.contains("  fix: use HTTP/1.1\n  - proxy_http_version 1.0;\n  + proxy_http_version 1.1;\n"), out);
        // deleting a whole line shows no '+' line for it
        Finding del = new Finding("PRX101", Level.WARNING, "drop", f.span(0, 3), List.of(),
                new Fix("remove it", List.of(new TextEdit(f, 0, 3, ""))));
        String out2 = text(false, del);
        assertTrue(out2.contains("  fix: remove it\n  - a;\n\n"), out2);
        assertTrue(out2.contains("  1 | a;\n    | ^^\n"), "a span ending after the line break is one line: " + out2);
    }

    @Test
    void summaryCountsAndPlurals() {
        assertEquals("0 errors, 0 warnings, 0 notes in 0 files", new ReportInput(List.of(), 0, 0).summaryLine());
        SourceFile f = SourceFile.of("t.conf", "x;\n");
        ReportInput in = new ReportInput(List.of(new Finding("A001", Level.ERROR, "m", f.span(0, 1)),
                new Finding("A001", Level.ERROR, "m", f.span(1, 2)),
                new Finding("A002", Level.WARNING, "m", f.span(0, 1))), 1, 1);
        assertEquals("2 errors, 1 warning, 0 notes in 1 file (1 suppressed)", in.summaryLine());
        assertThrows(IllegalArgumentException.class, () -> new ReportInput(List.of(), -1, 0));
    }

    @Test
    void findingsAreSortedWhateverTheInputOrder() {
        SourceFile f = SourceFile.of("t.conf", "x;\ny;\n");
        Finding a = new Finding("A001", Level.ERROR, "first", f.span(0, 1));
        Finding b = new Finding("A001", Level.ERROR, "second", f.span(3, 4));
        String ab = Golden.render(new ConciseReporter(), new ReportInput(List.of(a, b), 1, 0));
        String ba = Golden.render(new ConciseReporter(), new ReportInput(List.of(b, a), 1, 0));
        assertEquals(ab, ba);
        assertEquals("t.conf:1:1: error: first [A001]\nt.conf:2:1: error: second [A001]\n", ab);
    }

    @Test
    void unknownFormatNamesTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Reporters.create("xml", Fixtures.options(false)));
        assertEquals("unknown format 'xml' (expected one of text, concise, json, sarif, github)", e.getMessage());
    }
}
