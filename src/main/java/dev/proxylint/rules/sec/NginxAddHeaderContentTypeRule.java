package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SEC111: {@code add_header Content-Type ...}. add_header adds a header line; it does not replace
 * the Content-Type nginx already sends (from {@code types}/{@code default_type} or the backend),
 * so the response carries two Content-Type headers and clients pick one. In a location the fix
 * writes {@code types { } default_type X;}, which makes X the only type.
 */
public final class NginxAddHeaderContentTypeRule extends BaseRule {
    public NginxAddHeaderContentTypeRule() {
        super(Dialect.NGINX, "SEC111");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxScopes.with(ctx.facts().nginx(), "add_header", s -> {
            for (Directive d : s.own("add_header")) {
                if (d.argCount() < 2 || !d.arg(0).toLowerCase(Locale.ROOT).equals("content-type")) {
                    continue;
                }
                String type = d.arg(1);
                Fix fix = null;
                boolean simple = d.argCount() == 2 && type.matches("[A-Za-z0-9.+-]+/[A-Za-z0-9.+-]+")
                        && s.block() != null && d.file() == s.block().file(); // main has no block
                boolean proxied = s.has("proxy_pass") || s.has("fastcgi_pass") || s.has("uwsgi_pass") || s.has("scgi_pass")
                        || s.has("grpc_pass");
                if (s.kind() == Scope.Kind.LOCATION && simple && !proxied && s.own("add_header").size() > 1) {
                    String text = (s.has("types") ? "" : "types { } ") + "default_type " + type + ";";
                    fix = new Fix("Use " + text, List.of(TextEdit.replace(d.span(), text)));
                }
                ctx.report("SEC111", d.span(), "add_header Content-Type adds a second Content-Type header, it does not "
                        + "replace the first. nginx still sends the type from types/default_type (or the backend's), so "
                        + "the response carries two Content-Type lines and each client picks one; a browser may then "
                        + "sniff or render the body as the other type. Set the type with default_type " + type
                        + " and an empty types { } block in the location"
                        + ", or proxy_hide_header "
                        + "Content-Type for proxied responses.", List.of(), fix);
            }
        });
    }
}
