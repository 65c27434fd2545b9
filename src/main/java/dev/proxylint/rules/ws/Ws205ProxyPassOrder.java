package dev.proxylint.rules.ws;

import dev.proxylint.apache.model.ApacheEdits;
import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.apache.model.ProxyPassEntry;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import java.util.List;

/**
 * WS205: a ProxyPass that is never used because a broader one is tried first: an earlier mapping
 * of the same server (fixed by moving the narrower one up), or one the virtual host inherits from
 * the main server, which Apache tries BEFORE the virtual host's own (observed on 2.4.71:
 * main-server {@code ProxyPass /} answers {@code /ws} although the virtual host maps {@code /ws}
 * itself). Each shadowed mapping is reported once, for the first mapping that shadows it.
 */
public final class Ws205ProxyPassOrder extends BaseRule {
    public Ws205ProxyPassOrder() {
        super(Dialect.APACHE, "WS205");
    }

    @Override
    public void check(RuleContext ctx) {
        ApacheModel model = ctx.facts().apache();
        for (ApacheScope s : model.scopes()) {
            checkOrder(ctx, s);
        }
        checkInheritedOrder(ctx, model);
    }

    private static void checkOrder(RuleContext ctx, ApacheScope s) {
        List<ProxyPassEntry> list = ApacheUpgrade.serverLevelMappings(s);
        for (int j = 0; j < list.size(); j++) {
            ProxyPassEntry b = list.get(j);
            for (int i = 0; i < j; i++) {
                ProxyPassEntry a = list.get(i);
                if (a.exclusion() || a.path().equals(b.path()) || !ApacheUpgrade.covers(a.path(), b.path())) {
                    continue;
                }
                List<TextEdit> edits = ApacheEdits.moveAbove(b.directive(), a.directive());
                ctx.report("WS205", b.directive().span(), WebSocketWords.headline("ProxyPass {} is never used: the "
                        + "earlier ProxyPass {} already matches it.", b.path(), a.path()) + " The earlier one matches "
                        + "every path it would (Apache uses the first ProxyPass that matches). Put the more specific ProxyPass first.",
                        List.of(new Related(a.directive().span(), "this broader ProxyPass comes first and wins")),
                        edits.isEmpty() ? null : new Fix("Move ProxyPass " + b.path() + " above ProxyPass " + a.path(), edits));
                break;
            }
        }
    }

    private static void checkInheritedOrder(RuleContext ctx, ApacheModel model) {
        List<ProxyPassEntry> mainList = ApacheUpgrade.serverLevelMappings(model.mainServer());
        if (mainList.isEmpty()) {
            return;
        }
        for (ApacheScope v : model.virtualHosts()) {
            for (ProxyPassEntry b : ApacheUpgrade.serverLevelMappings(v)) {
                for (ProxyPassEntry a : mainList) {
                    if (a.exclusion() || !ApacheUpgrade.covers(a.path(), b.path())) {
                        continue;
                    }
                    if (a.path().equals(b.path()) && a.url().equals(b.url()) && a.keys().keySet().equals(b.keys().keySet())) {
                        break; // the same mapping repeated: the inherited copy does what the virtual host's would
                    }
                    ctx.report("WS205", b.directive().span(), WebSocketWords.headline("ProxyPass {} in {} is "
                            + "never used: main-server ProxyPass {} comes first.", b.path(), v.label(), a.path())
                            + " The main server's ProxyPass " + a.path() + " already matches it, and Apache tries the mappings a virtual host inherits from the main server before its own. "
                            + "Move ProxyPass " + a.path() + " into the virtual hosts (after their specific "
                            + "mappings), or use the <Location " + b.path() + "> form, which is tried first.",
                            List.of(new Related(a.directive().span(), "this main-server ProxyPass comes first in "
                                    + v.label())), null);
                    break;
                }
            }
        }
    }
}
