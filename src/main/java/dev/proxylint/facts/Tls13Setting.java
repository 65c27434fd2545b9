package dev.proxylint.facts;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.tls.CipherDirectives;
import dev.proxylint.tls.CipherStringException;
import dev.proxylint.tls.CipherSuite;
import dev.proxylint.tls.CipherTable;
import dev.proxylint.tls.OpensslVersion;
import dev.proxylint.tls.Tls13Suites;
import dev.proxylint.tls.TlsVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The TLS 1.3 suite list of one {@link TlsEndpoint}: every directive whose value the server hands
 * to OpenSSL as the TLS 1.3 list, in the order it does so (the last one wins, but each one must be
 * accepted or the server does not start). Observed on nginx 1.22.1 and Apache 2.4.71 with OpenSSL 3.0
 * (testdata/reality/README.md):
 * <ul>
 * <li>nginx: every {@code ssl_conf_command Ciphersuites VALUE} in effect (the command name is
 * case-insensitive); the directive is inherited from http into a server only when the server has no
 * {@code ssl_conf_command} of its own, whatever its command.</li>
 * <li>Apache: the virtual host's last {@code SSLCipherSuite TLSv1.3 VALUE}, else the main server's;
 * then every {@code SSLOpenSSLConfCmd Ciphersuites VALUE}, the main server's before the virtual
 * host's, which override SSLCipherSuite.</li>
 * </ul>
 * Without any of them OpenSSL's default list applies. Values are read as the modelled OpenSSL does
 * ({@link Tls13Suites}: 1.1.1 rejects a list with an unknown name, OpenSSL 3 skips it).
 *
 * @param endpoint the endpoint
 * @param applied  the directives in the order the server applies them (empty: OpenSSL's default)
 * @param openssl  the OpenSSL whose table and rules the values were read with
 */
public record Tls13Setting(TlsEndpoint endpoint, List<Applied> applied, OpensslVersion openssl) {

    /**
     * One directive that sets the TLS 1.3 list.
     *
     * @param directive the directive
     * @param value     the list as OpenSSL receives it
     * @param result    what OpenSSL makes of it; null when it rejects the value
     * @param error     why OpenSSL rejects the value, else null
     */
    public record Applied(Directive directive, String value, Tls13Suites.Result result, String error) {
        public boolean rejected() {
            return error != null;
        }

        /** "ssl_conf_command Ciphersuites X" / "SSLCipherSuite TLSv1.3 X": the directive as a phrase. */
        public String text() {
            String v = value.isEmpty() || value.chars().anyMatch(Character::isWhitespace) ? "\"" + value + "\"" : value;
            if (directive.is("SSLCipherSuite")) {
                return "SSLCipherSuite TLSv1.3 " + v;
            }
            return directive.name() + " " + directive.arg(0) + " " + v;
        }
    }

    /** The directive in effect (the last one applied), or null when OpenSSL's default list applies. */
    public Applied effective() {
        return applied.isEmpty() ? null : applied.get(applied.size() - 1);
    }

    /** Directives whose value OpenSSL rejects: each one stops the server from starting. */
    public List<Applied> rejected() {
        return applied.stream().filter(Applied::rejected).toList();
    }

    /** Whether TLS 1.3 is among the protocols the endpoint enables. */
    public boolean tls13Enabled() {
        return endpoint.protocols().allows(TlsVersion.TLSv1_3);
    }

    /**
     * The TLS 1.3 suites the endpoint's list holds (OpenSSL's default list when no directive sets
     * one), whether or not TLS 1.3 is enabled; empty when a value is rejected (no server runs).
     */
    public List<CipherSuite> suites() {
        if (!rejected().isEmpty()) {
            return List.of();
        }
        Applied e = effective();
        return e == null ? CipherTable.of(openssl).tls13Defaults() : e.result().suites();
    }

    /** The TLS 1.3 suites a client can negotiate: {@link #suites()} when TLS 1.3 is enabled, else none. */
    public List<CipherSuite> negotiable() {
        return tls13Enabled() ? suites() : List.of();
    }

    /**
     * A suite of TLS 1.2 or older that a TLS 1.3 list puts in front of the TLS 1.2 list.
     *
     * @param suite the suite
     * @param name  the IANA name the list gives it
     * @param from  the directive whose list names it
     * @param replaced whether a later directive sets the TLS 1.3 list (OpenSSL keeps the suite anyway)
     */
    public record Leading(CipherSuite suite, String name, Applied from, boolean replaced) {
    }

    /**
     * The TLS 1.2-and-older suites the TLS 1.3 lists put at the head of the TLS 1.2 list, in the
     * order OpenSSL offers them there (empty when no list is set or one is rejected). OpenSSL keeps
     * one cipher list: every accepted name of a Ciphersuites value goes to its front, in the order
     * given, after the TLS 1.3 suites at its front are removed; the removal stops at the first suite
     * that is not TLS 1.3. So the last list's TLS 1.2 names come first, and an earlier list's TLS 1.2
     * names (and whatever follows them in it) stay behind them. Seen on nginx 1.22.1 with OpenSSL 3.0:
     * {@code Ciphersuites TLS_RSA_WITH_AES_128_CBC_SHA:TLS_AES_128_GCM_SHA256} followed by
     * {@code Ciphersuites TLS_AES_256_GCM_SHA384:TLS_RSA_WITH_AES_256_CBC_SHA256} offers AES256-SHA256,
     * then AES128-SHA for TLS 1.2 (testdata/reality/README.md).
     */
    public List<Leading> tls12Leading() {
        if (applied.isEmpty() || !rejected().isEmpty()) {
            return List.of();
        }
        CipherTable table = CipherTable.of(openssl);
        List<Leading> list = new ArrayList<>();
        for (CipherSuite s : table.tls13Defaults()) {
            list.add(new Leading(s, s.ianaName(), null, true));
        }
        for (Applied a : applied) {
            while (!list.isEmpty() && list.get(0).suite().tls13()) {
                list.remove(0);
            }
            List<Leading> front = new ArrayList<>();
            for (String part : a.value().split(":", -1)) {
                String name = part.strip();
                boolean replaced = a != effective();
                table.byIanaName(name).ifPresent(s -> front.add(new Leading(s, name, a, replaced)));
            }
            list.addAll(0, front);
        }
        List<Leading> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Leading l : list) {
            if (!l.suite().tls13() && seen.add(l.suite().name())) {
                out.add(l);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The TLS 1.3 suites a client of the endpoint can negotiate on any of its addresses: on nginx the
     * list of the default server of each address ({@link TlsEndpoint#deciders()}), in first-seen order.
     */
    public static List<CipherSuite> offered(TlsEndpoint e, ApacheModel apache, OpensslVersion openssl) {
        java.util.LinkedHashSet<CipherSuite> out = new java.util.LinkedHashSet<>();
        for (TlsEndpoint d : e.deciders()) {
            out.addAll(of(d, apache, openssl).negotiable());
        }
        return List.copyOf(out);
    }

    /**
     * The setting of an endpoint; {@code apache} is the model the endpoint came from (null for nginx),
     * {@code openssl} the release the servers are built with.
     */
    public static Tls13Setting of(TlsEndpoint e, ApacheModel apache, OpensslVersion openssl) {
        CipherTable table = CipherTable.of(openssl);
        List<Applied> out = new ArrayList<>();
        if (e.dialect() == Dialect.NGINX) {
            for (Directive d : e.nginxServer().effectiveArray("ssl_conf_command")) {
                if (d.argCount() == 2 && isCiphersuites(d.arg(0))) {
                    out.add(apply(d, d.arg(1), table));
                }
            }
            return new Tls13Setting(e, List.copyOf(out), openssl);
        }
        ApacheScope s = e.apacheScope();
        ApacheScope main = s.isMainServer() ? null : apache.mainServer();
        Directive suite = lastTls13CipherSuite(s);
        if (suite == null && main != null) {
            suite = lastTls13CipherSuite(main);
        }
        if (suite != null) {
            out.add(apply(suite, suite.arg(1), table));
        }
        if (main != null) {
            confCmds(main, out, table);
        }
        confCmds(s, out, table);
        return new Tls13Setting(e, List.copyOf(out), openssl);
    }

    private static boolean isCiphersuites(String command) {
        return command != null && command.toLowerCase(Locale.ROOT).equals("ciphersuites");
    }

    private static Directive lastTls13CipherSuite(ApacheScope s) {
        Directive found = null;
        for (Directive d : s.directives()) {
            if (d.is("SSLCipherSuite")) {
                CipherDirectives.ApacheSpec spec = CipherDirectives.apacheArgs(d.values());
                if (spec.tls13() && spec.error().isEmpty()) {
                    found = d;
                }
            }
        }
        return found;
    }

    /** {@code SSLOpenSSLConfCmd Ciphersuites VALUE}; an empty VALUE is a syntax error httpd reports itself. */
    private static void confCmds(ApacheScope s, List<Applied> out, CipherTable table) {
        for (Directive d : s.directives()) {
            if (d.is("SSLOpenSSLConfCmd") && d.argCount() == 2 && isCiphersuites(d.arg(0)) && !d.arg(1).isEmpty()) {
                out.add(apply(d, d.arg(1), table));
            }
        }
    }

    private static Applied apply(Directive d, String value, CipherTable table) {
        try {
            return new Applied(d, value, Tls13Suites.parse(value, table), null);
        } catch (CipherStringException ex) {
            return new Applied(d, value, null, ex.getMessage());
        }
    }
}
