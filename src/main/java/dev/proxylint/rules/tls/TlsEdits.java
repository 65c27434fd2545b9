package dev.proxylint.rules.tls;

import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.nginx.model.NginxEdits;
import dev.proxylint.source.SourceFile;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/** Edits for TLS and HSTS fixes: replace one directive in place, or add one to an endpoint. */
public final class TlsEdits {
    private TlsEdits() {
    }

    /** "ssl_protocols TLSv1.2;" without its ";", for use inside a sentence. */
    public static String stripSemi(String line) {
        return line.endsWith(";") ? line.substring(0, line.length() - 1) : line;
    }

    /**
     * Replaces a directive (nginx: through its {@code ;}; Apache: name and arguments, so comments
     * and line ends stay) by another text. The indentation before it is kept.
     */
    public static TextEdit replace(Directive d, String text) {
        if (d.dialect() == Dialect.NGINX || d.argCount() == 0) {
            return new TextEdit(d.file(), d.start(), d.dialect() == Dialect.NGINX ? d.end() : d.nameSpan().end(), text);
        }
        return new TextEdit(d.file(), d.start(), d.headSpan().end(), text);
    }

    /**
     * Adds a directive line to an endpoint: below its last TLS directive (ssl_* / SSL*) when that
     * stands on a line of its own inside the block, else at the end of its block, or below the main
     * server's SSLEngine.
     */
    public static TextEdit add(TlsEndpoint e, String line) {
        if (e.opener() != null && e.opener().hasBlock()) {
            Directive block = e.opener();
            List<Directive> own = e.nginxServer() != null ? e.nginxServer().directives() : e.apacheScope().directives();
            Directive last = null;
            for (Directive d : own) {
                String n = d.name().toLowerCase(java.util.Locale.ROOT);
                if (n.startsWith("ssl") && d.file() == block.file() && d.start() > block.start()
                        && block.blockClose() > d.end()) {
                    last = d;
                }
            }
            SourceFile f = block.file();
            if (last != null && f.line(last.start()) > f.line(block.blockOpen())
                    && f.line(Math.max(last.end() - 1, last.start())) < f.line(block.blockClose())
                    && onlyDirectiveOnLine(last)) {
                return lineBelow(last, line);
            }
            if (e.apacheScope() != null && block.blockClose() < 0) {
                // a section left open to the end of the file (httpd accepts that inside a true
                // <IfModule>): Apache directives are lines, so the new one goes below the last
                Directive below = block;
                for (Directive d : own) {
                    if (d.file() == block.file() && d.start() > below.start()) {
                        below = d;
                    }
                }
                return lineBelow(below, line);
            }
            return NginxEdits.appendToBlock(block, List.of(line));
        }
        return lineBelow(e.anchor(), line);
    }

    private static boolean onlyDirectiveOnLine(Directive d) {
        SourceFile f = d.file();
        String t = f.text();
        int ls = f.lineStart(f.line(d.start()));
        if (!t.substring(ls, d.start()).isBlank()) {
            return false;
        }
        int end = Math.min(d.end(), t.length());
        int nl = t.indexOf('\n', Math.max(end - 1, d.start()));
        String rest = t.substring(end, nl < 0 ? t.length() : Math.max(nl, end)).strip();
        return rest.isEmpty() || rest.startsWith("#");
    }

    /** A line inserted after a directive's line, at its indentation. */
    public static TextEdit lineBelow(Directive d, String line) {
        SourceFile f = d.file();
        String t = f.text();
        int end = d.end();
        int nl = t.indexOf('\n', Math.max(end - 1, 0));
        String eol = f.eol();
        String indent = f.indentAt(d.start());
        if (nl < 0) {
            return TextEdit.insert(f, t.length(), eol + indent + line + eol);
        }
        return TextEdit.insert(f, nl + 1, indent + line + eol);
    }
}
