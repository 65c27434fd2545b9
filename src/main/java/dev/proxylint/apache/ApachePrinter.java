package dev.proxylint.apache;

import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Comment;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical Apache text for a tree: one directive a line, sections as {@code <Name args>} ...
 * {@code </Name>}, four spaces of indentation per level (up to {@link #MAX_INDENT} levels), arguments quoted only when needed.
 * Printing walks with an explicit stack, so any nesting depth is fine. Printing the block, not the
 * expansion: the output is the file as written, not as resolved.
 */
public final class ApachePrinter {
    private ApachePrinter() {
    }

    public static String print(List<Node> items) {
        StringBuilder sb = new StringBuilder();
        record F(List<Node> items, int[] pos, int depth, Directive owner) {
        }
        ArrayList<F> stack = new ArrayList<>();
        stack.add(new F(items, new int[1], 0, null));
        while (!stack.isEmpty()) {
            F f = stack.get(stack.size() - 1);
            if (f.pos()[0] >= f.items().size()) {
                stack.remove(stack.size() - 1);
                if (f.owner() != null) {
                    indent(sb, f.depth() - 1);
                    sb.append("</").append(f.owner().name()).append(">\n");
                }
                continue;
            }
            Node n = f.items().get(f.pos()[0]++);
            indent(sb, f.depth());
            if (n instanceof Comment c) {
                sb.append(c.text()).append('\n');
                continue;
            }
            Directive d = (Directive) n;
            boolean rewrite = d.is("RewriteRule") || d.is("RewriteCond");
            if (d.hasBlock()) {
                sb.append('<').append(d.name());
                for (Arg a : d.args()) {
                    sb.append(' ');
                    appendArg(sb, a.value(), false, true);
                }
                sb.append(">\n");
                stack.add(new F(d.children(), new int[1], f.depth() + 1, d));
            } else {
                sb.append(d.name());
                for (Arg a : d.args()) {
                    sb.append(' ');
                    appendArg(sb, a.value(), rewrite, false);
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** Indentation stops growing past this depth, so deep nesting cannot blow up the text. */
    static final int MAX_INDENT = 16;

    private static void indent(StringBuilder sb, int depth) {
        for (int i = 0, n = Math.min(depth, MAX_INDENT); i < n; i++) {
            sb.append("    ");
        }
    }

    /** One argument such that httpd's tokenizer gives back exactly {@code v}. */
    static void appendArg(StringBuilder sb, String v, boolean rewrite, boolean section) {
        boolean plain = !v.isEmpty() && v.charAt(0) != '"' && v.charAt(0) != '\'';
        boolean hasQuote = false;
        boolean hasDq = false;
        for (int i = 0; i < v.length() && (plain || !hasDq); i++) {
            char c = v.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\u000B'
                    || (!rewrite && c == '\\') || (section && c == '>')) {
                plain = false;
            }
            if (c == '"') {
                hasDq = true;
            }
            if (c == '\'') {
                hasQuote = true;
            }
        }
        if (rewrite && !v.isEmpty() && v.charAt(v.length() - 1) == '\\') {
            plain = false;
        }
        if (plain) {
            sb.append(v);
            return;
        }
        if (!rewrite) {
            sb.append('"');
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '\\' || c == '"') {
                    sb.append('\\');
                }
                sb.append(c);
            }
            sb.append('"');
            return;
        }
        // mod_rewrite has no escapes inside quotes: pick a quote the value does not hold
        char q = !hasDq ? '"' : !hasQuote ? '\'' : 0;
        if (q == 0) {
            sb.append(v); // not representable exactly; best effort
        } else {
            sb.append(q).append(v).append(q);
        }
    }
}
