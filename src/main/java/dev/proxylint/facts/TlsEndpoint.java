package dev.proxylint.facts;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.tls.CipherDirectives;
import dev.proxylint.tls.CipherList;
import dev.proxylint.tls.CipherStringException;
import dev.proxylint.tls.OpensslVersion;
import dev.proxylint.tls.ProtocolSpec;
import dev.proxylint.tls.TlsDefaults;
import dev.proxylint.tls.TlsProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The effective TLS settings of one TLS endpoint: an nginx {@code server} with {@code listen … ssl}
 * (or {@code ssl on}), or an Apache server / virtual host with {@code SSLEngine on}. Inheritance is
 * applied (nginx http → server, Apache main server → virtual host) and the target version's
 * defaults fill what the config leaves unset. Protocols and cipher lists are evaluated with the
 * OpenSSL of the settings ({@link FactSettings#openssl()}: OpenSSL 3 unless --openssl-version says
 * otherwise).
 *
 * @param dialect           the server
 * @param label             "server example.org" / "&lt;VirtualHost *:443&gt;" for messages
 * @param opener            the server block or VirtualHost section (null: Apache main server)
 * @param nginxServer       the nginx server scope, else null
 * @param apacheScope       the Apache scope, else null
 * @param protocolsDirective ssl_protocols / SSLProtocol in effect, null when the default applies
 * @param protocols         the effective protocol set (a default when the directive is absent)
 * @param protocolsDefault  how the default was chosen, for messages ("" when explicit)
 * @param ciphersDirective  ssl_ciphers / SSLCipherSuite (TLS 1.2 and older) in effect, or null
 * @param ciphers           the suites offered for TLS 1.2 and older, in the server's order: the TLS 1.2
 *                          suites named in the TLS 1.3 lists first ({@code tls12FromTls13}), then the
 *                          cipher string's; null when the cipher string is rejected
 * @param cipherError       why the cipher string is rejected, else null
 * @param orderDirective    ssl_prefer_server_ciphers / SSLHonorCipherOrder in effect, or null
 * @param serverOrder       whether the server's cipher order is preferred
 * @param ticketsDirective  ssl_session_tickets / SSLSessionTickets in effect, or null
 * @param sessionTickets    whether session tickets are issued (both servers default to on)
 * @param hsts              Strict-Transport-Security headers at the server level
 * @param anchor            where endpoint-wide findings point: the server block / VirtualHost, or the
 *                          main server's SSLEngine
 * @param tls12FromTls13    the suites at the head of {@code ciphers} that TLS 1.3 lists put there
 *                          ({@link Tls13Setting#tls12Leading()}); their tokens are not in the cipher string
 * @param sources           nginx: each address the server listens on and whose protocols apply there
 *                          (empty for Apache, which applies each virtual host's own after SNI)
 */
public record TlsEndpoint(Dialect dialect, String label, Directive opener, Scope nginxServer, ApacheScope apacheScope,
        Directive protocolsDirective, ProtocolSpec.Result protocols, String protocolsDefault,
        Directive ciphersDirective, CipherList ciphers, String cipherError,
        Directive orderDirective, boolean serverOrder, Directive ticketsDirective, boolean sessionTickets,
        List<HstsHeader> hsts, Directive anchor, List<Tls13Setting.Leading> tls12FromTls13, List<Source> sources) {

    /**
     * One address of an nginx server and the server that decides the protocols (and TLS 1.3 list)
     * offered there: nginx sets both up from the default server of the address before it reads the
     * SNI name, which then switches the certificate and the TLS 1.2 cipher list but not those (seen on
     * nginx 1.22.1 with OpenSSL 3.0, testdata/reality/README.md).
     *
     * @param address the address ("127.0.0.1:443", "*:443")
     * @param listen  the server's listen directive for it (null: implicit *:80)
     * @param decider the default server of the address as an endpoint of its own settings, or null when
     *                this server is the default server there
     * @param deciderListen the decider's listen directive for the address (null when decider is null)
     */
    public record Source(String address, Directive listen, TlsEndpoint decider, Directive deciderListen) {
    }

    /** Whether this server's own protocol and TLS 1.3 settings apply on every address it listens on. */
    public boolean decidesItself() {
        return sources.stream().allMatch(x -> x.decider() == null);
    }

    /**
     * The endpoints whose own protocols (and TLS 1.3 list) clients of this server get, one per
     * deciding server: this endpoint where it is the default server (or for Apache), the default
     * servers of its other addresses.
     */
    public List<TlsEndpoint> deciders() {
        List<TlsEndpoint> out = new ArrayList<>(2);
        boolean own = sources.isEmpty();
        for (int i = 0; i < sources.size() && !own; i++) {
            own = sources.get(i).decider() == null;
        }
        if (own) {
            out.add(this);
        }
        for (Source x : sources) {
            if (x.decider() != null && !hasOpener(out, x.decider().opener())) {
                out.add(x.decider());
            }
        }
        return out;
    }

    /**
     * The protocols a client of this server can negotiate: {@link #protocols()} (the server's own
     * setting) where it decides, the default server's elsewhere; the union over its addresses.
     */
    public ProtocolSpec.Result offered() {
        List<TlsEndpoint> ds = deciders();
        if (ds.size() == 1 && ds.get(0) == this) {
            return protocols;
        }
        java.util.EnumSet<dev.proxylint.tls.TlsVersion> conf = java.util.EnumSet.noneOf(dev.proxylint.tls.TlsVersion.class);
        java.util.EnumSet<dev.proxylint.tls.TlsVersion> eff = java.util.EnumSet.noneOf(dev.proxylint.tls.TlsVersion.class);
        java.util.Optional<String> err = java.util.Optional.empty();
        for (TlsEndpoint d : ds) {
            conf.addAll(d.protocols().configured());
            eff.addAll(d.protocols().effective());
            if (err.isEmpty()) {
                err = d.protocols().error();
            }
        }
        return new ProtocolSpec.Result(conf, eff, err);
    }

    private TlsEndpoint withSources(List<Source> s) {
        return new TlsEndpoint(dialect, label, opener, nginxServer, apacheScope, protocolsDirective, protocols,
                protocolsDefault, ciphersDirective, ciphers, cipherError, orderDirective, serverOrder, ticketsDirective,
                sessionTickets, hsts, anchor, tls12FromTls13, List.copyOf(s));
    }

    /** The TLS 1.3 list entry that put {@code s} in front of the TLS 1.2 list, or null when the cipher string did. */
    public Tls13Setting.Leading fromTls13List(CipherList.Selected s) {
        if (s.addedBy() != null && s.addedBy().inString()) {
            return null;
        }
        for (Tls13Setting.Leading l : tls12FromTls13) {
            if (l.suite().name().equals(s.suite().name())) {
                return l;
            }
        }
        return null;
    }

    /**
     * {@code e} with the TLS 1.2 suites its TLS 1.3 lists name put in front of its cipher list, as
     * OpenSSL does (testdata/reality/README.md: AES128-SHA negotiated on both servers although the
     * cipher string leaves it out).
     */
    static TlsEndpoint withTls13Leading(TlsEndpoint e, ApacheModel m, OpensslVersion openssl) {
        List<Tls13Setting.Leading> lead = Tls13Setting.of(e, m, openssl).tls12Leading();
        if (lead.isEmpty() || e.ciphers() == null) {
            return e;
        }
        List<CipherList.Selected> sel = new ArrayList<>();
        for (Tls13Setting.Leading l : lead) {
            sel.add(new CipherList.Selected(l.suite(), CipherList.Token.outside(l.name())));
        }
        return new TlsEndpoint(e.dialect, e.label, e.opener, e.nginxServer, e.apacheScope, e.protocolsDirective,
                e.protocols, e.protocolsDefault, e.ciphersDirective, e.ciphers.withLeading(sel), e.cipherError,
                e.orderDirective, e.serverOrder, e.ticketsDirective, e.sessionTickets, e.hsts, e.anchor, lead, e.sources);
    }

    /** The profile named in the settings ("mozilla-intermediate" or "intermediate"), else the default. */
    public static TlsProfile profile(FactSettings s) {
        String n = s.tlsProfile();
        if (n != null && n.toLowerCase(Locale.ROOT).startsWith("mozilla-")) {
            n = n.substring("mozilla-".length());
        }
        return TlsProfile.byName(n).orElse(TlsProfile.defaultProfile());
    }

    private static boolean hasOpener(List<TlsEndpoint> l, Object opener) {
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i).opener() == opener) {
                return true;
            }
        }
        return false;
    }

    /** Whether the TLS 1.2-and-older cipher list matters (some protocol below TLS 1.3 is enabled). */
    public boolean usesLegacyCiphers() {
        for (dev.proxylint.tls.TlsVersion v : offered().effective()) {
            if (v.ordinal() < dev.proxylint.tls.TlsVersion.TLSv1_3.ordinal()) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- nginx

    /**
     * The TLS servers of an nginx config, each with the default servers of its addresses
     * ({@link #sources()}), whose protocols and TLS 1.3 list apply to it.
     */
    public static List<TlsEndpoint> nginx(NginxModel model, FactSettings settings) {
        List<TlsEndpoint> out = new ArrayList<>();
        java.util.Map<String, NginxListens.Default> defaults = NginxListens.defaults(model);
        java.util.Map<Scope, TlsEndpoint> own = new java.util.IdentityHashMap<>();
        java.util.function.Function<Scope, TlsEndpoint> ownOf = x -> own.computeIfAbsent(x,
                y -> withGap(withTls13Leading(nginxEndpoint(y, settings), null, settings.openssl())));
        for (Scope server : model.servers()) {
            if (!nginxTls(server)) {
                continue;
            }
            TlsEndpoint e = ownOf.apply(server);
            List<Source> sources = new ArrayList<>();
            for (NginxListens.Listen l : NginxListens.of(server)) {
                NginxListens.Default d = defaults.get(l.address());
                if (d == null || d.server() == server) {
                    sources.add(new Source(l.address(), l.directive(), null, null));
                } else {
                    sources.add(new Source(l.address(), l.directive(), ownOf.apply(d.server()), d.listen()));
                }
            }
            out.add(e.withSources(sources));
        }
        return out;
    }

    /**
     * nginx sets ssl_protocols as SSL_OP_NO_TLSvX options: a set with a gap keeps its versions only
     * when some suite works at the top of its lowest run ({@link ProtocolSpec#nginxWithCiphers}).
     */
    private static TlsEndpoint withGap(TlsEndpoint e) {
        if (e.ciphers() == null) {
            return e;
        }
        List<dev.proxylint.tls.CipherSuite> all = new ArrayList<>(e.ciphers().suites());
        all.addAll(e.ciphers().tls13());
        ProtocolSpec.Result p = ProtocolSpec.nginxWithCiphers(e.protocols(), all);
        if (p == e.protocols()) {
            return e;
        }
        return new TlsEndpoint(e.dialect, e.label, e.opener, e.nginxServer, e.apacheScope, e.protocolsDirective, p,
                e.protocolsDefault, e.ciphersDirective, e.ciphers, e.cipherError, e.orderDirective, e.serverOrder,
                e.ticketsDirective, e.sessionTickets, e.hsts, e.anchor, e.tls12FromTls13, e.sources);
    }

    static boolean nginxTls(Scope server) {
        for (Directive l : server.own("listen")) {
            for (int i = 1; i < l.argCount(); i++) {
                if (l.arg(i).equals("ssl")) {
                    return true;
                }
            }
        }
        Directive on = server.effective("ssl");
        return on != null && "on".equals(on.arg(0));
    }

    private static TlsEndpoint nginxEndpoint(Scope server, FactSettings settings) {
        Directive names = server.ownLast("server_name");
        String label = "server" + (names != null && names.argCount() > 0 ? " " + names.arg(0) : "")
                + " (line " + server.block().line() + ")";
        OpensslVersion openssl = settings.openssl();
        Directive pd = server.effective("ssl_protocols");
        ProtocolSpec.Result protos;
        String how = "";
        if (pd != null) {
            protos = ProtocolSpec.nginx(pd.values(), openssl);
        } else {
            String v = settings.nginxVersion();
            protos = ProtocolSpec.nginxDefault(v, openssl);
            how = v == null
                    ? "nginx's default ssl_protocols before " + VersionFacts.NGINX_SSL_PROTOCOLS_NO_TLS10
                            + " (the nginx version is unknown; pass --nginx-version)"
                    : "nginx " + v + "'s default ssl_protocols";
        }
        Directive cd = server.effective("ssl_ciphers");
        CipherList ciphers = null;
        String err = null;
        try {
            ciphers = cd != null && cd.argCount() > 0 ? CipherDirectives.nginxSslCiphers(cd.arg(0), openssl)
                    : CipherDirectives.nginxDefault(openssl);
        } catch (CipherStringException e) {
            err = e.getMessage();
        }
        Directive od = server.effective("ssl_prefer_server_ciphers");
        Directive td = server.effective("ssl_session_tickets");
        List<HstsHeader> hsts = new ArrayList<>();
        for (Directive d : server.effectiveArray("add_header")) {
            HstsHeader h = HstsHeader.nginx(d);
            if (h != null) {
                hsts.add(h);
            }
        }
        return new TlsEndpoint(Dialect.NGINX, label, server.block(), server, null, pd, protos, how, cd, ciphers, err,
                od, od != null && "on".equals(od.arg(0)), td, td == null || !"off".equals(td.arg(0)), hsts, server.block(),
                List.of(), List.of());
    }

    /** nginx: the Strict-Transport-Security headers in effect in a location (add_header is all-or-nothing). */
    public static List<HstsHeader> nginxHsts(Scope scope) {
        List<HstsHeader> hsts = new ArrayList<>();
        for (Directive d : scope.effectiveArray("add_header")) {
            HstsHeader h = HstsHeader.nginx(d);
            if (h != null) {
                hsts.add(h);
            }
        }
        return hsts;
    }

    // ---------------------------------------------------------------- Apache

    /** An Apache server-config directive in effect for a scope: its own, else the main server's. */
    public static Directive apacheEffective(ApacheModel m, ApacheScope s, String name) {
        Directive d = s.last(name);
        return d != null || s.isMainServer() ? d : m.mainServer().last(name);
    }

    public static List<TlsEndpoint> apache(ApacheModel model, FactSettings settings) {
        List<TlsEndpoint> out = new ArrayList<>();
        // httpd does not start without a Listen, so a config that has none is a snippet for some
        // other file to include, typically inside a <VirtualHost> (h5bp's tls/ssl_engine.conf): its
        // top-level SSLEngine On is that virtual host's, whose other TLS settings are not in view
        boolean snippet = model.mainServer().last("Listen") == null;
        for (ApacheScope s : model.scopes()) {
            Directive engine = apacheEffective(model, s, "SSLEngine");
            if (engine == null || !"on".equalsIgnoreCase(engine.arg(0)) || (snippet && s.isMainServer())) {
                continue;
            }
            out.add(withTls13Leading(apacheEndpoint(model, s, settings.openssl()), model, settings.openssl()));
        }
        return out;
    }

    private static TlsEndpoint apacheEndpoint(ApacheModel m, ApacheScope s, OpensslVersion openssl) {
        Directive pd = apacheEffective(m, s, "SSLProtocol");
        ProtocolSpec.Result protos;
        String how = "";
        if (pd != null) {
            protos = ProtocolSpec.apache(pd.values(), openssl);
        } else {
            protos = ProtocolSpec.apacheDefault(openssl);
            how = "Apache's default SSLProtocol " + TlsDefaults.APACHE_SSL_PROTOCOL;
        }
        Directive cd = null;
        for (Directive d : s.directives()) {
            if (d.is("SSLCipherSuite") && !CipherDirectives.apacheArgs(d.values()).tls13()) {
                cd = d;
            }
        }
        if (cd == null && !s.isMainServer()) {
            for (Directive d : m.mainServer().directives()) {
                if (d.is("SSLCipherSuite") && !CipherDirectives.apacheArgs(d.values()).tls13()) {
                    cd = d;
                }
            }
        }
        CipherList ciphers = null;
        String err = null;
        if (cd != null) {
            CipherDirectives.ApacheSpec spec = CipherDirectives.apacheArgs(cd.values());
            if (spec.error().isPresent()) {
                err = spec.error().get();
            } else {
                try {
                    ciphers = CipherDirectives.apacheSslCipherSuite(spec.spec(), openssl);
                } catch (CipherStringException e) {
                    err = e.getMessage();
                }
            }
        } else {
            try {
                ciphers = CipherDirectives.apacheSslCipherSuite("DEFAULT", openssl);
            } catch (CipherStringException e) {
                err = e.getMessage();
            }
        }
        Directive od = apacheEffective(m, s, "SSLHonorCipherOrder");
        Directive td = apacheEffective(m, s, "SSLSessionTickets");
        List<HstsHeader> hsts = new ArrayList<>();
        List<Directive> headers = new ArrayList<>();
        if (!s.isMainServer()) {
            headers.addAll(m.mainServer().directives());
        }
        headers.addAll(s.directives());
        for (Directive d : headers) {
            HstsHeader h = HstsHeader.apache(d);
            if (h != null) {
                hsts.add(h);
            }
        }
        return new TlsEndpoint(Dialect.APACHE, s.label(), s.vhost(), null, s, pd, protos, how, cd, ciphers, err, od,
                od != null && "on".equalsIgnoreCase(od.arg(0)), td, td == null || !"off".equalsIgnoreCase(td.arg(0)),
                hsts, s.vhost() != null ? s.vhost() : apacheEffective(m, s, "SSLEngine"), List.of(), List.of());
    }
}
