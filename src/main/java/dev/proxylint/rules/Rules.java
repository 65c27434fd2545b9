package dev.proxylint.rules;

import dev.proxylint.rules.cfg.NginxVariableRules;
import dev.proxylint.rules.hsts.HstsRules;
import dev.proxylint.rules.sec.ApacheIndexesRule;
import dev.proxylint.rules.sec.ApacheServerTokensRule;
import dev.proxylint.rules.sec.ApacheSsrfRule;
import dev.proxylint.rules.sec.ApacheStatusAccessRule;
import dev.proxylint.rules.sec.ApacheTraceRule;
import dev.proxylint.rules.sec.NginxAutoindexRule;
import dev.proxylint.rules.sec.NginxRootFilesystemRule;
import dev.proxylint.rules.sec.NginxServerTokensRule;
import dev.proxylint.rules.sec.NginxStatusAccessRule;
import dev.proxylint.rules.sec.NginxAddHeaderContentTypeRule;
import dev.proxylint.rules.sec.NginxAliasTraversalRule;
import dev.proxylint.rules.sec.NginxDroppedSecurityHeadersRule;
import dev.proxylint.rules.sec.NginxHeaderInjectionRule;
import dev.proxylint.rules.sec.NginxHostSpoofingRule;
import dev.proxylint.rules.sec.NginxSsrfRule;
import dev.proxylint.rules.sec.NginxWeakOriginCheckRule;
import dev.proxylint.rules.tls.TlsRules;
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
                new NginxTimeoutRules(), new ApacheTimeoutRules(), new TlsRules(), new HstsRules(),
                new NginxAliasTraversalRule(), new NginxHeaderInjectionRule(), new NginxHostSpoofingRule(),
                new NginxSsrfRule(), new NginxDroppedSecurityHeadersRule(), new NginxWeakOriginCheckRule(), new ApacheSsrfRule(),
                new NginxAutoindexRule(), new NginxServerTokensRule(), new NginxStatusAccessRule(),
                new NginxRootFilesystemRule(), new NginxAddHeaderContentTypeRule(), new ApacheIndexesRule(), new ApacheServerTokensRule(),
                new ApacheStatusAccessRule(), new ApacheTraceRule());
    }
}
