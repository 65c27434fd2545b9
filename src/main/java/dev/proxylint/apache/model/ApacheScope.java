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
    private final ApacheScope parent;
    final List<Directive> own = new ArrayList<>();
    final List<ProxyPassEntry> proxyPasses = new ArrayList<>();
    final List<RewriteRuleEntry> rewrites = new ArrayList<>();
    final List<Directive> proxySections = new ArrayList<>();

    ApacheScope(Directive vhost, ApacheScope parent) {
        this.vhost = vhost;
        this.parent = parent;
    }

    /** The main server for a virtual host, null for the main server. */
    public ApacheScope parent() {
        return parent;
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

    /**
     * This server, then (for a virtual host) the main server: the order in which Apache looks for a
     * setting a virtual host does not make itself (its own setting, else the main server's).
     */
    public List<ApacheScope> selfThenMain() {
        return parent == null ? List.of(this) : List.of(this, parent);
    }

    /**
     * The setting that applies to this server: its own last directive with a name, else the main
     * server's (a virtual host takes the main server's Timeout, ProxyTimeout, RewriteEngine ... when
     * it sets none itself), or null.
     */
    public Directive effective(String name) {
        for (ApacheScope s : selfThenMain()) {
            Directive d = s.last(name);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /**
     * Whether RewriteEngine is on for this server. A virtual host that does not set RewriteEngine
     * itself takes the main server's setting (observed on Apache 2.4.71: main-server
     * {@code RewriteEngine On} makes a virtual host's own RewriteRules run); the main server's
     * rules themselves are not inherited, see {@link #inheritsMainRewrites()}.
     */
    public boolean rewriteEngineOn() {
        Directive d = effective("RewriteEngine");
        return d != null && "on".equalsIgnoreCase(d.arg(0));
    }

    /** Whether this server has a mod_rewrite directive of its own (RewriteEngine, RewriteRule, ...). */
    public boolean usesRewrite() {
        for (Directive d : own) {
            if (d.name().toLowerCase(java.util.Locale.ROOT).startsWith("rewrite")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether this virtual host runs the main server's RewriteRules: with its own
     * {@code RewriteOptions Inherit[Before]}, or with the main server's {@code InheritDown[Before]}
     * provided the virtual host has some mod_rewrite directive of its own (observed on Apache
     * 2.4.71: a virtual host without any ignores the main server's rules even with InheritDown).
     */
    public boolean inheritsMainRewrites() {
        if (parent == null) {
            return false;
        }
        if (hasRewriteOption(this, "inherit") || hasRewriteOption(this, "inheritbefore")) {
            return true;
        }
        return usesRewrite() && (hasRewriteOption(parent, "inheritdown") || hasRewriteOption(parent, "inheritdownbefore"));
    }

    private static boolean hasRewriteOption(ApacheScope s, String option) {
        for (Directive d : s.own) {
            if (d.is("RewriteOptions") && d.values().stream().anyMatch(v -> v.equalsIgnoreCase(option))) {
                return true;
            }
        }
        return false;
    }

    public String label() {
        return vhost == null ? "the main server" : "<VirtualHost " + String.join(" ", vhost.values()) + ">";
    }
}
