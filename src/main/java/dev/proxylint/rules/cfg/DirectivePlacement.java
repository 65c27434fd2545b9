package dev.proxylint.rules.cfg;

import dev.proxylint.nginx.model.NginxDirectives;
import dev.proxylint.nginx.model.NginxDirectives.Block;
import dev.proxylint.nginx.model.NginxDirectives.Ctx;
import dev.proxylint.nginx.model.NginxDirectives.Row;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Resolved;
import dev.proxylint.syntax.Tree;
import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;

/**
 * Every nginx directive of a resolved config with the contexts it may stand in and the rows of
 * {@link NginxDirectives} that exist in the target release: computed once per config (one walk,
 * an explicit stack, hash lookups) and shared by CFG120..CFG125.
 *
 * <p>A complete config (with an {@code http}, {@code events}, {@code stream} or {@code rtmp} block) starts in
 * {@code main}; a fragment's top level may stand in any context, so only what no context allows is
 * refused there. The contents of data blocks ({@code map}, {@code types}, {@code geo}, Lua code ...)
 * are not directives and are not visited; neither are the contents of a block nginx would refuse
 * (unknown, not allowed here, wrong shape): one finding, no cascade.
 */
final class DirectivePlacement {
    /**
     * One directive as nginx's {@code ngx_conf_handler} sees it.
     *
     * @param parent   the block directive it stands in, or null at the top level
     * @param contexts the contexts it may stand in (a bit set of {@link Ctx#bit()})
     * @param all      every row of the table with this name (any release)
     * @param existing the rows that exist in the target release (all when it is unknown)
     * @param allowed  of those, the rows allowed in one of {@code contexts}
     * @param args     the argument count nginx counts (a Lua block's code is not an argument)
     * @param accepting the allowed row that takes the directive's shape and argument count, or null
     *                  (found once here: a dozen rules ask for it)
     */
    record Entry(Directive directive, Directive parent, int contexts, Rows rows, int args, Row accepting) {
        Entry(Directive directive, Directive parent, int contexts, Rows rows, int args) {
            this(directive, parent, contexts, rows, args, accepting(rows.allowed, directive.hasBlock(), args));
        }

        List<Row> all() {
            return rows.all;
        }

        List<Row> existing() {
            return rows.existing;
        }

        List<Row> allowed() {
            return rows.allowed;
        }

        /** Which of nginx's areas the directive stands in: "stream", "mail" or "http" (main and events too). */
        String area() {
            if ((contexts & (Ctx.STREAM.bit() | Ctx.STREAM_SERVER.bit() | Ctx.STREAM_UPSTREAM.bit())) != 0) {
                return "stream";
            }
            return (contexts & (Ctx.MAIL.bit() | Ctx.MAIL_SERVER.bit())) != 0 ? "mail" : "http";
        }

        private static Row accepting(List<Row> allowed, boolean block, int args) {
            for (int i = 0, n = allowed.size(); i < n; i++) {
                Row r = allowed.get(i);
                if (r.isBlock() == block && r.takes(args)) {
                    return r;
                }
            }
            return null;
        }

