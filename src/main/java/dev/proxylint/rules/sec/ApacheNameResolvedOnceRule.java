package dev.proxylint.rules.sec;

import dev.proxylint.apache.model.ApacheEdits;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.apache.model.ProxyPassEntry;
import dev.proxylint.facts.VersionFacts;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Brief;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import dev.proxylint.syntax.Work;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SEC223, the Apache twin of SEC123: a backend given by host name in a ProxyPass (or
 * ProxyPassMatch without a back-reference in the host) or a BalancerMember, whose worker keeps the
 * address it looked up on its first connection: mod_proxy resolves a reusable worker's host once
 * per child process and keeps that answer until the child exits or httpd restarts. The worker
 * re-resolves when it has {@code addressttl=} (httpd {@link VersionFacts#APACHE_PROXY_ADDRESS_TTL}
 * on) or {@code disablereuse=On} / {@code enablereuse=Off} (a lookup per connection), set on the
 * directive or through ProxySet for that backend. A {@code $n} in the host makes the worker
 * non-reusable (httpd resolves per request), so it is not reported; IP literals, unix sockets and
 * {@code localhost} have nothing to go stale.
 */
public final class ApacheNameResolvedOnceRule extends BaseRule {
    private static final String ID = "SEC223";
    /** The TTL the fix writes, in seconds. */
    static final int TTL = 60;

    public ApacheNameResolvedOnceRule() {
        super(Dialect.APACHE, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        String version = ctx.settings().apacheVersion();
        boolean ttl = VersionFacts.atLeast(version, VersionFacts.APACHE_PROXY_ADDRESS_TTL);
        Set<String> renewed = new HashSet<>();
        List<Directive> members = new java.util.ArrayList<>();
        Tree.walk(ctx.config().items(), d -> {
            Work.tick();
            if (d.is("BalancerMember")) {
                members.add(d);
            } else if (d.is("ProxySet") && d.argCount() > 0 && d.arg(0).contains("://") && renews(d.args(), 1)) {
                renewed.add(backend(d.arg(0)));
            } else if ((d.is("Proxy") || d.is("ProxyMatch")) && d.hasBlock() && d.argCount() > 0) {
                for (Directive c : Tree.effective(d.children())) {
                    if (c.is("ProxySet") && renews(c.args(), 0)) {
                        renewed.add(backend(d.arg(0)));
                    }
                }
            }
        });
        for (ApacheScope s : ctx.facts().apache().scopes()) {
            Work.tick();
            for (ProxyPassEntry e : s.proxyPasses()) {
                if (e.exclusion() || e.keys().containsKey("addressttl") || renewsByReuse(e.key("disablereuse"),
                        e.key("enablereuse"))) {
                    continue;
                }
                check(ctx, e.directive(), e.url(), e.urlArg(), renewed, version, ttl);
            }
        }
        for (Directive d : members) {
            int at = 0;
            if (d.argCount() > 1 && d.arg(0).toLowerCase(Locale.ROOT).startsWith("balancer://")) {
                at = 1; // BalancerMember balancer://name url ... outside a <Proxy balancer://> section
            }
            if (d.argCount() <= at || renews(d.args(), at + 1)) {
                continue;
            }
            check(ctx, d, d.arg(at), d.args().get(at), renewed, version, ttl);
        }
    }

    private static void check(RuleContext ctx, Directive d, String url, Arg urlArg, Set<String> renewed,
            String version, boolean ttl) {
        if (!url.contains("://") || url.toLowerCase(Locale.ROOT).startsWith("balancer://")
                || url.toLowerCase(Locale.ROOT).startsWith("unix:")) {
            return;
        }
        String host = host(url);
        if (host == null || !NginxAddresses.movableName(host) || renewed.contains(backend(url)) || !ctx.once(ID, d)) {
            return;
        }
        String shown = Brief.cut(host, 48);
        String head = d.name() + " to " + shown + " keeps its first DNS answer until restart."
                + SecText.whole("The host", shown, host);
        String why = " mod_proxy looks a worker's backend up on its first connection and each child process "
                + "reuses that address until it exits or httpd restarts, so when the backend moves (a container "
                + "restart, a cloud load balancer, a DNS fail-over) requests keep going to the old address.";
        String advice;
        Fix fix = null;
        if (ttl) {
            advice = " Add addressttl=" + TTL + " (httpd " + version + " then looks the name up again once the "
                    + "answer is " + TTL + " seconds old).";
            fix = Fix.of("Add addressttl=" + TTL, ApacheEdits.appendArg(d, "addressttl=" + TTL));
        } else if (version != null) {
            advice = " httpd " + version + " has no addressttl= (it came in " + VersionFacts.APACHE_PROXY_ADDRESS_TTL
                    + " and older releases refuse the key); disablereuse=On makes it look the name up for each "
                    + "connection, at the cost of keep-alive connections to the backend.";
        } else {
            advice = " From httpd " + VersionFacts.APACHE_PROXY_ADDRESS_TTL + " on, addressttl=" + TTL + " makes it "
                    + "look the name up again once a minute; older releases refuse that key, and there "
                    + "disablereuse=On looks it up for each connection, at the cost of keep-alive connections to "
                    + "the backend. No fix without --apache-version " + VersionFacts.APACHE_PROXY_ADDRESS_TTL
                    + " or later.";
        }
        ctx.report(ID, d.span(), head + why + advice, List.of(), fix);
    }

    /** Whether worker parameters from index {@code from} on make the address renew: addressttl, or no reuse. */
    private static boolean renews(List<Arg> args, int from) {
        String dis = null;
        String en = null;
        for (int i = Math.max(0, from); i < args.size(); i++) {
            String v = args.get(i).value();
            int eq = v.indexOf('=');
            String k = (eq < 0 ? v : v.substring(0, eq)).toLowerCase(Locale.ROOT);
            String val = eq < 0 ? "" : v.substring(eq + 1);
            switch (k) {
                case "addressttl" -> {
                    return true;
                }
                case "disablereuse" -> dis = val;
                case "enablereuse" -> en = val;
                default -> {
                }
            }
        }
        return renewsByReuse(dis, en);
    }

    /** disablereuse=On or enablereuse=Off: httpd looks the address up for every connection. */
    private static boolean renewsByReuse(String disablereuse, String enablereuse) {
        return "on".equalsIgnoreCase(disablereuse) || "off".equalsIgnoreCase(enablereuse);
    }

    /** The scheme, host and port of a backend URL, lower case: the part ProxySet and ProxyPass share. */
    static String backend(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        int sep = u.indexOf("://");
        int slash = sep < 0 ? -1 : u.indexOf('/', sep + 3);
        return slash < 0 ? u : u.substring(0, slash);
    }

    /** The host of a backend URL, or null when it has a back-reference or variable (resolved per request). */
    static String host(String url) {
        int sep = url.indexOf("://");
        String rest = url.substring(sep + 3);
        int slash = rest.indexOf('/');
        String hostPort = slash < 0 ? rest : rest.substring(0, slash);
        if (hostPort.contains("$") || hostPort.contains("%{") || hostPort.isEmpty()) {
            return null;
        }
        int at = hostPort.lastIndexOf('@');
        return NginxAddresses.host(at < 0 ? hostPort : hostPort.substring(at + 1));
    }
}
