package dev.proxylint.rules.ws;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.apache.model.ProxyPassEntry;
import dev.proxylint.apache.model.RewriteRuleEntry;
import dev.proxylint.facts.ApacheRoute;
import dev.proxylint.facts.VersionFacts;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/**
 * WS204: a module the WebSocket proxying needs is not loaded (judged only when the config loads its
 * modules itself): an {@code <IfModule>} section skipped with its WebSocket proxying, mod_proxy
 * (reported once, at the first ProxyPass), mod_proxy_http, mod_proxy_wstunnel (before 2.4.47), and
 * mod_rewrite (reported once, at the first RewriteRule).
 */
public final class Ws204ModuleMissing extends BaseRule {
    public Ws204ModuleMissing() {
        super(Dialect.APACHE, "WS204");
    }

    @Override
    public void check(RuleContext ctx) {
        ApacheModel model = ctx.facts().apache();
        if (!model.modulesKnown()) {
            return;
        }
        for (Directive sec : model.skippedSections()) {
            Directive ws = ApacheUpgrade.wsProxying(sec);
            if (ws != null) {
                ctx.report("WS204", sec.headSpan(), WebSocketWords.headline("This <IfModule {}> section is "
                        + "skipped, and its WebSocket proxying with it.", sec.arg(0)) + " The module is not loaded, so "
                        + "its WebSocket proxying (" + ws.name() + " on line "
                        + ws.line() + ") never happens and upgrades are not proxied. Load the module with LoadModule "
                        + "or move the directives out of the section.", List.of(new Related(ws.span(),
                                "this directive is skipped")), null);
            }
        }
        var mods = model.loadedModules().keySet();
        String version = ctx.settings().apacheVersion();
        boolean modern = VersionFacts.atLeast(version, VersionFacts.APACHE_PROXY_HTTP_UPGRADE);
        boolean reportedProxy = false; // one finding for the missing module, at the first ProxyPass
        for (ApacheRoute r : ctx.facts().apacheRoutes()) {
            ProxyPassEntry e = r.entry();
            String sc = e.scheme();
            if (!mods.contains("proxy_module") && !reportedProxy) {
                reportedProxy = true;
                ctx.report("WS204", e.directive().span(), e.directive().name() + " needs mod_proxy, which this "
                        + "configuration does not load. Apache refuses to start (Invalid command). Load mod_proxy with "
                        + "LoadModule proxy_module.");
                continue;
            }
            if (ApacheUpgrade.httpScheme(sc) && !mods.contains("proxy_http_module")) {
                ctx.report("WS204", e.urlArg().span(), "No module handles " + sc + ":// here: mod_proxy_http is not "
                        + "loaded. Requests to " + e.path() + " fail with 500. Load it with LoadModule proxy_http_module.");
            }
            if ((sc.equals("ws") || sc.equals("wss")) && !mods.contains("proxy_wstunnel_module") && !modern) {
                ctx.report("WS204", e.urlArg().span(), "No module handles " + sc + ":// here: mod_proxy_wstunnel is "
                        + "not loaded. Apache " + (version == null ? "before " + VersionFacts.APACHE_PROXY_HTTP_UPGRADE
                        + " (target version unknown; set --apache-version)" : version) + " needs it for WebSocket "
                        + "tunnels. Load it with LoadModule proxy_wstunnel_module.");
            }
        }
        if (mods.contains("rewrite_module")) {
            return;
        }
        for (ApacheScope s : model.scopes()) {
            for (RewriteRuleEntry r : s.rewrites()) {
                ctx.report("WS204", r.rule().nameSpan(), "RewriteRule needs mod_rewrite, which this configuration "
                        + "does not load. Apache refuses to start (Invalid command for the first mod_rewrite "
                        + "directive). Load it with LoadModule rewrite_module.");
                return;
            }
        }
    }
}
