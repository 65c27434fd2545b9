package dev.proxylint.rules.tmo;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.facts.VersionFacts;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Tree;

/** TMO107: mod_proxy_wstunnel directives the target httpd does not have (or without the module loaded). */
public final class Tmo107WebSocketDirectiveUnsupported extends BaseRule {
    public Tmo107WebSocketDirectiveUnsupported() {
        super(Dialect.APACHE, "TMO107");
    }

    @Override
    public void check(RuleContext ctx) {
        ApacheModel m = ctx.facts().apache();
        String version = ctx.settings().apacheVersion();
        Tree.walk(ctx.config().items(), d -> {
            if (d.is("ProxyWebsocketIdleTimeout") || d.is("ProxyWebsocketAsync") || d.is("ProxyWebsocketAsyncDelay")) {
                if (VersionFacts.atLeast(version, VersionFacts.APACHE_WS_IDLE_TIMEOUT_DIRECTIVE)) {
                    return;
                }
                ctx.report("TMO107", d.nameSpan(), d.name() + " is not a directive of httpd 2.4, so httpd "
                        + "refuses to start. "
                        + (version == null ? "The target version is unknown (set --apache-version)" : "The target is "
                        + version) + "; it exists only in the httpd trunk (2.5) documentation, and 2.4.71 says "
                        + "Invalid command. On 2.4 an idle WebSocket tunnel lives for max(Timeout, timeout=): set "
                        + "timeout= on the WebSocket ProxyPass and remove this line.");
            } else if (d.is("ProxyWebsocketFallbackToProxyHttp")) {
                if (version != null && !VersionFacts.atLeast(version, VersionFacts.APACHE_WS_FALLBACK_DIRECTIVE)) {
                    ctx.report("TMO107", d.nameSpan(), "ProxyWebsocketFallbackToProxyHttp does not exist in httpd "
                            + version + ", which refuses to start on it. It was added in " + VersionFacts.APACHE_WS_FALLBACK_DIRECTIVE
                            + "; older releases say Invalid command. Remove it for this target.");
                } else if (m.modulesKnown() && !m.loadedModules().containsKey("proxy_wstunnel_module")) {
                    ctx.report("TMO107", d.nameSpan(), "ProxyWebsocketFallbackToProxyHttp needs "
                            + "mod_proxy_wstunnel, which this configuration does not load. httpd refuses to start "
                            + "(Invalid command). Load mod_proxy_wstunnel or remove the line.");
                }
            }
        });
    }
}
