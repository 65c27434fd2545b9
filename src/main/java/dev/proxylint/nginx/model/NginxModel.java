package dev.proxylint.nginx.model;

import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.Resolved;
import dev.proxylint.syntax.Tree;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nginx configuration as contexts: main → http → server → location (nested) → if, built from
 * the resolved tree (includes expanded) with an explicit stack. Also records which variables the
 * configuration defines ({@code map}, {@code set}, {@code geo}, named regex captures, ...).
 *
 * <p>A fragment (a {@code conf.d/} file holding {@code server} blocks, or a snippet of bare
 * directives) is modelled as if it stood inside {@code http}: a top-level {@code server} becomes a
 * server scope and a top-level {@code location} a location scope.
 */
public final class NginxModel {
    /** A named capture in a regex, (?<name>...) or (?P<name>...): nginx makes each one a variable. */
    public static final Pattern NAMED_CAPTURE = Pattern.compile("\\(\\?P?<([A-Za-z_][A-Za-z0-9_]*)>");

    private final Scope main;
    private final List<Scope> servers = new ArrayList<>();
    private final List<Scope> locations = new ArrayList<>();
    /** Locations (any depth) by the server that holds them, and scopes by their block directive. */
    private final Map<Scope, List<Scope>> locationsByServer = new IdentityHashMap<>();
    private final Map<Directive, Scope> scopeByBlock = new IdentityHashMap<>();
    private final Map<String, List<Directive>> definedVariables = new LinkedHashMap<>();
    private final boolean fragment;
    private boolean incomplete;

    private NginxModel(Scope main, boolean fragment) {
        this.main = main;
        this.fragment = fragment;
    }

    public static NginxModel build(Resolved r) {
        NginxModel m = build(r.items());
        m.incomplete = r.incomplete();
        return m;
    }

    /** Whether a top-level directive makes its file a main config rather than a fragment: http, events or stream. */
    public static boolean opensMainConfig(Directive d) {
        return d.is("http") || d.is("events") || d.is("stream");
    }

    public static NginxModel build(List<Node> items) {
        boolean hasHttp = false;
        for (Directive d : Tree.effective(items)) {
            if (opensMainConfig(d)) {
                hasHttp = true;
            }
        }
        Scope main = new Scope(Scope.Kind.MAIN, null, null);
        NginxModel m = new NginxModel(main, !hasHttp);
        // explicit stack: (scope, directives of that scope)
        List<Scope> scopes = new ArrayList<>();
        List<List<Directive>> lists = new ArrayList<>();
        List<Integer> pos = new ArrayList<>();
        scopes.add(main);
        lists.add(Tree.effective(items));
        pos.add(0);
        while (!scopes.isEmpty()) {
            int top = scopes.size() - 1;
            List<Directive> list = lists.get(top);
            int i = pos.get(top);
            if (i >= list.size()) {
                scopes.remove(top);
                lists.remove(top);
                pos.remove(top);
                continue;
            }
            pos.set(top, i + 1);
            Scope scope = scopes.get(top);
            Directive d = list.get(i);
            scope.own.add(d);
            m.noteVariables(d);
            if (d.hasBlock()) {
                Scope child = new Scope(kindOf(d, scope), d, scope);
                scope.children.add(child);
                if (child.kind() == Scope.Kind.SERVER && scope.kind() != Scope.Kind.UPSTREAM) {
                    m.servers.add(child);
                }
                m.scopeByBlock.put(d, child);
                if (child.kind() == Scope.Kind.LOCATION) {
                    m.locations.add(child);
                    Scope server = child.enclosing(Scope.Kind.SERVER);
                    if (server != null) {
                        m.locationsByServer.computeIfAbsent(server, k -> new ArrayList<>()).add(child);
                    }
                }
                if (child.kind() == Scope.Kind.MAP) {
                    continue; // map bodies are data, not directives
                }
                scopes.add(child);
                lists.add(Tree.effective(d.children()));
                pos.add(0);
            }
        }
        return m;
    }

