package dev.proxylint.rules.sec;

import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SEC117: a header value with a line break: written over several lines, or with the backslash-n
 * and backslash-r escapes nginx decodes in quoted strings. nginx writes the break into the header
 * as it is: the response (or the upstream request) carries a bare LF inside a header line, which
 * clients read as the end of the line (what follows becomes a folded continuation or a header line
 * of its own) or refuse.
 */
public final class NginxMultilineHeaderRule extends BaseRule {
    private static final List<String> SINKS = List.of("add_header", "add_trailer", "proxy_set_header", "grpc_set_header");
    /** Line breaks, written or as the \\r and \\n escapes nginx decodes in quoted strings, with the blanks around them. */
    private static final Pattern BREAK = Pattern.compile("[ \\t]*(?:[\\r\\n]|\\\\[rn])+[ \\t]*");

    public NginxMultilineHeaderRule() {
        super(Dialect.NGINX, "SEC117");
    }

    @Override
    public void check(RuleContext ctx) {
        for (String name : SINKS) {
            NginxScopes.with(ctx.facts().nginx(), name, s -> {
                for (Directive d : s.own(name)) {
                    check(ctx, d);
                }
            });
        }
    }

    private static void check(RuleContext ctx, Directive d) {
        for (int i = 0; i < d.argCount() && i < 2; i++) {
            Arg a = d.args().get(i);
            String v = a.value();
            if (v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
                continue;
            }
            String header = d.arg(0);
            Fix fix = null;
            if (a.quoted() && a.file() == d.file() && !a.raw().contains("\\\\\\\\")) {
                String raw = a.raw();
                String folded = BREAK.matcher(raw).replaceAll(" ");
                fix = new Fix("Write the value on one line", List.of(TextEdit.replace(a.span(), folded)));
            }
            String where = d.is("proxy_set_header") || d.is("grpc_set_header") ? "the request sent to the backend"
                    : "the response";
            ctx.report("SEC117", d.span(), d.name() + " " + (i == 0 ? "has a line break in the header name." : header + " has a line break in its value.")
                    + " nginx keeps the line break of the quoted string (or its \\n escape) and writes it into "
                    + where + " as it is: a bare LF inside the header line, which clients read as the end of the line "
                    + "(what follows becomes a folded continuation or a header line of its own) or refuse as "
                    + "malformed. Write the value on one line.", List.of(), fix);
            return;
        }
    }
}
