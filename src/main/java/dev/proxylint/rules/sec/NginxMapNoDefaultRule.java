package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.NginxEdits;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * SEC118: an {@code if ($v = X)} or {@code if ($v != X)} on the result of a {@code map} that has no
 * {@code default}, where no entry of the map gives X. A source value the map does not list gives
 * the empty string, so {@code = X} is never true and {@code != X} always is: the check the author
 * wrote for the unlisted clients does not do what it says. Maps whose values hold variables, whose
 * entries are not all known (an include left unread), whose regex keys cover every value, or whose
 * source has a few known values ({@code $scheme}, {@code $https}, ...) are not judged, nor variables
 * something else sets too.
 *
 * <p>The fix adds {@code default X;} to the map for a never-true {@code = X} that refuses the
 * request ({@code return} 4xx/5xx), when every other use of the variable in the configuration is an
 * {@code if} whose outcome that default does not change (a comparison with another literal, or a
 * bare test when X is {@code 0}).
 */
public final class NginxMapNoDefaultRule extends BaseRule {
    static final String ID = "SEC118";
    /** Sources with a few known values: a map over them may list every one. */
    private static final Set<String> FINITE = Set.of("$scheme", "$https", "$http2", "$request_completion",
            "$ssl_session_reused", "$ssl_early_data");
    /** Values no map key lists by accident; a regex key matching all of them covers everything. */
    private static final List<String> PROBES = List.of("x", "203.0.113.7", "/unlisted-9", "Mozilla/5.0 (X11)",
            "UNLISTED.example");

    /** A map without default whose results are known. */
    private record NoDefaultMap(Directive map, String variable, Set<String> values) {
    }

    /** A comparison {@code if ($v = X)} / {@code if ($v != X)}. */
    private record Compare(Scope ifScope, String op, String value) {
    }

