package dev.proxylint.apache.model;

import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.List;

/**
 * The main server or one {@code <VirtualHost>}: what it proxies and rewrites. Directives from
 * {@code <Location>}, {@code <Proxy>}, {@code <Directory>} and {@code <If…>} sections inside it are
 * attributed to it, with the section recorded where that matters.
 */
public final class ApacheScope {
    private final Directive vhost;
    final List<Directive> own = new ArrayList<>();
    final List<ProxyPassEntry> proxyPasses = new ArrayList<>();
    final List<RewriteRuleEntry> rewrites = new ArrayList<>();
    final List<Directive> proxySections = new ArrayList<>();

    ApacheScope(Directive vhost) {
        this.vhost = vhost;
    }

    /** The VirtualHost section, or null for the main server. */
    public Directive vhost() {
        return vhost;
    }

    public boolean isMainServer() {
        return vhost == null;
    }

    /** Directives written at this server's level (not inside Location/Directory/Proxy sections). */
    public List<Directive> directives() {
        return own;
    }

    /** ProxyPass / ProxyPassMatch mappings, in config order. */
    public List<ProxyPassEntry> proxyPasses() {
        return proxyPasses;
    }

    /** RewriteRules with their conditions, in config order. */
    public List<RewriteRuleEntry> rewrites() {
        return rewrites;
    }

    /** {@code <Proxy url>} / {@code <ProxyMatch>} sections. */
    public List<Directive> proxySections() {
        return proxySections;
    }

    /** The last directive with a name at this level, or null. */
    public Directive last(String name) {
        Directive found = null;
        for (Directive d : own) {
            if (d.is(name)) {
                found = d;
            }
        }
        return found;
    }

    /** Whether RewriteEngine is on at this level (it is not inherited by virtual hosts). */
    public boolean rewriteEngineOn() {
        Directive d = last("RewriteEngine");
        return d != null && "on".equalsIgnoreCase(d.arg(0));
    }

    public String label() {
        return vhost == null ? "the main server" : "<VirtualHost " + String.join(" ", vhost.values()) + ">";
    }
}