    private static Scope.Kind kindOf(Directive d, Scope parent) {
        String n = d.name();
        switch (n) {
            case "http":
                return Scope.Kind.HTTP;
            case "server":
                return parent.kind() == Scope.Kind.UPSTREAM ? Scope.Kind.OTHER : Scope.Kind.SERVER;
            case "location":
                return Scope.Kind.LOCATION;
            case "if":
                return Scope.Kind.IF;
            case "limit_except":
                return Scope.Kind.LIMIT_EXCEPT;
            case "upstream":
                return Scope.Kind.UPSTREAM;
            case "map":
            case "geo":
            case "split_clients":
            case "types":
            case "charset_map":
            case "match":
                return Scope.Kind.MAP;
            case "events":
                return Scope.Kind.EVENTS;
            case "stream":
                return Scope.Kind.STREAM;
            default:
                return Scope.Kind.OTHER;
        }
    }

    private void noteVariables(Directive d) {
        String n = d.name();
        switch (n) {
            case "map", "geo", "split_clients", "perl_set", "js_set" -> {
                // map $source $variable { ... }; geo [$address] $variable { ... }
                List<String> v = d.values();
                for (int i = v.size() - 1; i >= 0; i--) {
                    if (v.get(i).startsWith("$")) {
                        define(v.get(i).substring(1), d);
                        break;
                    }
                }
            }
            case "set", "auth_request_set", "set_real_ip_from_var" -> {
                if (d.argCount() >= 1 && d.arg(0).startsWith("$")) {
                    define(d.arg(0).substring(1), d);
                }
            }
            default -> {
                // module directives that define a variable (directives.tsv's defines column):
                // set_by_lua[_block|_file] $res ..., js_var $x, set-misc's set_* $x ..., geoip2 blocks
                String how = "";
                for (NginxDirectives.Row row : NginxDirectives.builtin().rows(n)) {
                    how = how.isEmpty() ? row.defines() : how;
                }
                {
                    switch (how) {
                        case "first" -> {
                            if (d.argCount() >= 1 && d.arg(0).startsWith("$")) {
                                define(d.arg(0).substring(1), d);
                            }
                        }
                        case "block" -> {
                            for (Directive e : Tree.effective(d.children())) {
                                if (e.name().startsWith("$")) {
                                    define(e.name().substring(1), e);
                                }
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
        }
        if (n.equals("location") || n.equals("if") || n.equals("server_name") || n.equals("rewrite")) {
            for (String a : d.values()) {
                Matcher mt = NAMED_CAPTURE.matcher(a);
                while (mt.find()) {
                    define(mt.group(1), d);
                }
            }
        }
        if (n.equals("map") && d.hasBlock()) {
            for (Directive e : Tree.effective(d.children())) {
                Matcher mt = NAMED_CAPTURE.matcher(e.name());
                while (mt.find()) {
                    define(mt.group(1), e);
                }
            }
        }
    }

    private void define(String var, Directive d) {
        // nginx folds variable names to lower case (ngx_http_add_variable, ngx_http_get_variable_index):
        // $Foo and $foo are one variable
        definedVariables.computeIfAbsent(var.toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>()).add(d);
    }

    /** The directives that define a variable, by any spelling of its name (nginx ignores case), or null. */
    public List<Directive> definitions(String name) {
        return definedVariables.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** Whether the config defines a variable, by any spelling of its name. */
    public boolean defines(String name) {
        return definedVariables.containsKey(name.toLowerCase(java.util.Locale.ROOT));
    }

    public Scope main() {
        return main;
    }

    private volatile Map<String, List<Scope>> owners;

    /** Visits every http-side scope once (map, upstream and stream bodies skipped), depth first. */
    public void eachHttpScope(Consumer<Scope> visit) {
        List<Scope> todo = new ArrayList<>();
        todo.add(main);
        while (!todo.isEmpty()) {
            Scope s = todo.remove(todo.size() - 1);
            Work.tick();
            if (s.kind() == Scope.Kind.MAP || s.kind() == Scope.Kind.UPSTREAM || s.kind() == Scope.Kind.STREAM) {
                continue;
            }
            todo.addAll(s.children());
            visit.accept(s);
        }
    }

    /**
     * The http-side scopes (map, upstream and stream bodies left out) that own at least one
     * directive named {@code name}, each once, in a fixed order: built for all names in one pass
     * over the model the first time it is asked, so a rule that looks for one directive visits only
     * the scopes that have it instead of every scope of the fleet.
     */
    public List<Scope> owning(String name) {
        Map<String, List<Scope>> m = owners;
        if (m == null) {
            Map<String, List<Scope>> b = new java.util.HashMap<>();
            eachHttpScope(sc -> {
                for (Directive d : sc.directives()) {
                    Work.tick();
                    List<Scope> l = b.computeIfAbsent(d.name(), k -> new ArrayList<>(1));
                    if (l.isEmpty() || l.get(l.size() - 1) != sc) {
                        l.add(sc);
                    }
                }
            });
            b.replaceAll((k, v) -> List.copyOf(v));
            m = b;
            owners = m;
        }
        List<Scope> l = m.get(name);
        return l == null ? java.util.Collections.emptyList() : l;
    }

    /** Whether the input had no http/events/stream context (a conf.d file or snippet). */
    public boolean fragment() {
        return fragment;
    }

    /**
     * Whether some include was not read ({@link Resolved#incomplete()}): what is not defined here
     * may be defined there, so "never defined" is not a verdict.
     */
    public boolean incomplete() {
        return incomplete;
    }

    /**
     * Every server block outside upstreams, in file order: http servers, and also stream and mail
     * ones (TLS rules judge those too). Rules about http sockets filter with
     * {@link dev.proxylint.facts.NginxListens#http}.
     */
    public List<Scope> servers() {
        return servers;
    }

    /** Every location, at any depth, in file order. */
    public List<Scope> locations() {
        return locations;
    }

    /** The locations of one server, at any depth, in file order. */
    public List<Scope> locationsOf(Scope server) {
        return locationsByServer.getOrDefault(server, java.util.Collections.emptyList());
    }

    /** Variables the config defines (map, geo, set, named captures ...) and where, keyed by lower-case name. */
    public Map<String, List<Directive>> definedVariables() {
        return definedVariables;
    }

    /** The scope of a block directive, or null. */
    public Scope scopeOf(Directive block) {
        return block == null ? main : scopeByBlock.get(block);
    }

    /**
     * The location of a server that nginx selects for a request path, the way
     * {@code ngx_http_core_find_location} does at each level: an exact ({@code =}) match wins at
     * once; otherwise the longest matching prefix is taken and its nested locations are searched
     * first (a nested exact or regex match wins); then, unless that longest prefix has {@code ^~},
     * this level's regex locations are tried in file order and the first match wins; failing that,
     * the longest prefix (or its nested prefix) is used. A {@code ^~} only stops the regexes of the
     * level where it was matched: a nested {@code ^~} does not stop the server's regexes. Returns
     * null when nothing matches.
     */
    public static Scope select(Scope server, String path) {
        return find(server.children(), path, 0).scope;
    }

    /** One level's answer: the scope, and whether it is final (exact or regex match: outer levels stop). */
    private record Found(Scope scope, boolean done) {
    }

    private static Found find(List<Scope> candidates, String path, int depth) {
        Scope exact = null;
        Scope longest = null;
        List<Scope> regexes = new ArrayList<>();
        for (Scope c : candidates) {
            Work.tick();
            if (c.kind() != Scope.Kind.LOCATION) {
                continue;
            }
            String mod = c.locationModifier();
            String pat = c.locationPattern();
            switch (mod) {
                case "=" -> {
                    if (pat.equals(path)) {
                        exact = c;
                    }
                }
                case "", "^~" -> {
                    if (path.startsWith(pat) && (longest == null || pat.length() > longest.locationPattern().length())) {
                        longest = c;
                    }
                }
                case "~", "~*" -> regexes.add(c);
                default -> {
                }
            }
        }
        if (exact != null) {
            return new Found(exact, true);
        }
        Scope chosen = longest;
        boolean noregex = false;
        if (longest != null) {
            noregex = "^~".equals(longest.locationModifier());
            if (depth < 32) {
                Found inner = find(longest.children(), path, depth + 1);
                if (inner.done()) {
                    return inner;
                }
                if (inner.scope() != null) {
                    chosen = inner.scope();
                }
            }
        }
        if (!noregex) {
            for (Scope r : regexes) {
                if (regexMatches(r, path)) {
                    return new Found(r, true);
                }
            }
        }
        return new Found(chosen, false);
    }

    /** Whether a regex location matches a path (PCRE syntax read as Java regex; unreadable → no). */
    public static boolean regexMatches(Scope location, String path) {
        Pattern p = location.regex();
        return p != null && p.matcher(path).find();
    }
}
