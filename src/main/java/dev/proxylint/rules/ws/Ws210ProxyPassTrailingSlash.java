package dev.proxylint.rules.ws;

import dev.proxylint.apache.model.ProxyPassEntry;
import dev.proxylint.facts.ApacheRoute;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import java.util.List;

/** WS210: a ProxyPass path and URL that disagree on the trailing slash. */
public final class Ws210ProxyPassTrailingSlash extends BaseRule {
    public Ws210ProxyPassTrailingSlash() {
        super(Dialect.APACHE, "WS210");
    }

    @Override
    public void check(RuleContext ctx) {
        for (ApacheRoute r : ctx.facts().apacheRoutes()) {
            ProxyPassEntry e = r.entry();
            if (e.regex() || e.location() != null || e.path().equals("/")) {
                continue;
            }
            String url = e.url();
            if (url.indexOf("://") < 0) {
                continue;
            }
            boolean pathSlash = e.path().endsWith("/");
            boolean urlSlash = url.endsWith("/");
            if (pathSlash == urlSlash) {
                continue;
            }
            String fixed = urlSlash ? url.substring(0, url.length() - 1) : url + "/";
            ctx.report("WS210", e.urlArg().span(), WebSocketWords.headline("ProxyPass path {} and URL {} "
                    + "disagree on the trailing slash.", e.path(), url) + " Some requests map to a wrong backend path (" + (pathSlash ? e.path()
                    + "x becomes " + url + "x, and " + e.path().substring(0, e.path().length() - 1) + " itself is not "
                    + "matched" : e.path() + "/x becomes " + url + "//x") + "). Write both with or both without it.",
                    List.of(), new Fix("Make the URL's trailing slash match the path",
                            List.of(TextEdit.replace(e.urlArg().span(), fixed))));
        }
    }
}
