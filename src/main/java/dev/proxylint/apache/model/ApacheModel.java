package dev.proxylint.apache.model;

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

    private ApacheModel() {
    }

    public static ApacheModel build(Resolved r) {
        return build(r.items());
    }

    public static ApacheModel build(List<Node> items) {
        ApacheModel m = new ApacheModel();
        m.collect(Tree.effective(items), m.main, null, 0);
        return m;
    }

    private void collect(List<Directive> list, ApacheScope scope, Directive section, int depth) {
        if (depth > 200) {
            return;
        }
        List<Directive> pendingConds = new ArrayList<>();
        for (Directive d : list) {
            if (d.is("LoadModule") && d.argCount() >= 1) {
                loadedModules.put(d.arg(0).toLowerCase(Locale.ROOT), d);
            }
            if (d.hasBlock()) {
                if (d.is("VirtualHost") && scope == main) {
                    ApacheScope v = new ApacheScope(d, main);
                    vhosts.add(v);
                    collect(Tree.effective(d.children()), v, null, depth + 1);
                } else if (d.is("Proxy") || d.is("ProxyMatch")) {
                    scope.proxySections.add(d);
                } else if (d.is("Location") || d.is("LocationMatch") || d.is("Directory") || d.is("DirectoryMatch")
                        || d.is("Files") || d.is("FilesMatch")) {
                    collect(Tree.effective(d.children()), scope, d, depth + 1);
                } else {
                    collect(Tree.effective(d.children()), scope, section, depth + 1); // If, Limit, ...
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
        return !loadedModules.isEmpty();
    }

    /** A directive set at the main-server level, or null. */
    public Directive serverLevel(String name) {
        return main.last(name);
    }
}