    public NginxMapNoDefaultRule() {
        super(Dialect.NGINX, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel m = ctx.facts().nginx();
        Map<String, NoDefaultMap> maps = new HashMap<>();
        List<Scope> ifs = new ArrayList<>();
        List<Scope> todo = new ArrayList<>();
        todo.add(m.main());
        while (!todo.isEmpty()) {
            Scope s = todo.remove(todo.size() - 1);
            Work.tick();
            if (s.kind() == Scope.Kind.STREAM) {
                continue; // stream maps feed no if
            }
            if (s.kind() == Scope.Kind.MAP) {
                NoDefaultMap nd = noDefault(m, s.block());
                if (nd != null) {
                    maps.put(nd.variable(), nd);
                }
                continue;
            }
            if (s.kind() == Scope.Kind.IF) {
                ifs.add(s);
            }
            todo.addAll(s.children());
        }
        if (maps.isEmpty()) {
            return;
        }
        // every comparison of each map variable, in file order of the ifs
        Map<String, List<Compare>> compares = new HashMap<>();
        ifs.sort((a, b) -> Integer.compare(a.block().start(), b.block().start()));
        for (Scope s : ifs) {
            List<String> c = NginxVars.condition(s.block());
            if (c.size() != 3 || !(c.get(1).equals("=") || c.get(1).equals("!="))) {
                continue;
            }
            String var = variable(c.get(0));
            if (var != null && maps.containsKey(var) && !c.get(2).contains("$")) {
                compares.computeIfAbsent(var, k -> new ArrayList<>()).add(new Compare(s, c.get(1), c.get(2)));
            }
        }
        Map<String, List<Directive>> uses = null;
        for (Map.Entry<String, List<Compare>> e : compares.entrySet()) {
            NoDefaultMap nd = maps.get(e.getKey());
            List<Compare> dead = new ArrayList<>();
            for (Compare cmp : e.getValue()) {
                if (!cmp.value().isEmpty() && !nd.values().contains(cmp.value())) {
                    dead.add(cmp);
                }
            }
            if (dead.isEmpty() || !ctx.once(ID, nd.map())) {
                continue;
            }
            Fix fix = null;
            Compare first = dead.get(0);
            boolean oneDeny = dead.stream().allMatch(c -> c.op().equals("=") && c.value().equals(first.value())
                    && refuses(c.ifScope()));
            if (oneDeny) {
                if (uses == null) {
                    uses = uses(ctx);
                }
                if (defaultKeepsOtherUses(uses.getOrDefault(nd.variable(), List.of()), e.getValue(), first.value())) {
                    fix = Fix.of("Add default " + quote(first.value()) + "; to the map",
                            NginxEdits.prependToBlock(nd.map(), List.of("default " + quote(first.value()) + ";")));
                }
            }
            report(ctx, nd, dead, fix);
        }
    }

    private static String cond(NoDefaultMap nd, Compare c) {
        return "if ($" + nd.variable() + " " + c.op() + " " + quote(c.value()) + ")";
    }

    private static void report(RuleContext ctx, NoDefaultMap nd, List<Compare> dead, Fix fix) {
        Compare cmp = dead.get(0);
        String v = "$" + nd.variable();
        boolean never = cmp.op().equals("=");
        String src = nd.map().arg(0);
        String effect = never
                ? (refuses(cmp.ifScope()) ? "the refusal in it never happens: a client whose " + src
                        + " the map does not list gets through" : "its block never runs for a client whose " + src
                        + " the map does not list")
                : "its block runs for every client whose " + src + " the map does not list";
        List<Related> related = new ArrayList<>();
        for (Compare c : dead) {
            related.add(new Related(c.ifScope().block().headSpan(), cond(nd, c) + " is "
                    + (c.op().equals("=") ? "never" : "always") + " true for an unlisted " + src));
        }
        ctx.report(ID, nd.map().headSpan(), "map " + v + " has no default, so " + cond(nd, cmp) + " on line "
                + cmp.ifScope().block().line() + " is " + (never ? "never" : "always") + " true for unlisted keys. "
                + "An unlisted " + src + " gives " + v + " the empty string, not " + quote(cmp.value()) + ", and no "
                + "entry gives " + quote(cmp.value()) + " at all; " + effect + (dead.size() > 1 ? " (" + dead.size()
                + " such checks)" : "") + ". Add default " + quote(cmp.value()) + "; (or the value meant for "
                + "unlisted clients) to the map, or test what the map does give (if (" + v + " != 1) for an allow "
                + "list).", related, fix);
    }

    /** The map's variable name when it has no default and its results are all literal; else null. */
    private static NoDefaultMap noDefault(NginxModel m, Directive map) {
        if (!map.is("map") || map.argCount() != 2 || !map.arg(1).startsWith("$") || FINITE.contains(map.arg(0).toLowerCase(java.util.Locale.ROOT))) {
            return null;
        }
        String var = variable(map.arg(1));
        if (var == null || java.util.Objects.requireNonNullElse(m.definitions(var), List.<Directive>of()).size() != 1) {
            return null; // something else (set, another map) defines it too
        }
        Set<String> values = new HashSet<>();
        for (Directive e : Tree.effective(map.children())) {
            Work.tick();
            String key = unquote(e.name());
            if (key.equals("default") || e.name().equals("include") || e.hasBlock()) {
                return null;
            }
            if (e.name().equals("hostnames") || e.name().equals("volatile")) {
                continue;
            }
            if (e.argCount() != 1 || e.arg(0).contains("$")) {
                return null;
            }
            if (key.startsWith("~") && coversEverything(key)) {
                return null;
            }
            values.add(e.arg(0));
        }
        return values.isEmpty() ? null : new NoDefaultMap(map, var, values);
    }

    private static boolean coversEverything(String key) {
        boolean ci = key.startsWith("~*");
        Pattern p;
        try {
            p = Pattern.compile(key.substring(ci ? 2 : 1), ci ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException ex) {
            return true; // cannot tell what it matches: do not judge the map
        }
        for (String probe : PROBES) {
            if (!p.matcher(probe).find()) {
                return false;
            }
        }
        return true;
    }

    /** {@code $name} or {@code ${name}} as the name, or null. */
    private static String variable(String word) {
        List<NginxVars.Ref> refs = NginxVars.refs(word);
        return refs.size() == 1 && refs.get(0).start() == 0 && refs.get(0).end() == word.length()
                ? refs.get(0).name() : null;
    }

    /** Whether the if's block refuses the request: a return with a 4xx or 5xx code. */
    private static boolean refuses(Scope ifScope) {
        for (Directive r : ifScope.own("return")) {
            String code = r.arg(0);
            if (code != null && code.matches("[45]\\d\\d")) {
                return true;
            }
        }
        return false;
    }

    /** Every directive of the config by the variables its arguments refer to, from one walk. */
    private static Map<String, List<Directive>> uses(RuleContext ctx) {
        Map<String, List<Directive>> out = new HashMap<>();
        Tree.walk(ctx.config().items(), d -> {
            // a map's source is a use; its result variable is a definition, not a use
            List<String> values = d.is("map") && d.hasBlock() ? d.values().subList(0, Math.min(1, d.argCount()))
                    : d.values();
            for (String v : values) {
                for (NginxVars.Ref r : NginxVars.refs(v)) {
                    List<Directive> l = out.computeIfAbsent(r.name(), k -> new ArrayList<>());
                    if (l.isEmpty() || l.get(l.size() - 1) != d) {
                        l.add(d);
                    }
                }
            }
        });
        return out;
    }

    /**
     * Whether {@code default value} leaves every use of the variable as it was, apart from the
     * never-true comparisons with that value: the other uses are ifs comparing with another literal,
     * or bare tests that a default of 0 keeps false.
     */
    private static boolean defaultKeepsOtherUses(List<Directive> uses, List<Compare> compares, String value) {
        Map<Directive, Compare> byIf = new IdentityHashMap<>();
        for (Compare c : compares) {
            byIf.put(c.ifScope().block(), c);
        }
        for (Directive d : uses) {
            Compare c = byIf.get(d);
            if (c != null) {
                if (c.value().equals(value) && !c.op().equals("=")) {
                    return false; // a != with the same value would flip
                }
                continue;
            }
            List<String> cond = d.is("if") ? NginxVars.condition(d) : List.of();
            if (cond.size() == 1 && value.equals("0")) {
                continue; // if ($v): false for "" and for "0" alike
            }
            return false;
        }
        return true;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** A value as it can be written back into a config: quoted when it holds blanks, quotes or ; { }. */
    private static String quote(String v) {
        return v.matches("[^\\s\"';{}\\\\]+") ? v : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
