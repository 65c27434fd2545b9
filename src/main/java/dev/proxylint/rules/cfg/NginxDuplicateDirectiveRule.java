package dev.proxylint.rules.cfg;

import dev.proxylint.nginx.model.NginxDirectives.Row;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CFG124 duplicate-directive: a second directive of the same name in one block where its module
 * keeps one value and refuses another (nginx: {@code "root" directive is duplicate}). Only the
 * directives whose set handler always refuses a second one are checked ({@code repeat = once} in
 * the table); directives such as {@code listen}, {@code add_header} or {@code limit_req} repeat.
 */
public final class NginxDuplicateDirectiveRule extends BaseRule {
    static final String ID = "CFG124";

    /** A block (null: the top level), a directive name and, for repeatable ones, what must not repeat. */
    private record Key(Directive block, String name, String what) {
    }

    public NginxDuplicateDirectiveRule() {
        super(Dialect.NGINX, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        Map<Key, Directive> first = new HashMap<>();
        for (DirectivePlacement.Entry e : DirectivePlacement.of(ctx).entries()) {
            Row r = e.accepting();
            if (r == null) {
                continue;
            }
            Directive d = e.directive();
            String what = repeatKey(d);
            if (what == null && !onlyOnce(e)) {
                continue;
            }
            Directive earlier = first.putIfAbsent(new Key(e.parent(), d.name(), what), d);
            if (earlier != null && what != null) {
                String shown = what.length() > 40 ? what.substring(0, 37) + "..." : what;
                ctx.report(ID, d.nameSpan(), "A duplicate " + d.name() + " " + shown + " in this block: nginx refuses to "
                        + "start. The first is on line " + earlier.line() + ".",
                        List.of(new Related(earlier.nameSpan(), "first " + d.name() + " " + shown)), null);
            } else if (earlier != null) {
                ctx.report(ID, d.nameSpan(), "\"" + d.name() + "\" directive is duplicate: nginx refuses to start. It "
                        + "takes one value per block; the first is on line " + earlier.line() + ".",
                        List.of(new Related(earlier.nameSpan(), "first \"" + d.name() + "\" of this block")), null);
            }
        }
        NginxDuplicates.check(ctx, ID);
    }

    /**
     * For directives that repeat but not with the same value: {@code listen} with the same address
     * in one server (nginx: {@code a duplicate listen 127.0.0.1:80}), {@code limit_req} and
     * {@code limit_conn} with the same zone ({@code is duplicate}); the value that must not repeat,
     * or null.
     */
    static String repeatKey(Directive d) {
        if (d.argCount() == 0) {
            return null;
        }
        switch (d.name()) {
            case "listen" -> {
                // a stream listen with udp is another socket than the tcp one of the same address
                for (int i = 1; i < d.argCount(); i++) {
                    if (d.arg(i).equals("udp")) {
                        return d.arg(0) + " udp";
                    }
                }
                return d.arg(0);
            }
            case "limit_conn" -> {
                return d.arg(0);
            }
            case "limit_req" -> {
                for (String v : d.values()) {
                    if (v.startsWith("zone=")) {
                        return v;
                    }
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    /** Whether every allowed row that takes this directive refuses a second one. */
    private static boolean onlyOnce(DirectivePlacement.Entry e) {
        List<Row> rows = e.allowed();
        for (int i = 0, n = rows.size(); i < n; i++) {
            Row r = rows.get(i);
            if (r.isBlock() == e.directive().hasBlock() && r.takes(e.args()) && !r.once()) {
                return false;
            }
        }
        return true;
    }
}
