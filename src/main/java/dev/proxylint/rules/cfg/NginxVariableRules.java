package dev.proxylint.rules.cfg;

import dev.proxylint.nginx.model.NginxDirectives;
import dev.proxylint.nginx.model.NginxEdits;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.Tree;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * nginx variables: a variable used in a directive but defined nowhere (nginx refuses to start with
 * {@code unknown "x" variable}), and a map/geo variable defined twice (nginx refuses with
 * {@code duplicate "x" variable}). Only checked on whole configs (with an http block): a fragment's
 * variables may come from the main config proxylint does not see.
 */
public final class NginxVariableRules extends BaseRule {
    /**
     * Variables of nginx Plus (not in the open-source command tables that {@link NginxDirectives}
     * is generated from), accepted so that Plus configs get no false error.
     */
    static final Set<String> PLUS = Set.of("upstream_queue_time", "upstream_last_server_name", "jwt_claim",
            "jwt_header", "jwt_payload", "early_hints", "mirror", "proxy_protocol_tlv", "arg");
    static final String[] PLUS_PREFIXES = {"jwt_header_", "jwt_claim_"};

    /**
     * Directives whose arguments nginx reads as plain text, never as a script: a {@code $} there is
     * part of a file or directory name ({@code error_log /var/log/${APP}.log} opens a file of that
     * name), so it names no variable (checked against nginx 1.22.1, which accepts each of these).
     */
    public static final Set<String> LITERAL = Set.of("error_log", "pid", "lock_file", "working_directory",
            "proxy_cache_path", "fastcgi_cache_path", "uwsgi_cache_path", "scgi_cache_path",
            "client_body_temp_path", "proxy_temp_path", "fastcgi_temp_path", "uwsgi_temp_path", "scgi_temp_path");

    /**
     * The directives whose arguments nginx reads as plain text, for a rule context: {@link #LITERAL}, the
     * addresses of {@code listen}, {@code resolver} and an upstream's {@code server} (ngx_parse_url
     * looks {@code ${BACKEND}} up as a host name: "host not found in upstream"), and every directive
     * read by one of nginx's shared value parsers (flags, sizes, times ...: {@code gzip ${G}} is
     * refused as {@code invalid value "${G}"}) and the time directives. CFG123 and SYN003 report those with nginx's own message.
     */
    public static java.util.function.Predicate<Directive> plainText(RuleContext ctx) {
        Set<Directive> typed = ctx.facts().shared("NginxTypedDirectives@" + ctx.settings().nginxVersion(), () -> {
            Set<Directive> out = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (DirectivePlacement.Entry e : DirectivePlacement.of(ctx).entries()) {
                // typed in every release that may be the target: limit_rate was a size until 1.17.0
                // and takes variables since
                boolean all = e.accepting() != null && !e.accepting().isBlock();
                for (int i = 0, n = e.allowed().size(); i < n && all; i++) {
                    NginxDirectives.Row r = e.allowed().get(i);
                    if (!r.isBlock() && r.takes(e.args()) && !NginxInvalidValueRule.typed(r)) {
                        all = false;
                    }
                }
                if (all) {
                    out.add(e.directive());
                }
            }
            return out;
        });
        return d -> LITERAL.contains(d.name()) || d.is("listen") || d.is("resolver")
                || d.is("server") && !d.hasBlock() || typed.contains(d)
                || dev.proxylint.facts.TimeValues.nginxTimeDirective(d.name()) != null;
    }

    public NginxVariableRules() {
        super(Dialect.NGINX, "CFG110", "CFG111");
    }

