package dev.proxylint.rules.tls;

import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.Span;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.tls.OpensslVersion;
import dev.proxylint.tls.TlsDefaults;
import dev.proxylint.tls.TlsProfile;
import dev.proxylint.tls.TlsVersion;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * TLS102 legacy-tls-enabled: TLS 1.0 / 1.1 enabled (by the directive or the version's default) beyond
 * what the profile allows. Judged where the protocols are decided (on nginx the default server of each
 * address), once per directive (or endpoint, when the default applies).
 */
public final class Tls102LegacyTlsEnabled extends BaseRule {
    static final String ID = "TLS102";

    public Tls102LegacyTlsEnabled() {
        super(Set.of(Dialect.NGINX, Dialect.APACHE), ID);
    }

    @Override
    public void check(RuleContext ctx) {
        TlsProfile profile = TlsFixes.profile(ctx);
        OpensslVersion openssl = ctx.settings().openssl();
        for (TlsEndpoint e : ctx.facts().tlsEndpoints()) {
            for (TlsEndpoint d : e.deciders()) {
                check(ctx, d, profile, openssl);
            }
        }
    }

    private static void check(RuleContext ctx, TlsEndpoint e, TlsProfile profile, OpensslVersion openssl) {
        Directive pd = e.protocolsDirective();
        EnumSet<TlsVersion> old = EnumSet.noneOf(TlsVersion.class);
        for (TlsVersion v : List.of(TlsVersion.TLSv1, TlsVersion.TLSv1_1)) {
            if (e.protocols().allows(v) && !profile.protocols().contains(v)) {
                old.add(v);
            }
        }
        if (old.isEmpty() || !ctx.once(ID, pd != null ? pd : e.anchor())) {
            return;
        }
        Span span = pd != null ? pd.span() : e.anchor().headSpan();
        String dname = e.dialect() == Dialect.NGINX ? "ssl_protocols" : "SSLProtocol";
        String how;
        if (pd == null) {
            how = TlsText.label(e.label()) + " sets no " + dname + ", so it enables " + TlsText.names(old) + "."
                    + TlsText.wholeLabel(e.label()) + " The default is " + e.protocolsDefault() + " (" + TlsText.names(e.protocols().effective()) + ")";
        } else if (pd.values().stream().anyMatch(w -> w.replaceFirst("^[+-]", "").equalsIgnoreCase("all")
                && !w.startsWith("-"))) {
            how = dname + " enables " + TlsText.names(old) + " through 'all', which means every protocol OpenSSL supports";
        } else {
            how = dname + " enables " + TlsText.names(old);
        }
        ctx.report(ID, span, how + ". These protocol versions are deprecated by RFC 8996 (weak SHA-1/MD5 "
                + "handshake, no AEAD ciphers) and the " + profile.name() + " profile excludes them." + legacyHandshakes(e, old, openssl)
                + " Use " + TlsEdits.stripSemi(TlsFixes.protocolLine(e, profile)) + ".", List.of(),
                TlsFixes.protocolFix(e, profile));
    }

    /**
     * Whether the modelled OpenSSL really completes the TLS 1.0/1.1 handshakes the configuration asks
     * for, given the security level of the cipher string (facts in {@link TlsDefaults#legacyProtocolsRefused}).
     */
    static String legacyHandshakes(TlsEndpoint e, Set<TlsVersion> old, OpensslVersion v) {
        OptionalInt set = e.ciphers() != null ? e.ciphers().secLevel() : OptionalInt.empty();
        if (v == OpensslVersion.V3_0) {
            return set.isPresent() && set.getAsInt() == 0
                    ? " This cipher string sets @SECLEVEL=0, so OpenSSL 3 really completes these handshakes."
                    : " With OpenSSL 3 or newer the server only really offers them when the cipher string lowers the "
                            + "security level to @SECLEVEL=0 (this one does not), but the configuration still asks for them"
                            + " and offers them with an older OpenSSL or a changed cipher string.";
        }
        int level = set.orElse(TlsDefaults.OPENSSL_DEFAULT_SECURITY_LEVEL);
        EnumSet<TlsVersion> refused = EnumSet.noneOf(TlsVersion.class);
        refused.addAll(TlsDefaults.legacyProtocolsRefused(v, level));
        refused.retainAll(old);
        String lib = "OpenSSL " + v.label();
        if (refused.isEmpty()) {
            String where = set.isPresent()
                    ? "at the @SECLEVEL=" + level + " this cipher string sets" + (level >= 2 ? " (with an RSA certificate)" : "")
                    : "at its default security level " + level + " (and, with an RSA certificate, at level "
                            + TlsDefaults.DEBIAN11_SYSTEM_SECURITY_LEVEL + ", which Debian 11's openssl.cnf sets)";
            return " " + lib + " really completes these handshakes " + where + "; unlike OpenSSL 3 it needs no "
                    + "@SECLEVEL=0 for them.";
        }
        EnumSet<TlsVersion> offered = EnumSet.copyOf(old);
        offered.removeAll(refused);
        return " At @SECLEVEL=" + level + " " + lib + " refuses " + TlsText.names(refused)
                + (offered.isEmpty() ? "" : " (it still completes " + TlsText.names(offered) + " with an RSA certificate)")
                + ", but the configuration still asks for them and offers them with a changed cipher string.";
    }
}
