package dev.proxylint.rules;

import dev.proxylint.rules.cfg.NginxVariableRules;
import dev.proxylint.rules.hsts.Hsts101MaxAgeZero;
import dev.proxylint.rules.hsts.Hsts102MaxAgeShort;
import dev.proxylint.rules.hsts.Hsts103NotAlways;
import dev.proxylint.rules.hsts.Hsts104Missing;
import dev.proxylint.rules.hsts.Hsts105Malformed;
import dev.proxylint.rules.hsts.Hsts106PreloadRequirements;
import dev.proxylint.rules.tls.Tls101SslProtocolEnabled;
import dev.proxylint.rules.tls.Tls102LegacyTlsEnabled;
import dev.proxylint.rules.tls.Tls103InsecureCipherSuites;
import dev.proxylint.rules.tls.Tls104WeakCipherSuites;
import dev.proxylint.rules.tls.Tls105SslCompressionOn;
import dev.proxylint.rules.tls.Tls106InsecureRenegotiation;
import dev.proxylint.rules.tls.Tls107SessionTicketsOn;
import dev.proxylint.rules.tls.Tls108CipherOrderAgainstProfile;
import dev.proxylint.rules.tls.Tls109ApacheCipherSuiteSyntax;
import dev.proxylint.rules.tls.Tls110BackendTlsUnverified;
import dev.proxylint.rules.tls.Tls111BackendLegacyProtocols;
import dev.proxylint.rules.tls.Tls112ApacheProtocolOverride;
import dev.proxylint.rules.tls.Tls113CipherStringRejected;
import dev.proxylint.rules.tls.Tls114Tls13CipherSuites;
import dev.proxylint.rules.tls.Tls115SniProtocolsIgnored;
import dev.proxylint.rules.tls.Tls116ProtocolGap;
import dev.proxylint.rules.tmo.ApacheTimeoutRules;
import dev.proxylint.rules.tmo.NginxTimeoutRules;
import dev.proxylint.rules.ws.ApacheWebSocketRules;
import dev.proxylint.rules.ws.NginxWebSocketRules;
import java.util.List;

/** Every rule proxylint runs (syntax and resolution problems come from the front ends). */
public final class Rules {
    private Rules() {
    }

    public static List<Rule> all() {
        return List.of(new NginxWebSocketRules(), new ApacheWebSocketRules(), new NginxVariableRules(),
                new NginxTimeoutRules(), new ApacheTimeoutRules(),
                // TLS
                new Tls101SslProtocolEnabled(), new Tls102LegacyTlsEnabled(), new Tls103InsecureCipherSuites(),
                new Tls104WeakCipherSuites(), new Tls105SslCompressionOn(), new Tls106InsecureRenegotiation(),
                new Tls107SessionTicketsOn(), new Tls108CipherOrderAgainstProfile(), new Tls109ApacheCipherSuiteSyntax(),
                new Tls110BackendTlsUnverified(), new Tls111BackendLegacyProtocols(), new Tls112ApacheProtocolOverride(),
                new Tls113CipherStringRejected(), new Tls114Tls13CipherSuites(), new Tls115SniProtocolsIgnored(),
                new Tls116ProtocolGap(),
                // HSTS
                new Hsts101MaxAgeZero(), new Hsts102MaxAgeShort(), new Hsts103NotAlways(), new Hsts104Missing(),
                new Hsts105Malformed(), new Hsts106PreloadRequirements());
    }
}