        /** Whether every allowed row comes from a third-party module. */
        boolean thirdPartyOnly() {
            if (rows.allowed.isEmpty()) {
                return false;
            }
            for (int i = 0, n = rows.allowed.size(); i < n; i++) {
                if (!rows.allowed.get(i).thirdParty()) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The table rows of one name in one set of contexts: every row (any release), those that exist
     * in the target release, and of those the ones allowed in the contexts. The same for every
     * directive of that name in those contexts, so a config holds one per (name, contexts) pair
     * instead of two lists per directive.
     */
    record Rows(List<Row> all, List<Row> existing, List<Row> allowed) {
        static Rows of(List<Row> all, String version, int mask) {
            List<Row> existing = new ArrayList<>(all.size());
            List<Row> allowed = new ArrayList<>(all.size());
            for (Row row : all) {
                if (row.existsIn(version)) {
                    existing.add(row);
                    if (row.allowedIn(mask)) {
                        allowed.add(row);
                    }
                }
            }
            return new Rows(all, List.copyOf(existing), List.copyOf(allowed));
        }
    }

    private final List<Entry> entries;
    private final List<Directive> loadModules;
    private final String version;

    private DirectivePlacement(List<Entry> entries, List<Directive> loadModules, String version) {
        this.entries = entries;
        this.loadModules = loadModules;
        this.version = version;
    }

    List<Entry> entries() {
        return entries;
    }

    /** The config's {@code load_module} directives. */
    List<Directive> loadModules() {
        return loadModules;
    }

    /** The target nginx release, or null when unknown. */
    String version() {
        return version;
    }

    /** The shared instance for a rule context (built by the first rule that asks). */
    static DirectivePlacement of(RuleContext ctx) {
        String v = ctx.settings().nginxVersion();
        return ctx.facts().shared("DirectivePlacement@" + v, () -> build(ctx.config(), v));
    }

    static DirectivePlacement build(Resolved r, String version) {
        NginxDirectives table = NginxDirectives.builtin();
        List<Directive> top = Tree.effective(r.items());
        boolean complete = false;
        for (Directive d : top) {
            if (d.is("http") || d.is("events") || d.is("stream") || d.is("rtmp")) {
                complete = true;
            }
        }
        // nginx stops at a syntax error: what the reader recovered after one is not what nginx would check
        Set<SourceFile> broken = new HashSet<>();
        for (Problem pr : r.problems()) {
            if (pr.ruleId().startsWith("SYN")) {
                broken.add(pr.span().file());
            }
        }
        Map<RowsKey, Rows> shared = new HashMap<>();
        List<Entry> out = new ArrayList<>();
        List<Directive> loads = new ArrayList<>();
        List<List<Directive>> lists = new ArrayList<>();
        List<Directive> parents = new ArrayList<>();
        List<Integer> masks = new ArrayList<>();
        List<Integer> pos = new ArrayList<>();
        lists.add(top);
        parents.add(null);
        masks.add(complete ? Ctx.MAIN.bit() : NginxDirectives.ANY);
        pos.add(0);
        while (!lists.isEmpty()) {
            int t = lists.size() - 1;
            int i = pos.get(t);
            if (i >= lists.get(t).size()) {
                lists.remove(t);
                parents.remove(t);
                masks.remove(t);
                pos.remove(t);
                continue;
            }
            pos.set(t, i + 1);
            Directive d = lists.get(t).get(i);
            int mask = masks.get(t);
            if (d.is("load_module")) {
                loads.add(d);
            }
            Rows rows = shared.computeIfAbsent(new RowsKey(d.name(), mask),
                    k -> Rows.of(table.rows(k.name()), version, k.mask()));
            int n = d.argCount();
            if (d.hasBlock() && d.name().endsWith("lua_block") && n > 0) {
                n--; // the reader keeps the Lua code as the last argument
            }
            Entry e = new Entry(d, parents.get(t), mask, rows, n);
            if (!broken.contains(d.file())) {
                out.add(e);
            }
            if (!d.hasBlock()) {
                continue;
            }
            Row accepting = e.accepting();
            if (accepting == null || accepting.block() != Block.DIRECTIVES) {
                continue; // refused (no cascade), or data / Lua code
            }
            lists.add(Tree.effective(d.children()));
            parents.add(d);
            masks.add(childContexts(d.name(), mask));
            pos.add(0);
        }
        return new DirectivePlacement(List.copyOf(out), List.copyOf(loads), version);
    }

    private record RowsKey(String name, int mask) {
    }

    /** The contexts a block opens, from its name and the contexts it stands in. */
    static int childContexts(String name, int parent) {
        int out = 0;
        switch (name) {
            case "http" -> out = Ctx.HTTP.bit();
            case "events" -> out = Ctx.EVENTS.bit();
            case "stream" -> out = Ctx.STREAM.bit();
            case "mail" -> out = Ctx.MAIL.bit();
            case "rtmp" -> out = Ctx.RTMP.bit();
            case "application" -> out = (parent & Ctx.RTMP_SERVER.bit()) != 0 ? Ctx.RTMP_APPLICATION.bit() : 0;
            case "recorder" -> out = (parent & Ctx.RTMP_APPLICATION.bit()) != 0 ? Ctx.RTMP_RECORDER.bit() : 0;
            case "location" -> out = Ctx.LOCATION.bit();
            case "limit_except" -> out = Ctx.LIMIT_EXCEPT.bit();
            case "server" -> {
                out |= (parent & Ctx.HTTP.bit()) != 0 ? Ctx.SERVER.bit() : 0;
                out |= (parent & Ctx.STREAM.bit()) != 0 ? Ctx.STREAM_SERVER.bit() : 0;
                out |= (parent & Ctx.MAIL.bit()) != 0 ? Ctx.MAIL_SERVER.bit() : 0;
                out |= (parent & Ctx.RTMP.bit()) != 0 ? Ctx.RTMP_SERVER.bit() : 0;
            }
            case "upstream" -> {
                out |= (parent & Ctx.HTTP.bit()) != 0 ? Ctx.UPSTREAM.bit() : 0;
                out |= (parent & Ctx.STREAM.bit()) != 0 ? Ctx.STREAM_UPSTREAM.bit() : 0;
            }
            case "if" -> {
                out |= (parent & Ctx.SERVER.bit()) != 0 ? Ctx.SIF.bit() : 0;
                out |= (parent & Ctx.LOCATION.bit()) != 0 ? Ctx.LIF.bit() : 0;
            }
            default -> out = NginxDirectives.ANY; // a module's own block: we do not know its context
        }
        return out == 0 ? NginxDirectives.ANY : out;
    }

    /** The one context a directive stands in when it is known, for messages ("in location"), else null. */
    static String contextLabel(int mask) {
        if (Integer.bitCount(mask) != 1) {
            return null;
        }
        return Ctx.values()[Integer.numberOfTrailingZeros(mask)].label();
    }
}
