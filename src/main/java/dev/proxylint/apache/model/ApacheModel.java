package dev.proxylint.apache.model;

import dev.proxylint.syntax.Cond;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.Resolved;
import dev.proxylint.syntax.Tree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Apache configuration as the main server and its virtual hosts, built from the resolved tree
 * (includes, conditionals and macros already applied by the front end).
 */
public final class ApacheModel {
    private final ApacheScope main = new ApacheScope(null, null);
    private final List<ApacheScope> vhosts = new ArrayList<>();
    private final Map<String, Directive> loadedModules = new LinkedHashMap<>();
    private final List<Directive> skippedSections = new ArrayList<>();

    /** Whether some include was not read ({@link Resolved#incomplete()}). */
    private boolean incomplete;

    private ApacheModel() {
    }

    public static ApacheModel build(Resolved r) {
        return build(r.items(), r.incomplete());
    }

    public static ApacheModel build(List<Node> items) {
        return build(items, false);
    }

    private static ApacheModel build(List<Node> items, boolean incomplete) {
        ApacheModel m = new ApacheModel();
        m.incomplete = incomplete;
        Tree.walk(items, d -> {
            if (d.is("LoadModule") && d.argCount() >= 1) {
                m.loadedModules.putIfAbsent(d.arg(0).toLowerCase(Locale.ROOT), d);
            }
        });
        m.collect(m.effective(items), m.main, null, 0);
        return m;
    }

    /**
     * {@link Tree#effective} that also drops {@code <IfModule>} sections the resolver left undecided
     * when this configuration loads its modules itself ({@link #modulesKnown()}) and the module is
     * not among them: Apache skips such a section.
     */
    private List<Directive> effective(List<Node> items) {
        List<Directive> out = new ArrayList<>();
        flatten(items, out, 0);
        return out;
    }

    private void flatten(List<Node> items, List<Directive> out, int depth) {
        if (depth > 256) {
            return;
        }
        for (Node n : items) {
            if (n instanceof Directive d) {
                if (d.expansion() == null) {
                    out.add(d);
                } else if (!skippedIfModule(d)) {
                    flatten(d.expansion(), out, depth + 1);
                }
            }
        }
    }

    private boolean skippedIfModule(Directive d) {
        if (!d.is("IfModule") || d.cond() != Cond.UNKNOWN || !modulesKnown() || d.argCount() < 1) {
            return false;
        }
        String a = d.arg(0);
        boolean neg = a.startsWith("!");
        boolean loaded = isLoaded(neg ? a.substring(1) : a);
        if (loaded != neg) {
            return false;
        }
        skippedSections.add(d);
        return true;
    }

    /** Whether a module named as in {@code <IfModule>} ({@code mod_rewrite.c} or {@code rewrite_module}) is loaded. */
    public boolean isLoaded(String module) {
        String m = module.toLowerCase(Locale.ROOT);
        if (m.startsWith("mod_") && m.endsWith(".c")) {
            m = m.substring(4, m.length() - 2) + "_module";
        }
        return loadedModules.containsKey(m);
    }

    /** {@code <IfModule>} sections Apache skips because their module is not loaded (see {@link #effective}). */
    public List<Directive> skippedSections() {
        return skippedSections;
    }

    private void collect(List<Directive> list, ApacheScope scope, Directive section, int depth) {
        if (depth > 200) {
            return;
        }
        List<Directive> pendingConds = new ArrayList<>();
        for (Directive d : list) {
            if (d.hasBlock()) {
                if (d.is("VirtualHost") && scope == main) {
                    ApacheScope v = new ApacheScope(d, main);
                    vhosts.add(v);
                    collect(effective(d.children()), v, null, depth + 1);
                } else if (d.is("Proxy") || d.is("ProxyMatch")) {
                    scope.proxySections.add(d);
                } else if (d.is("Location") || d.is("LocationMatch") || d.is("Directory") || d.is("DirectoryMatch")
                        || d.is("Files") || d.is("FilesMatch")) {
                    collect(effective(d.children()), scope, d, depth + 1);
                } else {
                    collect(effective(d.children()), scope, section, depth + 1); // If, Limit, ...
                }
                continue;
            }
            if (section == null) {
                scope.own.add(d);
            }
            if (d.is("ProxyPass") || d.is("ProxyPassMatch")) {
                ProxyPassEntry e = ProxyPassEntry.of(d, section != null && (section.is("Location")
                        || section.is("LocationMatch")) ? section : null);
                if (e != null) {
                    scope.proxyPasses.add(e);
                }
            } else if (d.is("RewriteCond")) {
                pendingConds.add(d);
            } else if (d.is("RewriteRule")) {
                scope.rewrites.add(new RewriteRuleEntry(d, List.copyOf(pendingConds), section));
                pendingConds.clear();
            }
        }
    }

    public ApacheScope mainServer() {
        return main;
    }

    public List<ApacheScope> virtualHosts() {
        return vhosts;
    }

    /** The main server first, then every virtual host. */
    public List<ApacheScope> scopes() {
        List<ApacheScope> all = new ArrayList<>();
        all.add(main);
        all.addAll(vhosts);
        return all;
    }

    /** LoadModule lines by module name ({@code proxy_wstunnel_module}). */
    public Map<String, Directive> loadedModules() {
        return loadedModules;
    }

    /** Whether the config loads modules itself (a main config), so absence means not loaded. */
    public boolean modulesKnown() {
        return !incomplete && !loadedModules.isEmpty();
    }

    /**
     * Whether some include was not read: its LoadModule lines and definitions are unknown, so the
     * module set is not known either ({@link #modulesKnown()}).
     */
    public boolean incomplete() {
        return incomplete;
    }

    /** A directive set at the main-server level, or null. */
    public Directive serverLevel(String name) {
        return main.last(name);
    }
}
