package dev.proxylint.rules.cfg;

import dev.proxylint.nginx.model.NginxDirectives;
import dev.proxylint.nginx.model.NginxDirectives.Row;
import dev.proxylint.tls.Versions;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CFG120 unknown-directive: a directive no nginx module has (nginx: {@code unknown directive "x"}),
 * or one the target release ({@code --nginx-version}) does not have yet or any more. Names listed
 * in the rule option {@code CFG120: {directives: [...]}} (modules proxylint does not know) are accepted.
 */
public final class NginxUnknownDirectiveRule extends BaseRule {
    static final String ID = "CFG120";

    public NginxUnknownDirectiveRule() {
        super(Dialect.NGINX, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        DirectivePlacement p = DirectivePlacement.of(ctx);
        Set<String> extra = new HashSet<>();
        if (ctx.settings().option(ID, "directives", List.of()) instanceof List<?> l) {
            for (Object o : l) {
                extra.add(String.valueOf(o));
            }
        }
        // a load_module of a module proxylint does not know may provide any name: a warning then
        List<Directive> strangers = NginxThirdPartyDirectiveRule.unrecognised(p.loadModules());
        Level level = ctx.defaultLevel(ID);
        String also = "";
        if (!strangers.isEmpty()) {
            if (level == Level.ERROR) {
                level = Level.WARNING;
            }
            String so = NginxThirdPartyDirectiveRule.soBase(strangers.get(0).arg(0));
            also = " The config loads a module proxylint does not know (" + so + (strangers.size() > 1 ? " and "
                    + (strangers.size() - 1) + " more" : "") + ", loaded at " + strangers.get(0).span().location() + "); if it provides the directive, list the name in "
                    + "the CFG120 option 'directives'. A warning, not an error, for that reason.";
        }
        for (DirectivePlacement.Entry e : p.entries()) {
            Directive d = e.directive();
            if (extra.contains(d.name())) {
                continue;
            }
            if (p.version() == null && !e.all().isEmpty()) {
                String since = NEWER.get(d.name()); // no lambda per directive
                if (since == null) {
                    String v = newerThanBaseline(e.all());
                    since = v == null ? "" : v;
                    NEWER.putIfAbsent(d.name(), since);
                }
                since = since.isEmpty() ? null : since;
                if (since != null) {
                    ctx.report(new Finding(ID, Level.WARNING, "\"" + d.name() + "\" exists from nginx " + since + " on: "
                            + "older releases, such as Debian 12's " + NginxDirectives.BASELINE + ", refuse to start "
                            + "(unknown directive \"" + d.name() + "\"). Set nginx-version to the release you run: "
                            + "an error if it is older, nothing if it is newer.", d.nameSpan()));
                    continue;
                }
            }
            if (!e.existing().isEmpty()) {
                continue;
            }
            String name = d.name();
            if (e.all().isEmpty()) {
                String near = nearest(name, p.version());
                String text = strangers.isEmpty()
                        ? "Unknown directive \"" + name + "\": nginx refuses to start. "
                                + (near != null ? "Did you mean \"" + near + "\"? " : "") + "No module proxylint knows"
                                + " (nginx and common third-party modules) has it; if a module of yours does, list it in"
                                + " the CFG120 option 'directives'."
                        : near != null
                        ? "Unknown directive \"" + name + "\": nginx refuses to start. Did you mean \"" + near + "\"? "
                                + "No module proxylint knows has it, and the name is one typo away from a known one."
                                + " The config also loads a module proxylint does not know, which could provide it; if"
                                + " it does, list the name in the CFG120 option 'directives'."
                        : "Unknown directive \"" + name + "\": nginx refuses to start unless a loaded module has it. "
                                + "No module proxylint knows has it." + also;
                // a name one typo away from a known directive stays an error: a module rarely names one so
                ctx.report(new Finding(ID, near != null ? ctx.defaultLevel(ID) : level, text, d.nameSpan()));
            } else {
                ctx.report(ID, d.nameSpan(), "Unknown directive \"" + name + "\" in nginx " + p.version() + ": "
                        + lifetime(e.all()) + ". That release refuses to start (unknown directive \"" + name + "\").");
            }
        }
    }

    /**
     * The first release of a directive when every row of it is nginx's own and came after the
     * baseline release, or null (a third-party module's rows have no nginx release).
     */
    /** newerThanBaseline per directive name ("" for none): the table is fixed, so once per name. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> NEWER =
            new java.util.concurrent.ConcurrentHashMap<>();

    static String newerThanBaseline(List<Row> rows) {
        String first = null;
        for (Row r : rows) {
            if (r.thirdParty() || r.since().isEmpty() || !Versions.atLeast(r.since(), NginxDirectives.BASELINE)
                    || r.since().equals(NginxDirectives.BASELINE)) {
                return null;
            }
            if (first == null || Versions.compare(r.since(), first) < 0) {
                first = r.since();
            }
        }
        return first;
    }

    /**
     * The known directive closest to a misspelt name (at most two edits, one for short names), or
     * null. Only computed for unknown names: its cost is the table's size, not the config's.
     */
    static String nearest(String name, String version) {
        int limit = name.length() <= 5 ? 1 : 2;
        String best = null;
        int bestDistance = limit + 1;
        dev.proxylint.nginx.model.NginxDirectives t = dev.proxylint.nginx.model.NginxDirectives.builtin();
        for (String candidate : new java.util.TreeSet<>(t.names())) {
            if (Math.abs(candidate.length() - name.length()) > limit
                    || t.rows(candidate).stream().noneMatch(r -> r.existsIn(version))) {
                continue;
            }
            int dist = distance(name, candidate, bestDistance);
            if (dist < bestDistance) {
                bestDistance = dist;
                best = candidate;
            }
        }
        return best;
    }

    /** Levenshtein distance, or more than {@code max} once it is sure to exceed it. */
    static int distance(String a, String b, int max) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[b.length()];
    }

    /** "it was added in 1.25.1" / "it was removed in 1.25.1" for the rows of one name. */
    static String lifetime(List<Row> rows) {
        String since = null;
        String until = null;
        for (Row r : rows) {
            if (r.thirdParty()) {
                continue;
            }
            if (since == null || dev.proxylint.tls.Versions.compare(r.since(), since) < 0) {
                since = r.since();
            }
            if (until != null && r.until().isEmpty()) {
                until = "";
            } else if (until == null || (!until.isEmpty() && dev.proxylint.tls.Versions.compare(r.until(), until) > 0)) {
                until = r.until();
            }
        }
        if (until != null && !until.isEmpty()) {
            return "nginx had it from " + since + " until " + until + " (removed in " + until + ")";
        }
        return "it was added in nginx " + since;
    }
}
