package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SEC103: {@code proxy_set_header Host} from the client's own Host header ({@code $http_host},
 * {@code $http_x_forwarded_host}, ...). nginx picks the server by the host of an absolute request
 * line ({@code GET http://app.example/ HTTP/1.1}) before the Host header, so a request for one of
 * the server's names can still carry {@code Host: evil.example}, and {@code $http_host} forwards
 * that. {@code $host} is the name nginx selected the server by.
 */
public final class NginxHostSpoofingRule extends BaseRule {
    public NginxHostSpoofingRule() {
        super(Dialect.NGINX, "SEC103");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel m = ctx.facts().nginx();
        List<Scope> todo = new ArrayList<>(m.servers());
        while (!todo.isEmpty()) {
            Scope s = todo.remove(todo.size() - 1);
            Work.tick();
            todo.addAll(s.children());
            for (Directive d : s.own("proxy_set_header")) {
                if (d.argCount() < 2 || !d.arg(0).toLowerCase(Locale.ROOT).equals("host")) {
                    continue;
                }
                Arg value = d.args().get(1);
                String header = null;
                for (NginxVars.Ref r : NginxVars.refs(value.value())) {
                    if (r.name().startsWith("http_")) {
                        header = r.name();
                        break;
                    }
                }
                if (header == null) {
                    continue;
                }
                String shown = header.substring(5).replace('_', '-');
                Fix fix = null;
                if (value.value().equalsIgnoreCase("$" + header) && header.equals("http_host")) {
                    fix = new Fix("Forward $host", List.of(TextEdit.replace(value.span(), "$host")));
                }
                String why = header.equals("http_host")
                        ? "nginx selects the server by the host of an absolute request line (GET http://app.example/ "
                                + "HTTP/1.1) before the Host header, so a client can reach this server under a real name "
                                + "and still make the backend see Host: evil.example"
                        : "the " + shown + " header is whatever the client sends, on any request";
                ctx.report("SEC103", d.span(), "proxy_set_header Host $" + header + " forwards a host the client chose. "
                        + "It is not the name nginx matched: here " + why + " (password-reset links, cache keys and "
                        + "virtual-host routing then follow the attacker's host). Use $host, the name the server was "
                        + "selected by" + (header.equals("http_host") ? " (add :$server_port if the backend needs the port)."
                                : "."),
                        List.of(), fix);
            }
        }
    }
}
