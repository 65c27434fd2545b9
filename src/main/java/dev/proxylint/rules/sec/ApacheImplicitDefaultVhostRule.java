package dev.proxylint.rules.sec;

import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.apache.model.ProxyPassEntry;
import dev.proxylint.apache.model.RewriteRuleEntry;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Brief;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SEC211, the Apache twin of SEC121: several name-based {@code <VirtualHost>}s share an address
 * and the first of them, which httpd hands every request whose Host matches none of their names,
 * is a real site: it has its own ServerName and serves files or proxies. Addresses are grouped as
 * httpd groups them ({@code _default_} is {@code *}, a missing port is any port); a first vhost
 * without its own ServerName, or one that refuses or redirects everything, is what a catch-all
 * looks like and is not reported.
 */
public final class ApacheImplicitDefaultVhostRule extends BaseRule {
    static final String ID = "SEC211";
    private static final Set<String> CATCH_ALL_NAMES = Set.of("_", "_default_", "default", "localhost", "catchall",
            "catch-all", "invalid");

    public ApacheImplicitDefaultVhostRule() {
        super(Dialect.APACHE, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        Map<String, List<ApacheScope>> byAddress = new LinkedHashMap<>();
        for (ApacheScope v : ctx.facts().apache().virtualHosts()) {
            for (String a : v.vhost().values()) {
                Work.tick();
                String addr = address(a);
                List<ApacheScope> l = byAddress.computeIfAbsent(addr, k -> new ArrayList<>());
                // a vhost is added for each of its addresses in turn: only its own last entry can repeat it
                // (a contains() over the list was quadratic when thousands of vhosts share *:443)
                if (l.isEmpty() || l.get(l.size() - 1) != v) {
                    l.add(v);
                }
            }
        }
        for (Map.Entry<String, List<ApacheScope>> e : byAddress.entrySet()) {
            List<ApacheScope> vs = e.getValue();
            if (vs.size() < 2) {
                continue; // one vhost on the address: it answers every name anyway, names are not in use
            }
            ApacheScope first = vs.get(0);
            String name = realName(first);
            if (name == null || catchAll(first) || !servesContent(first) || !ctx.once(ID, first.vhost())) {
                continue;
            }
            String vhost = "<VirtualHost " + String.join(" ", first.vhost().values()) + ">";
            String brief = Brief.cut(vhost, 36) + " (" + Brief.cut(name, 28) + ")";
            ctx.report(ID, first.vhost().headSpan(), brief + " answers requests for any Host."
                    + SecText.whole("The section", brief, vhost + " (" + name + ")") + " On " + e.getKey()
                    + " it is the first of the " + vs.size() + " virtual hosts, and httpd hands a request whose Host matches none "
                    + "of their ServerName and ServerAlias names to the first one, so Host: evil.example reaches this "
                    + "site too (DNS rebinding, links and redirects built from the Host). If that is not meant, put a "
                    + "catch-all first: <VirtualHost " + e.getKey() + "> ServerName invalid, Redirect 404 / "
                    + "</VirtualHost>.", List.of(), null);
        }
    }

    /** An address as httpd groups it: {@code _default_} is {@code *}, no port is any port ({@code *:*}). */
    static String address(String a) {
        String s = a.toLowerCase(Locale.ROOT);
        String host;
        String port;
        int close = s.lastIndexOf(']');
        int colon = s.lastIndexOf(':');
        if (s.startsWith("[") ? colon > close : colon >= 0) {
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
        } else {
            host = s;
            port = "*";
        }
        if (host.equals("_default_")) {
            host = "*";
        }
        return host + ":" + port;
    }

    /** The vhost's own first ServerName when it names a host, else null (a name-less first vhost is a catch-all). */
    private static String realName(ApacheScope v) {
        Directive sn = null;
        for (Directive d : v.directives()) {
            if (d.is("ServerName")) {
                sn = sn == null ? d : sn;
            }
        }
        if (sn == null || sn.argCount() == 0) {
            return null;
        }
        String n = sn.arg(0).toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "").replaceFirst(":\\d+$", "");
        return n.isEmpty() || CATCH_ALL_NAMES.contains(n) ? null : sn.arg(0);
    }

    /** Whether the vhost serves files or proxies of its own. */
    private static boolean servesContent(ApacheScope v) {
        for (ProxyPassEntry p : v.proxyPasses()) {
            if (!p.exclusion()) {
                return true;
            }
        }
        for (RewriteRuleEntry r : v.rewrites()) {
            if (r.proxied()) {
                return true;
            }
        }
        for (Directive d : v.directives()) {
            String n = d.name().toLowerCase(Locale.ROOT);
            if (n.equals("documentroot") || n.startsWith("alias") || n.startsWith("scriptalias")
                    || n.startsWith("wsgiscriptalias")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the vhost refuses or redirects everything: Redirect of /, a RewriteRule for any path with F/G/R, or a denied root. */
    private static boolean catchAll(ApacheScope v) {
        for (Directive d : v.directives()) {
            if ((d.is("Redirect") || d.is("RedirectPermanent") || d.is("RedirectTemp")) && d.values().contains("/")) {
                return true;
            }
            if (d.is("RedirectMatch") && d.argCount() >= 2 && anyPath(d.arg(d.argCount() == 2 ? 0 : 1))) {
                return true;
            }
        }
        if (v.rewriteEngineOn()) {
            for (RewriteRuleEntry r : v.rewrites()) {
                List<String> f = r.flags();
                boolean ends = f.contains("F") || f.contains("FORBIDDEN") || f.contains("G") || f.contains("GONE")
                        || f.contains("R") || f.contains("REDIRECT");
                if (r.location() == null && r.conditions().isEmpty() && ends && anyPath(r.pattern())) {
                    return true;
                }
            }
        }
        for (Directive sec : Tree.effective(v.vhost().children())) {
            if (sec.is("Location") && sec.argCount() == 1 && sec.arg(0).equals("/")) {
                for (Directive d : Tree.effective(sec.children())) {
                    if (d.is("Require") && d.argCount() >= 2 && d.arg(0).equalsIgnoreCase("all")
                            && d.arg(1).equalsIgnoreCase("denied")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean anyPath(String re) {
        return re != null && List.of("^", ".*", "^.*", "^.*$", "^/", "^/.*", "^/.*$", "^/?(.*)", "^/(.*)", "^/(.*)$",
                "^(.*)$", "(.*)", "/", ".").contains(re);
    }
}
