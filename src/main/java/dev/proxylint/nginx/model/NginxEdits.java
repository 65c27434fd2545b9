package dev.proxylint.nginx.model;

import dev.proxylint.source.SourceFile;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import java.util.List;

/** Text edits that add directives to nginx blocks in the file's own style (indentation, line ends). */
public final class NginxEdits {
    private NginxEdits() {
    }

    static boolean firstOnLine(SourceFile f, int offset) {
        int ls = f.lineStart(f.line(offset));
        String t = f.text();
        for (int i = ls; i < offset; i++) {
            if (!Character.isWhitespace(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The indentation children of a block use: the first child's, else the opener's plus one step. */
    static String childIndent(Directive block) {
        SourceFile f = block.file();
        for (Node n : block.children()) {
            if (n instanceof Directive d && d.file() == f && firstOnLine(f, d.start())) {
                return f.indentAt(d.start());
            }
        }
        String base = f.indentAt(block.start());
        return base + (base.contains("\t") ? "\t" : "    ");
    }

    /**
     * Adds directive lines (each without indentation, e.g. {@code proxy_http_version 1.1;}) at the
     * end of a block, just before its closing brace.
     */
    public static TextEdit appendToBlock(Directive block, List<String> lines) {
        SourceFile f = block.file();
        int close = block.blockClose();
        if (close < 0) {
            close = block.end();
        }
        if (firstOnLine(f, close)) {
            String indent = childIndent(block);
            StringBuilder sb = new StringBuilder();
            for (String l : lines) {
                sb.append(indent).append(l).append(f.eol());
            }
            return TextEdit.insert(f, f.lineStart(f.line(close)), sb.toString());
        }
        // "location /ws { proxy_pass http://b; }": stay on the line
        StringBuilder sb = new StringBuilder();
        String t = f.text();
        boolean space = close > 0 && Character.isWhitespace(t.charAt(close - 1));
        if (!space) {
            sb.append(' ');
        }
        for (String l : lines) {
            sb.append(l).append(' ');
        }
        return TextEdit.insert(f, close, sb.toString());
    }

    /** Adds lines at the start of a block, right after the line of its opening brace. */
    public static TextEdit prependToBlock(Directive block, List<String> lines) {
        SourceFile f = block.file();
        int open = block.blockOpen();
        String indent = childIndent(block);
        int line = f.line(open);
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(indent).append(l).append(f.eol());
        }
        if (line < f.lineCount() && nothingAfterOnLine(f, open + 1)) {
            return TextEdit.insert(f, f.lineStart(line + 1), sb.toString());
        }
        // "http {    map ... {": the brace's line goes on with a directive, so break the line right
        // after the brace (inserting on the next line would land inside what follows)
        return TextEdit.insert(f, open + 1, f.eol() + sb);
    }

    /** Whether only blanks or a comment follow {@code at} on its line. */
    static boolean nothingAfterOnLine(SourceFile f, int at) {
        String t = f.text();
        for (int i = at; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\n' || c == '\r' || c == '#') {
                return true;
            }
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Lines inserted before a directive, at its indentation (e.g. a map above the first server). */
    public static TextEdit insertBefore(Directive d, List<String> lines) {
        SourceFile f = d.file();
        String indent = f.indentAt(d.start());
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.isEmpty() ? "" : indent + l).append(f.eol());
        }
        if (firstOnLine(f, d.start())) {
            return TextEdit.insert(f, f.lineStart(f.line(d.start())), sb.toString());
        }
        return TextEdit.insert(f, d.start(), sb.toString().replace(f.eol(), " "));
    }

    /**
     * Lines inserted right after a directive: on the following lines at its indentation when it ends
     * its line (a trailing comment stays with it), else on the same line after it.
     */
    public static TextEdit insertAfter(Directive d, List<String> lines) {
        SourceFile f = d.file();
        int line = f.line(d.end());
        // a directive cut off by the end of the file may end after its line's end (a lone CR)
        String rest = f.text().substring(d.end(), Math.max(d.end(), f.lineEnd(line))).trim();
        if (firstOnLine(f, d.start()) && (rest.isEmpty() || rest.startsWith("#")) && line < f.lineCount()) {
            String indent = f.indentAt(d.start());
            StringBuilder sb = new StringBuilder();
            for (String l : lines) {
                sb.append(indent).append(l).append(f.eol());
            }
            return TextEdit.insert(f, f.lineStart(line + 1), sb.toString());
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(' ').append(l);
        }
        return TextEdit.insert(f, d.end(), sb.toString());
    }

    /**
     * The standard {@code map $http_upgrade $connection_upgrade} block, added at the top of an
     * {@code http} block: "upgrade" when the client asked for one, "close" otherwise.
     */
    public static TextEdit connectionUpgradeMap(Directive httpBlock) {
        String step = childIndent(httpBlock).contains("\t") ? "\t" : "    ";
        return prependToBlock(httpBlock, List.of(
                "map $http_upgrade $connection_upgrade {",
                step + "default upgrade;",
                step + "''      close;",
                "}"));
    }
}