    /**
     * Whether nginx or a module proxylint knows defines the variable ({@code variables.tsv}, in the
     * target release when one is given), or it is a regex capture such as {@code $1}.
     */
    /** The known or defined variable one or two edits from a name (the closest, then the first by name), or "". */
    static String nearest(String name, String version, java.util.Set<String> defined) {
        String best = "";
        int bestDistance = 3;
        java.util.List<String> names = new java.util.ArrayList<>(NginxDirectives.builtin().variableNames());
        names.addAll(defined);
        java.util.Collections.sort(names);
        for (String n : names) {
            if (Math.abs(n.length() - name.length()) > 2 || n.equals(name)) {
                continue;
            }
            int dist = NginxUnknownDirectiveRule.distance(n, name, 2);
            if (dist < bestDistance && (defined.contains(n) || builtin(n, version))) {
                best = n;
                bestDistance = dist;
            }
        }
        return best;
    }

    static boolean builtin(String name, String version) {
        return plusOnly(name) || name.chars().allMatch(Character::isDigit)
                || NginxDirectives.builtin().knownVariable(name, version);
    }

    /** A variable that only nginx Plus defines ({@link #PLUS}, {@link #PLUS_PREFIXES}), not open-source nginx. */
    static boolean plusOnly(String name) {
        if (NginxDirectives.builtin().knownVariable(name, null)) {
            return false;
        }
        if (PLUS.contains(name)) {
            return true;
        }
        for (String p : PLUS_PREFIXES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** A map's or geo's definition as nginx reads it: its arguments and its entries, without comments or layout. */
    private static String definition(Directive d) {
        StringBuilder sb = new StringBuilder(d.name());
        for (Arg a : d.args()) {
            sb.append('\u0000').append(a.value());
        }
        sb.append('{');
        for (Node n : d.children()) {
            if (n instanceof Directive c) {
                sb.append(definition(c)).append(';');
            }
        }
        return sb.append('}').toString();
    }

    private static Scope httpOf(NginxModel model) {
        for (Scope s : model.main().children()) {
            if (s.kind() == Scope.Kind.HTTP) {
                return s;
            }
        }
        return null;
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel model = ctx.facts().nginx();
        Map<String, List<Directive>> defs = model.definedVariables();
        for (var e : defs.entrySet()) {
            List<Directive> maps = e.getValue().stream().filter(d -> d.is("map") || d.is("geo")).toList();
            if (maps.size() > 1) {
                Directive second = maps.get(1);
                Directive last = maps.get(maps.size() - 1);
                String first = definition(maps.get(0));
                boolean same = maps.stream().allMatch(m -> definition(m).equals(first));
                String message = same
                        ? "Variable $" + e.getKey() + " is defined by " + maps.size() + " identical map/geo blocks. nginx "
                                + "uses the last one everywhere (line " + last.span().startLine() + "), so an edit to any "
                                + "other copy silently does nothing. Keep one definition in a file included once."
                        : "Variable $" + e.getKey() + " is defined by " + maps.size()
                                + " map/geo blocks; only the last one counts. nginx silently uses the last one everywhere: the earlier "
                                + "definitions are dead and requests get the values of line " + last.span().startLine()
                                + ". Remove the duplicates or give each map its own variable name.";
                ctx.report(new Finding("CFG111",
                        same ? Level.WARNING : ctx.defaultLevel("CFG111"), message, second.headSpan(),
                        List.of(new Related(maps.get(0).headSpan(), "first defined here; this definition is ignored")),
                        null));
            }
        }
        if (model.fragment() || model.incomplete()) {
            return; // a fragment, or an unread include: the variable may be defined where this rule cannot see
        }
        String version = ctx.settings().nginxVersion();
        Map<String, String> suggestions = new java.util.HashMap<>(); // one search per unknown name
        Directive[] memcached = new Directive[1];
        java.util.function.Predicate<Directive> plain = plainText(ctx);
        Tree.preorder(Tree.effective(ctx.config().items()), d -> {
            if (d.is("memcached_pass") && memcached[0] == null) {
                memcached[0] = d;
            }
            List<Directive> children = d.hasBlock() && !d.is("geo") && !d.is("split_clients")
                    ? Tree.effective(d.children()) : null; // geo and split_clients values are plain text
            if (plain.test(d)) {
                return children;
            }
            if (d.is("location") || d.is("server_name") || d.name().endsWith("_by_lua_block")
                    || d.is("perl_set") || d.is("perl") || (d.name().endsWith("_by_lua") && !d.is("set_by_lua"))) {
                return children; // Perl and Lua code is not nginx's: its $ are not nginx variables
            }
            List<Arg> args = d.args();
            if (d.is("set_by_lua")) {
                // set_by_lua $res 'code' $arg...: the arguments after the code are nginx values
                args = args.subList(Math.min(2, d.argCount()), d.argCount());
            } else if (d.is("set")) {
                args = args.subList(Math.min(1, d.argCount()), d.argCount()); // set $name value: the value
            } else if (d.is("map") || d.is("geo") || d.is("split_clients")) {
                // map/geo/split_clients source $variable: the source is an nginx value ("$a:$b" too); a
                // one-argument geo reads $remote_addr
                args = d.argCount() == 2 ? args.subList(0, 1) : List.of();
            }
            for (Arg a : args) {
                if (a.quote() == dev.proxylint.syntax.Quote.SINGLE && d.is("return")) {
                    continue;
                }
                String v = a.value();
                int i = v.indexOf('$');
                while (i >= 0 && i + 1 < v.length()) {
                    int s = i + 1;
                    char c = v.charAt(s);
                    if (c >= '1' && c <= '9') {
                        // a regex capture is one digit: "$1_backend" is $1 then "_backend", as nginx reads it
                        i = v.indexOf('$', s + 1);
                        continue;
                    }
                    boolean brace = c == '{';
                    if (brace) {
                        s++;
                    }
                    int e = s;
                    while (e < v.length() && (Character.isLetterOrDigit(v.charAt(e)) || v.charAt(e) == '_')) {
                        e++;
                    }
                    String name = v.substring(s, e);
                    String low = name.toLowerCase(java.util.Locale.ROOT); // nginx ignores the case of names
                    if (!name.isEmpty() && plusOnly(low) && !defs.containsKey(low)) {
                        // a build question (which nginx runs the file), as for directives newer than the
                        // target: a warning (rules/CFG110.md)
                        ctx.report(new dev.proxylint.rules.Finding("CFG110", dev.proxylint.rules.Level.WARNING,
                                "Variable $" + name + " is an nginx Plus variable: open-source nginx refuses to start "
                                        + "(unknown \"" + low + "\" variable).", a.span()));
                        i = v.indexOf('$', Math.max(e, i + 1)); // the rest may hold an error for Plus too
                        continue;
                    }
                    if (!name.isEmpty() && !builtin(low, version) && !defs.containsKey(low)) {
                        Fix fix = null;
                        Scope http = httpOf(model);
                        if (low.equals("connection_upgrade") && http != null) {
                            fix = new Fix("Define $connection_upgrade with the standard map",
                                    List.of(NginxEdits.connectionUpgradeMap(http.block())));
                        }
                        String near = suggestions.computeIfAbsent(low, n -> nearest(n, version, defs.keySet()));
                        ctx.report("CFG110", a.span(), "Variable $" + name + " is never defined, so nginx refuses to start. "
                                + "Its error: unknown \"" + low + "\" variable. No map, geo or set defines it."
                                + (near.isEmpty() ? "" : " Did you mean $" + near + "?")
                                + (fix != null ? " The usual WebSocket recipe defines it with map $http_upgrade "
                                + "$connection_upgrade at http level." : ""), List.of(), fix);
                        return children;
                    }
                    i = v.indexOf('$', Math.max(e, i + 1));
                }
            }
            return children;
        });
        if (memcached[0] != null && !defs.containsKey("memcached_key")) {
            // ngx_http_memcached_pass asks for the index of $memcached_key, which no module defines:
            // nginx refuses the config unless some set (or map) does
            ctx.report("CFG110", memcached[0].headSpan(), "memcached_pass reads the key from $memcached_key, which "
                    + "nothing defines, so nginx refuses to start. Its error: unknown \"memcached_key\" variable. "
                    + "Set it before the pass, as in set $memcached_key \"$uri?$args\";");
        }
    }
}
