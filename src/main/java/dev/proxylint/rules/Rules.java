package dev.proxylint.rules;

import dev.proxylint.rules.cfg.ApacheArgumentCountRule;
import dev.proxylint.rules.cfg.ApacheDirectiveContextRule;
import dev.proxylint.rules.cfg.ApacheFlagValueRule;
import dev.proxylint.rules.cfg.ApacheInvalidValueRule;
import dev.proxylint.rules.cfg.ApacheUnknownDirectiveRule;
import dev.proxylint.rules.cfg.NginxDirectiveNotAllowedRule;
import dev.proxylint.rules.cfg.NginxDuplicateDirectiveRule;
import dev.proxylint.rules.cfg.NginxInvalidArgumentCountRule;
import dev.proxylint.rules.cfg.NginxInvalidValueRule;
import dev.proxylint.rules.cfg.NginxVariableRules;
import dev.proxylint.rules.cfg.NginxRequiredDirectiveRule;
import dev.proxylint.rules.cfg.NginxUndefinedUpstreamRule;
import dev.proxylint.rules.cfg.NginxThirdPartyDirectiveRule;
import dev.proxylint.rules.cfg.NginxUndefinedNamedLocationRule;
import dev.proxylint.rules.cfg.NginxUndefinedZoneRule;
import dev.proxylint.rules.cfg.NginxUnknownDirectiveRule;
import dev.proxylint.rules.cfg.NginxRegexRule;
import dev.proxylint.rules.cfg.ApacheRegexRule;
import dev.proxylint.rules.hsts.Hsts101MaxAgeZero;
import dev.proxylint.rules.hsts.Hsts102MaxAgeShort;
import dev.proxylint.rules.hsts.Hsts103NotAlways;
import dev.proxylint.rules.hsts.Hsts104Missing;
import dev.proxylint.rules.hsts.Hsts105Malformed;
import dev.proxylint.rules.hsts.Hsts106PreloadRequirements;
import dev.proxylint.rules.sec.ApacheAllowWithoutDenyRule;
import dev.proxylint.rules.sec.ApacheErrorLogOffRule;
import dev.proxylint.rules.sec.ApacheImplicitDefaultVhostRule;
import dev.proxylint.rules.sec.ApacheIndexesRule;
import dev.proxylint.rules.sec.ApacheMaxKeepAliveRequestsLowRule;
import dev.proxylint.rules.sec.ApacheMergeSlashesOffRule;
import dev.proxylint.rules.sec.ApacheRootFilesystemRule;
import dev.proxylint.rules.sec.ApacheSatisfyAnyBypassRule;
import dev.proxylint.rules.sec.ApacheServerTokensRule;
import dev.proxylint.rules.sec.ApacheSsrfRule;
import dev.proxylint.rules.sec.ApacheStatusAccessRule;
import dev.proxylint.rules.sec.ApacheTraceRule;
import dev.proxylint.rules.sec.ApacheNameResolvedOnceRule;
import dev.proxylint.rules.sec.ApacheUnanchoredHandlerRule;
import dev.proxylint.rules.sec.ApacheWeakOriginCheckRule;
import dev.proxylint.rules.sec.NginxAddHeaderContentTypeRule;
import dev.proxylint.rules.sec.NginxAliasTraversalRule;
import dev.proxylint.rules.sec.NginxAllowWithoutDenyRule;
import dev.proxylint.rules.sec.NginxAutoindexRule;
import dev.proxylint.rules.sec.NginxDroppedSecurityHeadersRule;
import dev.proxylint.rules.sec.NginxErrorLogOffRule;
import dev.proxylint.rules.sec.NginxVariableCaseRule;
import dev.proxylint.rules.sec.NginxHeaderInjectionRule;
import dev.proxylint.rules.sec.NginxHostSpoofingRule;
import dev.proxylint.rules.sec.NginxImplicitDefaultServerRule;
import dev.proxylint.rules.sec.NginxKeepaliveRequestsLowRule;
import dev.proxylint.rules.sec.NginxMapNoDefaultRule;
import dev.proxylint.rules.sec.NginxMergeSlashesOffRule;
import dev.proxylint.rules.sec.NginxMultilineHeaderRule;
import dev.proxylint.rules.sec.NginxNameResolvedOnceRule;
import dev.proxylint.rules.sec.NginxOverlappingCapturesRule;
import dev.proxylint.rules.sec.NginxProxyPassDecodedUriRule;
import dev.proxylint.rules.sec.NginxRefererNoneGateRule;
import dev.proxylint.rules.sec.NginxRejectHandshakeServesRule;
import dev.proxylint.rules.sec.NginxResolverOffHostRule;
import dev.proxylint.rules.sec.NginxReturnBeforeAccessRule;
import dev.proxylint.rules.sec.NginxRewriteArgsCapturesRule;
import dev.proxylint.rules.sec.NginxRlimitBelowConnectionsRule;
import dev.proxylint.rules.sec.NginxRootFilesystemRule;
import dev.proxylint.rules.sec.NginxServerTokensRule;
import dev.proxylint.rules.sec.NginxSsrfRule;
import dev.proxylint.rules.sec.NginxStaplingWithoutResolverRule;
import dev.proxylint.rules.sec.NginxStatusAccessRule;
import dev.proxylint.rules.sec.NginxTryFilesIfRule;
import dev.proxylint.rules.sec.NginxTryFilesProxyRule;
import dev.proxylint.rules.sec.NginxUnanchoredRegexLocationRule;
import dev.proxylint.rules.sec.NginxWeakOriginCheckRule;
import dev.proxylint.rules.sec.Sec201ProxyRequestsOn;
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
import dev.proxylint.rules.tmo.Syn003ApacheInvalidTimeValue;
import dev.proxylint.rules.tmo.Syn003NginxInvalidTimeValue;
import dev.proxylint.rules.tmo.Tmo101ApacheWebSocketIdleTimeout;
import dev.proxylint.rules.tmo.Tmo101NginxWebSocketIdleTimeout;
import dev.proxylint.rules.tmo.Tmo102ApacheBackendTimeoutShort;
import dev.proxylint.rules.tmo.Tmo102NginxBackendTimeoutShort;
import dev.proxylint.rules.tmo.Tmo103ConnectTimeoutAbove75s;
import dev.proxylint.rules.tmo.Tmo104ServerTimeoutCutsWebSocket;
import dev.proxylint.rules.tmo.Tmo105TimeWithoutUnit;
import dev.proxylint.rules.tmo.Tmo106ApacheSecondsWithUnit;
import dev.proxylint.rules.tmo.Tmo107WebSocketDirectiveUnsupported;
import dev.proxylint.rules.tmo.Tmo108WstunnelNoIdleLimit;
import dev.proxylint.rules.ws.Ws100WebSocketNotConfigured;
import dev.proxylint.rules.ws.Ws101UpgradeHeadersMissing;
import dev.proxylint.rules.ws.Ws102HttpVersion10;
import dev.proxylint.rules.ws.Ws103InheritedHeadersDropped;
import dev.proxylint.rules.ws.Ws105ConnectionUpgradeHardcoded;
import dev.proxylint.rules.ws.Ws106UpgradeUnfiltered;
import dev.proxylint.rules.ws.Ws107RegexLocationShadowsWebSocket;
import dev.proxylint.rules.ws.Ws108ConnectionHeaderCleared;
import dev.proxylint.rules.ws.Ws109UpgradeHardcoded;
import dev.proxylint.rules.ws.Ws110ProxyPassWsScheme;
import dev.proxylint.rules.ws.Ws111SlashRedirect;
import dev.proxylint.rules.ws.Ws200ApacheWebSocketNotConfigured;
import dev.proxylint.rules.ws.Ws201ProxyPassUpgradeMissing;
import dev.proxylint.rules.ws.Ws202RewriteEngineOff;
import dev.proxylint.rules.ws.Ws203RewriteWsUnguarded;
import dev.proxylint.rules.ws.Ws204ModuleMissing;
import dev.proxylint.rules.ws.Ws205ProxyPassOrder;
import dev.proxylint.rules.ws.Ws206UpgradeWrongProtocol;
import dev.proxylint.rules.ws.Ws207RewriteTargetHttp;
import dev.proxylint.rules.ws.Ws208ConnectionCondCaseSensitive;
import dev.proxylint.rules.ws.Ws209RewriteNotInherited;
import dev.proxylint.rules.ws.Ws210ProxyPassTrailingSlash;
import dev.proxylint.rules.ws.Ws211UpgradeAny;
import dev.proxylint.rules.ws.Ws212ConnectionCondAnchored;
import java.util.List;

