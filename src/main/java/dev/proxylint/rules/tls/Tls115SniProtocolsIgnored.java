package dev.proxylint.rules.tls;

import dev.proxylint.facts.Tls13Setting;
import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.Span;
import dev.proxylint.syntax.Brief;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.tls.CipherSuite;
import dev.proxylint.tls.TlsVersion;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * TLS115 sni-protocols-ignored: an nginx server that is not the default server of an address it
 * listens on gets the default server's protocols and TLS 1.3 list there, whatever its own
 * {@code ssl_protocols} and {@code ssl_conf_command Ciphersuites} say (nginx sets both up before it
 * reads the SNI name). Reported once per server and setting (the protocols, the TLS 1.3 list), on the
 * server's own directive (else on its listen line), with the default servers' directives as related
 * locations.
 */
public final class Tls115SniProtocolsIgnored extends BaseRule {
    static final String ID = "TLS115";
    /** The TLS 1.3 list's findings count their places apart from the protocols' (both may fall on a listen). */
    private static final String TLS13_PLACES = ID + "/tls13";

    public Tls115SniProtocolsIgnored() {
        super(Dialect.NGINX, ID);
    }

    /**
     * The doc's level when clients of the server can negotiate something its own setting leaves out
     * ({@code extra}), a note when they only lose something it enables.
     */
    static Level level(RuleContext ctx, Set<?> extra) {
        return extra.isEmpty() ? Level.NOTE : ctx.defaultLevel(ID);
    }

    @Override
    public void check(RuleContext ctx) {
        for (TlsEndpoint e : ctx.facts().tlsEndpoints()) {
            if (e.decidesItself()) {
                continue;
            }
            protocols(ctx, e);
            tls13(ctx, e, Tls13Settings.of(ctx, e));
        }
    }

    /** The server's own directive when it is written in the server block, else null. */
    private static Directive ownDirective(TlsEndpoint e, Directive effective) {
        if (effective == null || e.nginxServer() == null) {
            return null;
        }
        for (Directive d : e.nginxServer().directives()) {
            if (d == effective) {
                return d;
            }
        }
        return null;
    }

    private static Span headOr(Directive listen, TlsEndpoint e) {
        return listen != null ? listen.span() : e.anchor().headSpan();
    }

    private static String protocolText(TlsEndpoint d) {
        Directive pd = d.protocolsDirective();
        return pd != null ? "ssl_protocols " + String.join(" ", pd.values())
                : d.protocolsDefault() + ": " + TlsText.names(d.protocols().effective());
    }

    private static void protocols(RuleContext ctx, TlsEndpoint e) {
        Set<TlsVersion> mine = e.protocols().effective();
        List<TlsEndpoint.Source> differ = new ArrayList<>();
        EnumSet<TlsVersion> extra = EnumSet.noneOf(TlsVersion.class);
        EnumSet<TlsVersion> lost = EnumSet.noneOf(TlsVersion.class);
        for (TlsEndpoint.Source x : e.sources()) {
            if (x.decider() == null || x.decider().protocols().effective().equals(mine)) {
                continue;
            }
            differ.add(x);
            for (TlsVersion v : x.decider().protocols().effective()) {
                if (!mine.contains(v)) {
                    extra.add(v);
                }
            }
            for (TlsVersion v : mine) {
                if (!x.decider().protocols().effective().contains(v)) {
                    lost.add(v);
                }
            }
        }
        if (differ.isEmpty()) {
            return;
        }
        Directive own = ownDirective(e, e.protocolsDirective());
        Directive where = own != null ? own : differ.get(0).listen();
        Span span = own != null ? own.span() : headOr(differ.get(0).listen(), e);
        if (!ctx.once(ID, where != null ? where : e.anchor())) {
            return;
        }
        String head = own != null
                ? "ssl_protocols " + Brief.cut(String.join(" ", own.values()), 40) + " has no effect on "
                : "The protocols of " + TlsText.label(e.label()) + " do not apply on ";
        String mineText = own != null && Brief.cut(String.join(" ", own.values()), 40).equals(String.join(" ", own.values()))
                ? "" : " Its own setting: " + protocolText(e) + ".";
        List<String> addresses = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        List<Related> rel = new ArrayList<>();
        for (TlsEndpoint.Source x : differ) {
            TlsEndpoint d = x.decider();
            addresses.add(x.address());
            parts.add("On " + x.address() + " the default " + d.label() + " sets them for every name ("
                    + protocolText(d) + ").");
            Directive pd = d.protocolsDirective();
            Span rs = pd != null ? pd.span() : x.deciderListen() != null ? x.deciderListen().span() : d.anchor().headSpan();
            rel.add(new Related(rs, "the protocols of every server on " + x.address() + ", set by the default " + d.label()));
        }
        StringBuilder msg = new StringBuilder(head).append(addresses(addresses)).append(".")
                .append(own != null ? "" : TlsText.wholeLabel(e.label())).append(mineText).append(" ")
                .append(String.join(" ", parts)).append(
                " nginx sets up the protocols from the default server of the address before it reads the SNI name, which"
                        + " then switches the certificate and the TLS 1.2 cipher list only.");
        if (!extra.isEmpty()) {
            msg.append(" Clients of ").append(e.label()).append(" can negotiate ").append(TlsText.names(extra))
                    .append(", which its own setting leaves out.");
        }
        if (!lost.isEmpty()) {
            msg.append(" ").append(TlsText.names(lost)).append(lost.size() == 1 ? " is" : " are").append(" not offered")
                    .append(" although its own setting enables ").append(lost.size() == 1 ? "it" : "them").append(".");
        }
        msg.append(" Set the protocols on the default server (they apply to every server on the address), or give this"
                + " server an address of its own.");
        ctx.report(new Finding(ID, level(ctx, extra), msg.toString(), span, rel, null));
    }

