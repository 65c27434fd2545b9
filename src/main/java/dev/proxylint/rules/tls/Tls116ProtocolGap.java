package dev.proxylint.rules.tls;

import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.tls.OpensslVersion;
import dev.proxylint.tls.ProtocolSpec;
import dev.proxylint.tls.TlsDefaults;
import dev.proxylint.tls.TlsProfile;
import dev.proxylint.tls.TlsVersion;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * TLS116 protocol-gap: a protocol set with a gap. mod_ssl keeps the contiguous run ending at the
 * highest version (the listed versions below the gap are off); nginx passes the set to OpenSSL as it
 * is, which negotiates it when a suite works at the top of the lowest run and refuses every handshake
 * otherwise ({@link ProtocolSpec#nginxWithCiphers}). Judged where the protocols are decided (on nginx
 * the default server of each address), once per directive; an Apache line that TLS112 reports (a word
 * without + or - replaces the ones before it) is left to TLS112.
 */
public final class Tls116ProtocolGap extends BaseRule {
    static final String ID = "TLS116";

    public Tls116ProtocolGap() {
        super(Set.of(Dialect.NGINX, Dialect.APACHE), ID);
    }

    /** An error on nginx (every handshake fails), the doc's level on Apache (some listed versions are off). */
    static Level level(RuleContext ctx, Dialect d) {
        return d == Dialect.NGINX ? Level.ERROR : ctx.defaultLevel(ID);
    }

    @Override
    public void check(RuleContext ctx) {
        TlsProfile profile = TlsFixes.profile(ctx);
        OpensslVersion openssl = ctx.settings().openssl();
        for (TlsEndpoint e : ctx.facts().tlsEndpoints()) {
            for (TlsEndpoint d : e.deciders()) {
                if (d.protocolsDirective() != null) {
                    check(ctx, d, d.protocolsDirective(), profile, openssl);
                }
            }
        }
    }

    private static void check(RuleContext ctx, TlsEndpoint e, Directive pd, TlsProfile profile, OpensslVersion openssl) {
        ProtocolSpec.Result r = e.protocols();
        if (!r.ok()) {
            return;
        }
        EnumSet<TlsVersion> listed = EnumSet.noneOf(TlsVersion.class);
        listed.addAll(r.configured());
        listed.remove(TlsVersion.SSLv2);
        if (!TlsDefaults.opensslHasSsl3(openssl)) {
            listed.remove(TlsVersion.SSLv3);
        }
        Set<TlsVersion> holes = ProtocolSpec.gap(listed);
        if (holes.isEmpty()) {
            return;
        }
        String fixLine = TlsEdits.stripSemi(TlsFixes.protocolLine(e, profile));
        if (e.dialect() == Dialect.NGINX) {
            if (!r.effective().isEmpty() || e.ciphers() == null || !ctx.once(ID, pd)) {
                return;
            }
            TlsVersion top = ProtocolSpec.lowestRunTop(listed).orElseThrow();
            ctx.report(new Finding(ID, level(ctx, e.dialect()), "ssl_protocols lists " + TlsText.names(listed)
                    + " without " + TlsText.names(holes) + ", so every handshake fails. It fails whatever version the "
                    + "client asks for: with a gap OpenSSL takes the top of the lowest run (" + top.label() + ") as the highest "
                    + "version when it sets up a handshake, and the cipher list has no suite that works with "
                    + top.label() + " (\"No ciphers enabled for max supported SSL/TLS version\", logged at crit). Use a "
                    + "contiguous set: " + fixLine + ".", pd.span(), List.of(), TlsFixes.protocolFix(e, profile)));
            return;
        }
        if (!Tls112ApacheProtocolOverride.overridden(pd).isEmpty() || !ctx.once(ID, pd)) {
            return;
        }
        EnumSet<TlsVersion> off = EnumSet.copyOf(listed);
        off.removeAll(r.effective());
        if (off.isEmpty()) {
            return;
        }
        ctx.report(new Finding(ID, level(ctx, e.dialect()), "SSLProtocol enables " + TlsText.names(listed) + " but not "
                + TlsText.names(holes) + ". mod_ssl does not allow a gap: it sets OpenSSL's version range to the "
                + "contiguous run ending at the highest version, so only " + TlsText.names(r.effective()) + " "
                + (r.effective().size() == 1 ? "is" : "are") + " on and " + TlsText.names(off) + " "
                + (off.size() == 1 ? "is" : "are") + " silently off. Write the set you mean without a gap, e.g. "
                + fixLine + ".", pd.span(), List.of(), TlsFixes.protocolFix(e, profile)));
    }
}