/** Every rule proxylint runs (syntax and resolution problems come from the front ends). */
public final class Rules {
    private Rules() {
    }

    public static List<Rule> all() {
        return List.of(
                // WebSocket, nginx
                new Ws100WebSocketNotConfigured(), new Ws101UpgradeHeadersMissing(), new Ws102HttpVersion10(),
                new Ws103InheritedHeadersDropped(), new Ws105ConnectionUpgradeHardcoded(), new Ws106UpgradeUnfiltered(),
                new Ws107RegexLocationShadowsWebSocket(), new Ws108ConnectionHeaderCleared(), new Ws109UpgradeHardcoded(),
                new Ws110ProxyPassWsScheme(), new Ws111SlashRedirect(),
                // WebSocket, Apache
                new Ws200ApacheWebSocketNotConfigured(), new Ws201ProxyPassUpgradeMissing(), new Ws202RewriteEngineOff(),
                new Ws203RewriteWsUnguarded(), new Ws204ModuleMissing(), new Ws205ProxyPassOrder(),
                new Ws206UpgradeWrongProtocol(), new Ws207RewriteTargetHttp(), new Ws208ConnectionCondCaseSensitive(),
                new Ws209RewriteNotInherited(), new Ws210ProxyPassTrailingSlash(), new Ws211UpgradeAny(),
                new Ws212ConnectionCondAnchored(),
                // other security
                new Sec201ProxyRequestsOn(), new NginxAliasTraversalRule(), new NginxHeaderInjectionRule(),
                new NginxHostSpoofingRule(), new NginxSsrfRule(), new NginxDroppedSecurityHeadersRule(),
                new NginxWeakOriginCheckRule(), new ApacheSsrfRule(), new NginxAutoindexRule(), new NginxServerTokensRule(),
                new NginxStatusAccessRule(), new NginxRootFilesystemRule(), new NginxAddHeaderContentTypeRule(),
                new NginxReturnBeforeAccessRule(), new NginxAllowWithoutDenyRule(), new NginxTryFilesIfRule(),
                new NginxTryFilesProxyRule(),
                new ApacheIndexesRule(), new ApacheServerTokensRule(), new ApacheStatusAccessRule(), new ApacheTraceRule(),
                new NginxRewriteArgsCapturesRule(), new NginxOverlappingCapturesRule(), new NginxUnanchoredRegexLocationRule(), new ApacheUnanchoredHandlerRule(),
                new NginxRefererNoneGateRule(), new NginxProxyPassDecodedUriRule(), new NginxMultilineHeaderRule(),
                new ApacheSatisfyAnyBypassRule(), new ApacheAllowWithoutDenyRule(),
                new NginxErrorLogOffRule(), new ApacheErrorLogOffRule(), new NginxImplicitDefaultServerRule(),
                new NginxResolverOffHostRule(), new NginxNameResolvedOnceRule(), new ApacheNameResolvedOnceRule(), new NginxStaplingWithoutResolverRule(),
                new NginxRlimitBelowConnectionsRule(), new NginxMergeSlashesOffRule(),
                new NginxRejectHandshakeServesRule(), new NginxMapNoDefaultRule(), new NginxVariableCaseRule(),
                new ApacheMergeSlashesOffRule(), new ApacheWeakOriginCheckRule(),
                new ApacheImplicitDefaultVhostRule(), new ApacheRootFilesystemRule(),
                new NginxKeepaliveRequestsLowRule(), new ApacheMaxKeepAliveRequestsLowRule(),
                // configuration the servers refuse, nginx and Apache
                new NginxVariableRules(), new NginxUnknownDirectiveRule(), new NginxDirectiveNotAllowedRule(),
                new NginxInvalidArgumentCountRule(), new NginxInvalidValueRule(), new NginxDuplicateDirectiveRule(),
                new NginxThirdPartyDirectiveRule(), new NginxUndefinedZoneRule(), new NginxUndefinedNamedLocationRule(), new NginxRegexRule(), new ApacheRegexRule(),
                new NginxRequiredDirectiveRule(), new NginxUndefinedUpstreamRule(),
                new ApacheUnknownDirectiveRule(), new ApacheDirectiveContextRule(),
                new ApacheArgumentCountRule(), new ApacheFlagValueRule(), new ApacheInvalidValueRule(),
                // timeouts, nginx
                new Syn003NginxInvalidTimeValue(), new Tmo101NginxWebSocketIdleTimeout(),
                new Tmo102NginxBackendTimeoutShort(), new Tmo103ConnectTimeoutAbove75s(), new Tmo105TimeWithoutUnit(),
                // timeouts, Apache
                new Syn003ApacheInvalidTimeValue(), new Tmo101ApacheWebSocketIdleTimeout(),
                new Tmo102ApacheBackendTimeoutShort(), new Tmo104ServerTimeoutCutsWebSocket(),
                new Tmo106ApacheSecondsWithUnit(), new Tmo107WebSocketDirectiveUnsupported(),
                new Tmo108WstunnelNoIdleLimit(),
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