    /** "127.0.0.1:443", "[::]:443 and 0.0.0.0:443", or "3 addresses" (the sentences after the first name them). */
    private static String addresses(List<String> addresses) {
        return addresses.size() <= 2 ? TlsText.join(addresses) : addresses.size() + " addresses";
    }

    private static String tls13Text(Tls13Setting t) {
        Tls13Setting.Applied a = t.effective();
        return a != null ? a.text() : "OpenSSL's default list " + String.join(":", names(t.suites()));
    }

    private static List<String> names(List<CipherSuite> ss) {
        return ss.stream().map(CipherSuite::name).toList();
    }

    private static void tls13(RuleContext ctx, TlsEndpoint e, Tls13Setting own) {
        if (!own.rejected().isEmpty()) {
            return; // TLS113: nginx does not start
        }
        List<String> mine = names(own.suites());
        List<TlsEndpoint.Source> differ = new ArrayList<>();
        List<Tls13Setting> theirs = new ArrayList<>();
        Set<String> extra = new LinkedHashSet<>();
        for (TlsEndpoint.Source x : e.sources()) {
            if (x.decider() == null) {
                continue;
            }
            Tls13Setting t = Tls13Settings.of(ctx, x.decider());
            if (!t.tls13Enabled() || !t.rejected().isEmpty()
                    || new HashSet<>(names(t.suites())).equals(new HashSet<>(mine))) {
                continue;
            }
            differ.add(x);
            theirs.add(t);
            for (String n : names(t.suites())) {
                if (!mine.contains(n)) {
                    extra.add(n);
                }
            }
        }
        if (differ.isEmpty()) {
            return;
        }
        Tls13Setting.Applied a = own.effective();
        Directive own1 = a != null ? ownDirective(e, a.directive()) : null;
        Directive where = own1 != null ? own1 : differ.get(0).listen();
        Span span = own1 != null ? own1.span() : headOr(differ.get(0).listen(), e);
        if (!ctx.once(TLS13_PLACES, where != null ? where : e.anchor())) {
            return;
        }
        String head = own1 != null
                ? TlsText.listName(a) + " has no effect on "
                : "The TLS 1.3 list of " + TlsText.label(e.label()) + " does not apply on ";
        List<String> addresses = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        List<Related> rel = new ArrayList<>();
        for (int i = 0; i < differ.size(); i++) {
            TlsEndpoint.Source x = differ.get(i);
            Tls13Setting t = theirs.get(i);
            addresses.add(x.address());
            parts.add("On " + x.address() + " the default " + x.decider().label() + " sets it for every name ("
                    + tls13Text(t) + ").");
            Tls13Setting.Applied ta = t.effective();
            Span rs = ta != null ? ta.directive().span()
                    : x.deciderListen() != null ? x.deciderListen().span() : x.decider().anchor().headSpan();
            rel.add(new Related(rs, "the TLS 1.3 list of every server on " + x.address() + ", set by the default "
                    + x.decider().label()));
        }
        StringBuilder msg = new StringBuilder(head).append(addresses(addresses)).append(".")
                .append(own1 != null ? "" : TlsText.wholeLabel(e.label())).append(" Its own list: ").append(tls13Text(own))
                .append(". ").append(String.join(" ", parts)).append(
                " nginx takes the TLS 1.3 suites from the default server of the address, whatever the SNI name.");
        if (!extra.isEmpty()) {
            msg.append(" Clients of ").append(e.label()).append(" can negotiate ").append(String.join(", ", extra))
                    .append(", which its own list leaves out.");
        }
        msg.append(" Set the list on the default server (it applies to every server on the address), or give this"
                + " server an address of its own.");
        ctx.report(new Finding(ID, level(ctx, extra), msg.toString(), span, rel, null));
    }
}
