package dev.proxylint.rules;

import dev.proxylint.rules.cfg.ApacheArgumentCountRule;
import dev.proxylint.rules.cfg.ApacheDirectiveContextRule;
import dev.proxylint.rules.cfg.ApacheFlagValueRule;
import dev.proxylint.rules.cfg.ApacheUnknownDirectiveRule;
import dev.proxylint.rules.cfg.DirectiveNotAllowedRule;
import dev.proxylint.rules.cfg.DuplicateDirectiveRule;
import dev.proxylint.rules.cfg.InvalidArgumentCountRule;
import dev.proxylint.rules.cfg.InvalidValueRule;
import dev.proxylint.rules.cfg.NginxVariableRules;
import dev.proxylint.rules.cfg.ThirdPartyDirectiveRule;
import dev.proxylint.rules.cfg.UnknownDirectiveRule;
import dev.proxylint.rules.hsts.HstsRules;
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
                new UnknownDirectiveRule(), new DirectiveNotAllowedRule(), new InvalidArgumentCountRule(),
                new InvalidValueRule(), new DuplicateDirectiveRule(), new ThirdPartyDirectiveRule(),
                new NginxTimeoutRules(), new ApacheTimeoutRules(), new TlsRules(), new HstsRules(),
                new ApacheUnknownDirectiveRule(), new ApacheDirectiveContextRule(), new ApacheArgumentCountRule(),
                new ApacheFlagValueRule());
    }
}
