package dev.proxylint.rules;

import dev.proxylint.rules.cfg.NginxVariableRules;
import dev.proxylint.rules.hsts.HstsRules;
import dev.proxylint.rules.tls.TlsRules;
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
import dev.proxylint.rules.ws.ApacheWebSocketRules;
import dev.proxylint.rules.ws.NginxWebSocketRules;
import java.util.List;

/** Every rule proxylint runs (syntax and resolution problems come from the front ends). */
public final class Rules {
    private Rules() {
    }

    public static List<Rule> all() {
        return List.of(new NginxWebSocketRules(), new ApacheWebSocketRules(), new NginxVariableRules(),
                // timeouts, nginx
                new Syn003NginxInvalidTimeValue(), new Tmo101NginxWebSocketIdleTimeout(),
                new Tmo102NginxBackendTimeoutShort(), new Tmo103ConnectTimeoutAbove75s(), new Tmo105TimeWithoutUnit(),
                // timeouts, Apache
                new Syn003ApacheInvalidTimeValue(), new Tmo101ApacheWebSocketIdleTimeout(),
                new Tmo102ApacheBackendTimeoutShort(), new Tmo104ServerTimeoutCutsWebSocket(),
                new Tmo106ApacheSecondsWithUnit(), new Tmo107WebSocketDirectiveUnsupported(),
                new Tmo108WstunnelNoIdleLimit(),
                new TlsRules(), new HstsRules());
    }
}
