package dev.proxylint.nginx;

import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Comment;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.Problem;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers for the nginx front-end tests. */
final class NginxTestSupport {
    static final NginxFrontend FRONTEND = new NginxFrontend();

    private NginxTestSupport() {
    }

    static ParsedFile parse(String text) {
        return FRONTEND.parse(SourceFile.of("t.conf", text));
    }

    static List<Directive> directives(List<Node> items) {
        List<Directive> out = new ArrayList<>();
        for (Node n : items) {
            if (n instanceof Directive d) {
                out.add(d);
            }
        }
        return out;
    }

    static Directive first(ParsedFile pf) {
        return directives(pf.items()).get(0);
    }

    /** "line:col" of a problem's start. */
    static String at(Problem p) {
        return p.span().startLine() + ":" + p.span().startColumn();
    }

    static String at(Arg a) {
        return a.span().startLine() + ":" + a.span().startColumn();
    }

    /**
     * The tree as text, spans left out: names, argument values, nesting and comments. Explicit
     * stack, so it works for deep trees.
     */
    static String shape(List<Node> items) {
        StringBuilder sb = new StringBuilder();
        ArrayList<List<Node>> lists = new ArrayList<>();
        ArrayList<Integer> pos = new ArrayList<>();
        lists.add(items);
        pos.add(0);
        while (!lists.isEmpty()) {
            int top = lists.size() - 1;
            List<Node> l = lists.get(top);
            int i = pos.get(top);
            if (i >= l.size()) {
                lists.remove(top);
                pos.remove(top);
                if (top > 0) {
                    sb.append("}");
                }
                continue;
            }
            pos.set(top, i + 1);
            Node n = l.get(i);
            if (n instanceof Comment c) {
                sb.append("#[").append(c.text()).append("]");
                continue;
            }
            Directive d = (Directive) n;
            sb.append("<").append(d.name()).append(">");
            for (Arg a : d.args()) {
                sb.append("(").append(a.value()).append(")");
            }
            if (d.hasBlock()) {
                sb.append("{");
                lists.add(d.children());
                pos.add(0);
            } else {
                sb.append(";");
            }
        }
        return sb.toString();
    }

    /** Every problem's span lies inside its file's text. */
    static void assertValidSpans(ParsedFile pf) {
        int len = pf.source().text().length();
        for (Problem p : pf.problems()) {
            if (p.span().file() != pf.source() || p.span().start() < 0 || p.span().end() > len
                    || p.span().start() > p.span().end()) {
                throw new AssertionError("bad span " + p.span().start() + ".." + p.span().end() + " in " + len + ": " + p);
            }
            p.span().startLine();
            p.span().endColumn();
            for (var r : p.related()) {
                if (r.end() > r.file().text().length()) {
                    throw new AssertionError("bad related span: " + p);
                }
            }
        }
    }
}
