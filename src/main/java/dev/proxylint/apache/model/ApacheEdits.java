package dev.proxylint.apache.model;

import dev.proxylint.source.SourceFile;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;

/**
 * Text edits on Apache configs in the file's own style (indentation and line ends from
 * {@link SourceFile#indentAt} and {@link SourceFile#eol}); the nginx twin is
 * {@code nginx.model.NginxEdits}.
 */
public final class ApacheEdits {
    private ApacheEdits() {
    }

    /** A line inserted above a directive, at its indentation. */
    public static TextEdit lineAbove(Directive d, String line) {
        return linesAbove(d, List.of(line));
    }

    /**
     * Lines inserted above a directive, each at the directive's indentation (a line may add more
     * of its own, e.g. {@code "    ProxySet timeout=3600"} inside a section).
     */
    public static TextEdit linesAbove(Directive d, List<String> lines) {
        SourceFile f = d.file();
        String indent = f.indentAt(d.start());
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(indent).append(l).append(f.eol());
        }
        return TextEdit.insert(f, f.lineStart(f.line(d.start())), sb.toString());
    }

    /** Appends a word after a directive's last argument. */
    public static TextEdit appendArg(Directive d, String word) {
        if (d.argCount() == 0) {
            return null;
        }
        Arg last = d.args().get(d.argCount() - 1);
        if (unterminated(last)) {
            return null; // Apache reads the rest of the line into that quote: a word added there joins it
        }
        return TextEdit.insert(last.file(), last.end(), " " + word);
    }

    /** Whether an argument opens a quote it never closes ("ws://b/x timeout=1 to the end of the line). */
    static boolean unterminated(Arg a) {
        String raw = a.raw();
        if (raw.isEmpty() || (raw.charAt(0) != '"' && raw.charAt(0) != '\'')) {
            return false;
        }
        return raw.length() == 1 || raw.charAt(raw.length() - 1) != raw.charAt(0) || raw.endsWith("\\" + raw.charAt(0));
    }

    /**
     * Adds a flag to a RewriteCond or RewriteRule: into its existing {@code [..]} (the third
     * argument) or as a new {@code [FLAG]} argument.
     */
    public static TextEdit addFlag(Directive d, String flag) {
        if (d.argCount() >= 3 && d.arg(2).startsWith("[") && d.arg(2).endsWith("]")) {
            Arg a = d.args().get(2);
            int close = a.raw().lastIndexOf(']');
            return TextEdit.insert(a.file(), a.start() + close, "," + flag);
        }
        return appendArg(d, "[" + flag + "]");
    }

    /**
     * Moves a directive's lines (with the comment lines directly above it, down to the line after
     * {@code above}) to the line of {@code above}; no edits when the two are in different files.
     */
    public static List<TextEdit> moveAbove(Directive moved, Directive above) {
        List<TextEdit> edits = new ArrayList<>();
        if (above.file() != moved.file()) {
            return edits;
        }
        SourceFile f = moved.file();
        int firstLine = f.line(moved.start());
        // the comment lines directly above the directive travel with it
        while (firstLine - 1 > f.line(above.end()) && f.lineText(firstLine - 1).trim().startsWith("#")) {
            firstLine--;
        }
        int bs = f.lineStart(firstLine);
        int bl = f.line(moved.end());
        int be = bl < f.lineCount() ? f.lineStart(bl + 1) : f.text().length();
        String text = f.text().substring(bs, be);
        if (!text.endsWith("\n")) {
            text = text + f.eol();
        }
        edits.add(TextEdit.insert(f, f.lineStart(f.line(above.start())), text));
        edits.add(new TextEdit(f, bs, be, ""));
        return edits;
    }
}
