package dev.proxylint.rules.cfg;

import dev.proxylint.facts.TimeValues;

import dev.proxylint.nginx.model.NginxDirectives.Row;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CFG123 invalid-value: a value nginx's own parser for the directive refuses: a flag that is not
 * {@code on}/{@code off}, a word outside an enumeration or bit mask, a size or number that is not
 * one. Times are SYN003's; directives whose module parses its own arguments are not checked, but
 * for {@code valid_referers} ({@link NginxValidReferers}).
 */
public final class NginxInvalidValueRule extends BaseRule {
    static final String ID = "CFG123";
    private static final Pattern SIZE = Pattern.compile("[0-9]+[kKmM]?");
    private static final Pattern OFFSET = Pattern.compile("[0-9]+[kKmMgG]?");
    private static final Pattern NUM = Pattern.compile("[0-9]+");

    public NginxInvalidValueRule() {
        super(Dialect.NGINX, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        for (DirectivePlacement.Entry e : DirectivePlacement.of(ctx).entries()) {
            if (e.accepting() == null) {
                continue;
            }
            Directive d = e.directive();
            if (d.argCount() == 0) {
                continue;
            }
            // the rows that take this shape; most directives have a type this rule does not judge, so the
            // list is made only for the few it does
            List<Row> allowed = e.allowed();
            boolean unchecked = false;
            int taking = 0;
            for (int i = 0, n = allowed.size(); i < n && !unchecked; i++) {
                Row r = allowed.get(i);
                if (r.isBlock() == d.hasBlock() && r.takes(e.args())) {
                    taking++;
                    unchecked = !typed(r);
                }
            }
            if (unchecked || taking == 0) {
                continue;
            }
            List<Row> rows = new ArrayList<>(taking);
            for (Row r : allowed) {
                if (r.isBlock() == d.hasBlock() && r.takes(e.args())) {
                    rows.add(r);
                }
            }
            Arg bad = null;
            Row last = null;
            for (Row r : rows) {
                bad = invalid(r, d);
                if (bad == null) {
                    break;
                }
                last = r;
            }
            if (bad != null) {
                ctx.report(ID, bad.span(), message(last, d, bad));
            }
        }
        NginxValidReferers.check(ctx, ID);
        NginxValueChecks.check(ctx, ID);
        NginxHashBuckets.check(ctx, ID);
        NginxOpensslValues.check(ctx, ID);
        NginxUpstreamBuffers.check(ctx, ID);
        NginxWorkerConnections.check(ctx, ID);
        NginxUpstreamPorts.check(ctx, ID);
    }

    /**
     * Whether the row's handler is one of nginx's shared value parsers (flag, enum, bit mask, size,
     * offset, number, time): they read the argument as plain text and compile no variables.
     */
    static boolean typed(Row r) {
        String type = type(r);
        return type.equals("flag") || type.equals("enum") || type.equals("bitmask") || type.equals("size")
                || type.equals("offset") || type.equals("num") || type.equals("time");
    }

    private static String type(Row r) {
        return TYPES.computeIfAbsent(r.value(), v -> {
            int colon = v.indexOf(':');
            return colon < 0 ? v : v.substring(0, colon);
        });
    }

    private static List<String> words(Row r) {
        return WORDS.computeIfAbsent(r.value(), v -> {
            int colon = v.indexOf(':');
            return colon < 0 ? List.of() : List.of(v.substring(colon + 1).split("/"));
        });
    }

    // a row's value type and words, by its value text (a few hundred distinct texts in the table)
    private static final java.util.Map<String, String> TYPES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.Map<String, List<String>> WORDS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The first argument this row's parser refuses, or null. */
    static Arg invalid(Row r, Directive d) {
        String type = type(r);
        if (type.equals("bitmask")) {
            for (Arg a : d.args()) {
                if (!containsIgnoreCase(words(r), a.value())) {
                    return a;
                }
            }
            return null;
        }
        Arg a = d.args().get(0);
        String v = a.value();
        boolean ok = switch (type) {
            case "flag" -> v.equalsIgnoreCase("on") || v.equalsIgnoreCase("off");
            case "enum" -> containsIgnoreCase(words(r), v);
            case "size" -> SIZE.matcher(v).matches();
            case "offset" -> OFFSET.matcher(v).matches();
            case "num" -> NUM.matcher(v).matches();
            // SYN003 judges the time directives it knows (with their unit); for the others a time
            // that even a seconds slot refuses (which also takes M and y) is refused for sure
            case "time" -> TimeValues.nginxTimeDirective(d.name()) != null || TimeValues.nginxSeconds(v).isPresent();
            default -> true;
        };
        return ok ? null : a;
    }

    private static boolean containsIgnoreCase(List<String> words, String v) {
        for (int i = 0, n = words.size(); i < n; i++) {
            if (words.get(i).equalsIgnoreCase(v)) {
                return true;
            }
        }
        return false;
    }

    private static String message(Row r, Directive d, Arg bad) {
        String n = d.name();
        String v = bad.value();
        String shown = v.length() > 40 ? v.substring(0, 37) + "..." : v;
        return switch (type(r)) {
            case "flag" -> "Invalid value \"" + shown + "\" in \"" + n + "\" directive, it must be \"on\" or \"off\"."
                    + " nginx refuses to start.";
            case "enum", "bitmask" -> "Invalid value \"" + shown + "\" in \"" + n + "\" directive: nginx refuses to "
                    + "start. It takes " + String.join(", ", words(r)) + ".";
            case "num" -> "\"" + n + "\" directive invalid number \"" + shown + "\": nginx refuses to start. It takes "
                    + "a whole number.";
            case "time" -> "\"" + n + "\" directive invalid value \"" + shown + "\": nginx refuses to start. A time is "
                    + "a number with units ms, s, m, h, d, w in falling order, e.g. 30s or 1h30m, and no variables.";
            default -> "\"" + n + "\" directive invalid value \"" + shown + "\": nginx refuses to start. A size is a "
                    + "whole number with an optional unit k or m" + (type(r).equals("offset") ? " (or g)" : "")
                    + ", e.g. 10m.";
        };
    }
}
