package dev.proxylint.rules.tls;

import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.tls.TlsProfile;
import java.util.List;

/** The selected profile's directive lines, and the fixes that write them. */
final class TlsFixes {
    private TlsFixes() {
    }

    /** The TLS profile the settings select. */
    static TlsProfile profile(RuleContext ctx) {
        return TlsEndpoint.profile(ctx.settings().facts());
    }

    /** The profile's protocol line in the endpoint's dialect ("ssl_protocols TLSv1.2 TLSv1.3;"). */
    static String protocolLine(TlsEndpoint e, TlsProfile p) {
        return e.dialect() == Dialect.NGINX ? p.nginxProtocolLine() : p.apacheProtocolLine();
    }

    /** Rewrites the endpoint's protocol directive (or adds one) to the profile's. */
    static Fix protocolFix(TlsEndpoint e, TlsProfile p) {
        String line = protocolLine(e, p);
        TextEdit edit = e.protocolsDirective() != null ? TlsEdits.replace(e.protocolsDirective(), line)
                : TlsEdits.add(e, line);
        return new Fix("Use the " + p.name() + " profile's protocols: " + line, List.of(edit));
    }

    /** The profile's TLS 1.2 cipher string (the default profile's when the profile has none). */
    static String cipherString(TlsProfile p) {
        return p.cipherString().isEmpty() ? TlsProfile.defaultProfile().cipherString() : p.cipherString();
    }

    /** Rewrites the endpoint's cipher directive (or adds one) to the profile's cipher string. */
    static Fix cipherFix(TlsEndpoint e, TlsProfile p) {
        String list = cipherString(p);
        String line = e.dialect() == Dialect.NGINX ? "ssl_ciphers " + list + ";" : "SSLCipherSuite " + list;
        TextEdit edit = e.ciphersDirective() != null ? TlsEdits.replace(e.ciphersDirective(), line)
                : TlsEdits.add(e, line);
        return new Fix("Use the " + p.name() + " profile's cipher list", List.of(edit));
    }

    /** The directive that sets the profile's TLS 1.3 list, in the form of {@code d}. */
    static String tls13Line(Directive d, TlsProfile p) {
        String list = p.ciphersuitesString();
        if (d.dialect() == Dialect.NGINX) {
            return "ssl_conf_command Ciphersuites " + list + ";";
        }
        return d.is("SSLOpenSSLConfCmd") ? "SSLOpenSSLConfCmd Ciphersuites " + list : "SSLCipherSuite TLSv1.3 " + list;
    }

    /** Rewrites a directive that sets the TLS 1.3 list to the profile's list. */
    static Fix tls13Fix(Directive d, TlsProfile p) {
        return new Fix("Use the " + p.name() + " profile's TLS 1.3 suites", List.of(TlsEdits.replace(d, tls13Line(d, p))));
    }
}
