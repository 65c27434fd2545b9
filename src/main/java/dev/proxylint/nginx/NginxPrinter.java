package dev.proxylint.nginx;

import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Comment;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.Quote;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical nginx text for a syntax tree: one directive per line, four spaces per level (capped at
 * {@link #MAX_INDENT} levels so that absurdly deep trees print in linear space), comments on their
 * own lines, arguments printed from their values (bare when that reads back as the same value,
 * else quoted with nginx escapes, keeping single quotes when the argument had them). Include
 * directives print as written; their expansions are not inlined. Printing the result and parsing it
 * again gives the same names, values and nesting. Deep trees print without recursion.
 */
public final class NginxPrinter {
    static final int MAX_INDENT = 32;

    private NginxPrinter() {
    }

    public static String print(List<Node> items) {
        StringBuilder sb = new StringBuilder();
        ArrayList<List<Node>> lists = new ArrayList<>();
        ArrayList<Integer> pos = new ArrayList<>();
        lists.add(items);
        pos.add(0);
        while (!lists.isEmpty()) {
            int top = lists.size() - 1;
            List<Node> list = lists.get(top);
            int i = pos.get(top);
            int depth = top;
            if (i >= list.size()) {
                lists.remove(top);
                pos.remove(top);
                if (top > 0) {
                    indent(sb, depth - 1);
                    sb.append("}\n");
                }
                continue;
            }
            pos.set(top, i + 1);
            Node n = list.get(i);
            indent(sb, depth);
            if (n instanceof Comment c) {
                sb.append(c.text()).append('\n');
                continue;
            }
            Directive d = (Directive) n;
            sb.append(format(d.name(), Quote.NONE));
            List<Arg> args = d.args();
            boolean lua = NginxReader.isLuaBlock(d.name()) && d.hasBlock() && d.children().isEmpty() && !args.isEmpty();
            int plain = lua ? args.size() - 1 : args.size();
            for (int k = 0; k < plain; k++) {
                sb.append(' ').append(format(args.get(k)));
            }
            if (lua) {
                sb.append(" {").append(args.get(args.size() - 1).value()).append("}\n");
            } else if (d.hasBlock()) {
                sb.append(" {\n");
                lists.add(d.children());
                pos.add(0);
            } else {
                sb.append(";\n");
            }
        }
        return sb.toString();
    }

    private static void indent(StringBuilder sb, int depth) {
        for (int k = Math.min(depth, MAX_INDENT); k > 0; k--) {
            sb.append("    ");
        }
    }

    /** One argument as canonical nginx text. */
    public static String format(Arg a) {
        return format(a.value(), a.quote());
    }

    static String format(String v, Quote preferred) {
        if (preferred == Quote.NONE && isBare(v)) {
            return v;
        }
        char q = preferred == Quote.SINGLE ? '\'' : '"';
        StringBuilder sb = new StringBuilder(v.length() + 2).append(q);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' || c == q) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append(q).toString();
    }

    /** Whether nginx reads {@code v} written without quotes back as exactly one word with this value. */
    static boolean isBare(String v) {
        if (v.isEmpty()) {
            return false;
        }
        char first = v.charAt(0);
        if (first == '"' || first == '\'' || first == '#' || first == '}') {
            return false;
        }
        boolean variable = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case ' ', '\t', '\r', '\n', ';', '\\', '\0' -> {
                    return false;
                }
                case '{' -> {
                    if (!variable) {
                        return false;
                    }
                }
                case '$' -> variable = true;
                default -> variable = false;
            }
        }
        return true;
    }
}
