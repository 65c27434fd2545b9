package dev.proxylint.rules.tls;

import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;
import java.util.Set;

/**
 * TLS107 session-tickets-on: an endpoint issues TLS session tickets (by its directive or the default).
 * Once per directive (or endpoint, when the default applies).
 */
public final class Tls107SessionTicketsOn extends BaseRule {
    static final String ID = "TLS107";

    public Tls107SessionTicketsOn() {
        super(Set.of(Dialect.NGINX, Dialect.APACHE), ID);
    }

    @Override
    public void check(RuleContext ctx) {
        for (TlsEndpoint e : ctx.facts().tlsEndpoints()) {
            if (!e.sessionTickets()) {
                continue;
            }
            Directive td = e.ticketsDirective();
            if (!ctx.once(ID, td != null ? td : e.anchor())) {
                continue;
            }
            boolean ng = e.dialect() == Dialect.NGINX;
            String line = ng ? "ssl_session_tickets off;" : "SSLSessionTickets off";
            TextEdit edit = td != null ? TlsEdits.replace(td, line) : TlsEdits.add(e, line);
            String what = td != null ? td.name() + " " + String.join(" ", td.values()) + " issues TLS session tickets. "
                    : TlsText.label(e.label()) + " leaves " + (ng ? "ssl_session_tickets" : "SSLSessionTickets")
                            + " on (the default)." + TlsText.wholeLabel(e.label()) + " It issues TLS session tickets. ";
            ctx.report(ID, td != null ? td.span() : e.anchor().headSpan(), what
                    + "The ticket key lives in memory until the server restarts, and anyone who obtains it can decrypt "
                    + "every recorded TLS 1.2 session resumed with it, defeating forward secrecy. Turn tickets off ("
                    + TlsEdits.stripSemi(line) + ") unless the ticket key is rotated.", List.of(),
                    new Fix("Set " + line, List.of(edit)));
        }
    }
}
