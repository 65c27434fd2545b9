package dev.proxylint.apache.model;

import static dev.proxylint.apache.model.DirectiveTable.ACCESS_CONF;
import static dev.proxylint.apache.model.DirectiveTable.EXEC_ON_READ;
import static dev.proxylint.apache.model.DirectiveTable.NOT_IN_DIRECTORY;
import static dev.proxylint.apache.model.DirectiveTable.NOT_IN_DIR_CONTEXT;
import static dev.proxylint.apache.model.DirectiveTable.NOT_IN_DIR_LOC_FILE;
import static dev.proxylint.apache.model.DirectiveTable.NOT_IN_FILES;
import static dev.proxylint.apache.model.DirectiveTable.NOT_IN_HTACCESS;
import static dev.proxylint.apache.model.DirectiveTable.NOT_IN_LOCATION;
import static dev.proxylint.apache.model.DirectiveTable.NOT_IN_PROXY;
import static dev.proxylint.apache.model.DirectiveTable.NOT_IN_VIRTUALHOST;
import static dev.proxylint.apache.model.DirectiveTable.OR_ALL;
import static dev.proxylint.apache.model.DirectiveTable.OR_AUTHCFG;
import static dev.proxylint.apache.model.DirectiveTable.OR_LIMIT;
import static dev.proxylint.apache.model.DirectiveTable.PROXY_CONF;
import static dev.proxylint.apache.model.DirectiveTable.RSRC_CONF;

import dev.proxylint.apache.model.DirectiveTable.Entry;
import dev.proxylint.syntax.Cond;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.Resolved;
import dev.proxylint.syntax.Tree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every directive httpd reads, looked up in {@link DirectiveTable} with the context httpd reads it
 * in: which modules are loaded at that point (LoadModule lines read so far, the modules compiled into
 * Debian's apache2, {@code <IfModule>} sections around it), and the override mask and section
 * nesting that httpd's {@code invoke_cmd} and {@code ap_check_cmd_context} test. Built once per
 * config in one walk (read order, explicit stack); the CFG130–CFG134 rules only read the result.
 *
 * <p>A config that loads an MPM with LoadModule is a full config: a directive whose module is not
 * loaded is unknown to httpd. Any other file (a {@code sites-available} snippet, also one with a
 * LoadModule line of its own) is read as if any module of httpd's tree may be loaded, except inside
 * {@code <IfModule !x>}.
 */
public final class DirectiveChecks {
    /** Modules compiled into Debian's apache2 ({@code apache2 -l}); see ApacheResolver. */
    static final Set<String> BUILTIN = Set.of("core_module", "so_module", "watchdog_module", "http_module",
            "log_config_module", "logio_module", "version_module", "unixd_module");

    /** What httpd makes of a directive's name at the point where it reads it. */
    public enum Known {
        /** its module is loaded, or may be (a snippet) */
        YES,
        /** in no table and no third-party prefix */
        NO_SUCH_NAME,
        /** a bundled or known third-party module's directive, and the full config does not load it */
        NOT_LOADED,
        /** inside {@code <IfModule !x>} of its own module: the section is read only without it */
        EXCLUDED,
        /** the directive appeared after the target Apache version */
        TOO_NEW,
        /** a third-party directive whose module loading cannot be seen (a snippet) */
        THIRD_PARTY_UNSEEN,
        /** no table has it, but the config loads a module proxylint does not know */
        FOREIGN_MODULE
    }

    /**
     * One directive as httpd reads it.
     *
     * @param directive  the directive
     * @param entry      its table entry, or null
     * @param known      the verdict on its name
     * @param module     for NOT_LOADED / EXCLUDED / third-party: the module it needs; for FOREIGN_MODULE the
     *                   unknown module loaded
     * @param context    httpd's context error (CFG131), or null
     * @param argError   httpd's argument-count error (CFG132), or null
     * @param flagError  for FLAG directives, httpd's "must be On or Off" (CFG133), or null
     * @param section    the innermost enclosing section (not a conditional), or null
     */
    public record Use(Directive directive, Entry entry, Known known, String module, String context, String argError,
            String flagError, Directive section) {
    }

    /** Where a directive is read: what {@code cmd_parms} holds in httpd at that point. */
    private record State(int override, boolean virtual, boolean limited, boolean path, boolean htaccess,
            Sections sections, Assume assume) {
    }

    /** Enclosing real sections, innermost first (what httpd's find_parent walks). */
    private record Sections(Directive d, String lower, Sections parent) {
        Directive find(String... names) {
            for (Sections s = this; s != null; s = s.parent) {
                for (String n : names) {
                    if (s.lower.equals(n)) {
                        return s.d;
                    }
                }
            }
            return null;
        }
    }

    /** Modules an enclosing {@code <IfModule>} says are (or are not) loaded. */
    private record Assume(String module, boolean loaded, Directive by, Assume parent) {
        Assume find(String m) {
            for (Assume a = this; a != null; a = a.parent) {
                if (a.module.equals(m)) {
                    return a;
                }
            }
            return null;
        }
    }

    /** A value httpd's handler for the directive refuses (CFG136), with httpd's message. */
    public record ValueError(Directive directive, String message) {
    }

    private final List<Use> uses = new ArrayList<>();
    private final List<ValueError> valueErrors = new ArrayList<>();
    /** host and port of each Listen read so far (a full config) */
    private final Set<String> listeners = new HashSet<>();
    private final Set<String> proxyWorkers = new HashSet<>();
    private final boolean fullConfig;
    private final boolean htaccess;
    private final Integer targetPatch;
    private final DirectiveTable table = DirectiveTable.get();
    private final Set<String> loaded = new HashSet<>(BUILTIN);
    /**
     * Methods the config has registered so far, in reading order, as ap_method_register does while
     * httpd reads it: a method of {@code <Limit>}/{@code <LimitExcept>} that httpd does not know,
     * {@code RegisterHttpMethod}, mod_actions' {@code Script}; never from .htaccess. (mod_dav's BIND
     * and SEARCH are registered after the config is read: a Require line cannot name them.)
     */
    private final Set<String> methods = new HashSet<>();
    /** RedirectMatch lines in a section with a path whose target mod_alias reads as an expression. */
    private final Set<Directive> redirectExpressions = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final Set<String> loadedAtEnd = new HashSet<>(BUILTIN);
    private final Map<String, String> bySource;
    private String foreignModule;
    private boolean mpmLoaded;

    private DirectiveChecks(boolean fullConfig, boolean htaccess, Integer targetPatch) {
        this.fullConfig = fullConfig;
        this.htaccess = htaccess;
        this.targetPatch = targetPatch;
        this.bySource = table.sourceToModule();
    }

    /**
     * The directives of a resolved config with their verdicts.
     *
     * @param apacheVersion target version ({@code 2.4.41}) for TOO_NEW, or null
     */
    public static DirectiveChecks build(Resolved r, String apacheVersion) {
        // httpd runs LoadModule (EXEC_ON_READ) while it reads the files, and most other directives
        // only after everything is read: a directive may come before the LoadModule of its module
        // (checked with apache2 -t 2.4.71). <IfModule> and other EXEC_ON_READ directives see only
        // the modules loaded so far.
        Set<String> all = new HashSet<>();
        Set<String> definedProviders = new HashSet<>();
        Tree.walk(r.items(), d -> {
            if (d.is("LoadModule") && d.argCount() >= 1) {
                all.add(d.arg(0));
            }
            ApacheAuthProviders.collectDefined(d, definedProviders);
        });
        boolean ht = isHtaccess(r.root().source());
        // A main config loads an MPM (httpd does not start without one); a site file may well load
        // one module of its own (LoadModule wsgi_module ...) and still rely on the main config for
        // the rest, so only a config that loads an MPM is taken as complete.
        boolean mpm = all.stream().anyMatch(m -> m.startsWith("mpm_"));
        DirectiveChecks c = new DirectiveChecks(mpm, ht, patchOf(apacheVersion));
        c.loadedAtEnd.addAll(all);
        c.mpmLoaded = mpm;
        c.providers(all, definedProviders);
        c.logLetters(all);
        c.walk(r.items());
        return c;
    }

    /** The letters LogFormat and CustomLog formats may use; null when they cannot be known. */
    private Set<String> logLetters;

    /**
     * A full config: the letters of mod_log_config and of the bundled modules it loads (registered
     * before any format is read, so a LoadModule anywhere counts); none judged when it loads a module
     * proxylint does not know, which may register letters. A snippet: any bundled module's.
     */
    private void logLetters(Set<String> loads) {
        if (!fullConfig) {
            logLetters = ApacheValueChecks.logLetters(true, true);
        } else if (loads.stream().allMatch(m -> table.bundled(m) || table.knownThirdParty(m))) {
            logLetters = ApacheValueChecks.logLetters(loadedAtEnd.contains("logio_module"),
                    loadedAtEnd.contains("ssl_module"));
        }
    }

    /** The authz and authn names Require and Auth*Provider may use; null when they cannot be known. */
    private Set<String> authzNames;
    private Set<String> authnNames;

    /**
     * A full config: the providers of the modules it loads (httpd looks them up after reading every
     * file, so a LoadModule anywhere counts), none known when it loads a module proxylint does not
     * know. A snippet: any provider of a known module, or of a widely used one elsewhere.
     */
    private void providers(Set<String> loads, Set<String> defined) {
        if (fullConfig) {
            if (loads.stream().anyMatch(m -> !table.bundled(m) && !table.knownThirdParty(m))) {
                return;
            }
            authzNames = ApacheAuthProviders.of(ApacheAuthProviders.AUTHZ, loadedAtEnd);
            authnNames = ApacheAuthProviders.of(ApacheAuthProviders.AUTHN, loadedAtEnd);
        } else {
            authzNames = ApacheAuthProviders.all(ApacheAuthProviders.AUTHZ);
            authzNames.addAll(ApacheAuthProviders.ELSEWHERE);
            authnNames = ApacheAuthProviders.all(ApacheAuthProviders.AUTHN);
        }
        authzNames.addAll(defined);
        authnNames.addAll(defined);
    }

    /** What httpd's authz core prints for the section a Require or authz section is added to; null for an and. */
    private static String orSection(State s) {
        Directive in = s.sections == null ? null : s.sections.find("<requireall", "<requireany", "<requirenone");
        if (in == null || in.name().equalsIgnoreCase("RequireAny")) {
            return "<RequireAny>";
        }
        return in.name().equalsIgnoreCase("RequireNone") ? "<RequireNone>" : null;
    }

    /** Whether an authz section holds a Require or another authz section, in any branch of its conditionals. */
    private static boolean holdsAuthz(List<Node> items) {
        for (Node n : items) {
            if (n instanceof Directive d) {
                if (d.is("Require") || d.hasBlock() && d.name().regionMatches(true, 0, "Require", 0, 7)) {
                    return true;
                }
                if (d.hasBlock() && holdsAuthz(d.children()) || d.expansion() != null && holdsAuthz(d.expansion())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** mod_authz_core's add_authz_section after it read the body: an empty section, a negated one under an or. */
    private static String authzSectionError(Directive d, State s) {
        String l = d.name().toLowerCase(Locale.ROOT);
        String shown = switch (l) {
            case "requireall" -> "<RequireAll>";
            case "requireany" -> "<RequireAny>";
            case "requirenone" -> "<RequireNone>";
            default -> null;
        };
        if (shown == null) {
            return null;
        }
        if (!holdsAuthz(d.children())) {
            return shown + " directive contains no authorization directives";
        }
        String parent = orSection(s);
        return l.equals("requirenone") && parent != null ? shown + " directive has no effect in " + parent + " directive"
                : null;
    }

    static Integer patchOf(String v) {
        if (v == null || !v.startsWith("2.4.")) {
            return null;
        }
        try {
            return Integer.parseInt(v.substring(4).replaceAll("[^0-9].*$", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The directives with something to report (an unknown name, a wrong context, argument or flag), in order. */
    public List<Use> uses() {
        return uses;
    }

    /** The directives whose value httpd refuses, in order. */
    public List<ValueError> valueErrors() {
        return valueErrors;
    }

    /**
     * The RedirectMatch directives that stand in a section with a path and give a status and one
     * target: mod_alias reads that target as a string expression and compiles no regex.
     */
    public Set<Directive> redirectExpressions() {
        return redirectExpressions;
    }

    /** Whether the config loads its modules itself (loads an MPM with LoadModule). */
    public boolean fullConfig() {
        return fullConfig;
    }

    /** Whether a file is read as .htaccess (directory context, AllowOverride classes): by its name. */
    public static boolean isHtaccess(dev.proxylint.source.SourceFile f) {
        Path p = f.path();
        String fn = p != null && p.getFileName() != null ? p.getFileName().toString() : f.name();
        return fn.equals(".htaccess") || fn.endsWith(".htaccess");
    }

    public boolean htaccess() {
        return htaccess;
    }

    private record Frame(List<Node> items, int[] pos, State state) {
    }

    private void walk(List<Node> items) {
        State top = htaccess
                // a .htaccess file: directory context, with AllowOverride All assumed (None would not read it)
                ? new State(OR_ALL, false, false, true, true, null, null)
                : new State((RSRC_CONF | OR_ALL) & ~(OR_AUTHCFG | OR_LIMIT), false, false, false, false, null, null);
        ArrayList<Frame> stack = new ArrayList<>();
        stack.add(new Frame(items, new int[1], top));
        while (!stack.isEmpty()) {
            Frame f = stack.get(stack.size() - 1);
            if (f.pos[0] >= f.items.size() || stack.size() > 400) {
                stack.remove(stack.size() - 1);
                continue;
            }
            Node n = f.items.get(f.pos[0]++);
            if (!(n instanceof Directive d)) {
                continue;
            }
            State s = f.state;
            if (d.cond() != null) {
                Use u = check(d, s);
                State inner = conditional(d, s);
                if (inner != null && d.expansion() != null && u.known() == Known.YES) {
                    stack.add(new Frame(d.expansion(), new int[1], inner));
                }
                continue;
            }
            Use u = check(d, s);
            if (s.path && d.is("RedirectMatch") && ApacheValueChecks.redirectIsExpression(d.values())) {
                redirectExpressions.add(d);
            }
            if (u.known() == Known.YES && u.context() == null && !s.htaccess) {
                if ((d.is("Limit") || d.is("LimitExcept")) && d.hasBlock()) {
                    methods.addAll(d.values());
                } else if ((d.is("RegisterHttpMethod") && d.argCount() == 1) || (d.is("Script") && d.argCount() == 2)) {
                    methods.add(d.arg(0));
                }
            }
            if (d.is("LoadModule") && d.argCount() >= 1) {
                String m = d.arg(0);
                loaded.add(m);
                if (!table.bundled(m) && !table.knownThirdParty(m) && foreignModule == null) {
                    foreignModule = m;
                }
            }
            if (d.expansion() != null) { // Include, Use: their content is read in place
                stack.add(new Frame(d.expansion(), new int[1], s));
                continue;
            }
            // httpd stops at a section it refuses: its body is not checked (no cascade of findings)
            if (d.hasBlock() && u.context() == null
                    && (u.known() == Known.YES || u.known() == Known.THIRD_PARTY_UNSEEN)) {
                stack.add(new Frame(d.children(), new int[1], enter(d, s)));
            }
        }
    }

    /** The state inside a conditional section, or null when httpd skips it. */
    private State conditional(Directive d, State s) {
        if (d.cond() == Cond.FALSE) {
            return null;
        }
        if (!d.is("IfModule") || d.argCount() < 1) {
            return s;
        }
        String a = d.arg(0);
        boolean neg = a.startsWith("!");
        String m = moduleId(neg ? a.substring(1) : a);
        if (d.cond() == Cond.UNKNOWN && fullConfig) {
            // a full config: httpd knows at this point whether the module is loaded
            boolean now = loaded.contains(m) || assumed(s, m) == Boolean.TRUE;
            if (now == neg) {
                return null;
            }
        }
        // inside a section that is read, the module is loaded exactly when the test is not negated
        return new State(s.override, s.virtual, s.limited, s.path, s.htaccess, s.sections,
                new Assume(m, !neg, d, s.assume));
    }

    private static Boolean assumed(State s, String m) {
        Assume a = s.assume == null ? null : s.assume.find(m);
        return a == null ? null : a.loaded;
    }

    /** {@code mod_rewrite.c} or {@code rewrite_module} as a module identifier. */
    String moduleId(String name) {
        String l = name.toLowerCase(Locale.ROOT);
        if (l.endsWith(".c")) {
            String id = bySource.get(l);
            if (id != null) {
                return id;
            }
            if (l.startsWith("mod_")) {
                return l.substring(4, l.length() - 2) + "_module";
            }
        }
        return name;
    }

    /** The state inside a section (httpd's section handlers: what they set before reading the body). */
    private static State enter(Directive d, State s) {
        String l = d.name().toLowerCase(Locale.ROOT);
        Sections sec = new Sections(d, "<" + l, s.sections);
        int ov = s.override;
        boolean virtual = s.virtual;
        boolean limited = s.limited;
        boolean path = s.path;
        switch (l) {
            case "virtualhost" -> virtual = true;
            case "directory", "directorymatch", "location", "locationmatch" -> {
                ov = OR_ALL | ACCESS_CONF;
                path = true;
            }
            case "files", "filesmatch", "if", "elseif", "else" -> {
                if (!s.path) {
                    ov = OR_ALL | ACCESS_CONF;
                }
                path = true;
            }
            case "proxy", "proxymatch" -> {
                ov = OR_ALL | ACCESS_CONF | PROXY_CONF;
                path = true;
            }
            case "limit", "limitexcept" -> limited = true;
            case "requireall", "requireany", "requirenone", "requirenotall" -> ov = OR_AUTHCFG;
            case "authnprovideralias", "authzprovideralias" -> ov = OR_AUTHCFG | ACCESS_CONF;
            default -> {
            }
        }
        return new State(ov, virtual, limited, path, s.htaccess, sec, s.assume);
    }

    // table keys by directive name as written (names are shared strings; a config repeats a few hundred)
    private final java.util.Map<String, String> keys = new java.util.HashMap<>();
    private final java.util.Map<String, String> sectionKeys = new java.util.HashMap<>();

    private Use check(Directive d, State s) {
        String key = (d.hasBlock() ? sectionKeys : keys).computeIfAbsent(d.name(),
                n -> (d.hasBlock() ? "<" : "") + n.toLowerCase(Locale.ROOT));
        Entry e = table.find(key);
        Directive section = s.sections == null ? null : s.sections.d;
        Use u;
        if (e == null) {
            DirectiveTable.Prefix p = table.prefix(d.name());
            if (p != null) {
                u = thirdParty(d, s, null, p.modules(), p.moduleName(), section);
            } else if (fullConfig && foreignModule != null) {
                u = new Use(d, null, Known.FOREIGN_MODULE, foreignModule, null, null, null, section);
            } else {
                u = new Use(d, null, Known.NO_SUCH_NAME, null, null, null, null, section);
            }
        } else if (e.thirdParty()) {
            u = thirdParty(d, s, e, e.modules(), e.source().replaceAll("\\.c$", ""), section);
        } else {
            Known k = Known.YES;
            String module = e.modules().get(0);
            boolean any = false;
            boolean excluded = false;
            Set<String> have = (e.override() & EXEC_ON_READ) != 0 ? loaded : loadedAtEnd;
            for (String m : e.modules()) {
                Boolean a = assumed(s, m);
                if (have.contains(m) || a == Boolean.TRUE) {
                    any = true;
                } else if (a == Boolean.FALSE) {
                    excluded = true;
                    module = m;
                }
            }
            boolean mpmOnly = e.modules().stream().allMatch(m -> m.startsWith("mpm_"));
            if (!any && excluded) {
                k = Known.EXCLUDED;
            } else if (!any && fullConfig && !(mpmOnly && !mpmLoaded)) {
                // (a full config without any MPM: httpd stops with "No MPM loaded" before it runs
                // Listen or MaxRequestWorkers, so those are not the error to report)
                k = Known.NOT_LOADED;
            } else if (targetPatch != null && e.since() > targetPatch) {
                k = Known.TOO_NEW;
            }
            u = new Use(d, e, k, module, k == Known.YES ? context(e, s) : null,
                    k == Known.YES && !d.hasBlock() ? argError(e, d) : null,
                    k == Known.YES && e.args() == DirectiveTable.Args.FLAG ? flagError(e, d) : null, section);
        }
        if (u.known() == Known.YES && u.context() == null && u.argError() == null && u.flagError() == null
                && !d.hasBlock()) {
            boolean inLocation = s.sections != null && s.sections.find("<location", "<locationmatch") != null;
            String err;
            if (d.is("Require")) {
                // the provider reads its line first; the section's "negative Require" check comes after
                err = requireExpr(d);
                if (err == null) {
                    err = ApacheAuthProviders.require(d.values(), authzNames, orSection(s), methods);
                }
            } else if (d.is("SSLRequire")) {
                err = sslRequire(d);
            } else if (d.is("ProxyHCExpr")) {
                err = hcExpr(d);
            } else if (d.is("AuthBasicProvider") || d.is("AuthDigestProvider") || d.is("AuthFormProvider")) {
                err = ApacheAuthProviders.authn(d.name(), d.values(), authnNames);
            } else {
                err = ApacheValueChecks.check(d, inLocation, s.path, proxyWorkers, logLetters);
            }
            if (err != null) {
                valueErrors.add(new ValueError(d, err));
            }
        }
        if (u.known() == Known.YES && u.context() == null && d.hasBlock()) {
            String err = sectionArgumentError(d, e);
            if (err == null) {
                err = authzSectionError(d, s);
            }
            if (err != null) {
                valueErrors.add(new ValueError(d, err));
            }
        } else if (u.known() == Known.YES && u.context() == null && u.argError() == null && fullConfig
                && d.name().equalsIgnoreCase("Listen") && d.argCount() >= 1) {
            // alloc_listener: a second Listen on the same address and port (a full config only: in a
            // snippet both branches of an <IfModule> may be read)
            if (!listeners.add(ApacheValueChecks.listenKey(d.arg(0)))) {
                valueErrors.add(new ValueError(d, "Cannot define multiple Listeners on the same IP:port"));
            }
        } else if (u.known() == Known.YES && u.context() == null && !s.virtual && fullConfig
                && d.name().equalsIgnoreCase("ServerAlias")) {
            // core's set_server_alias: only a virtual host has a list of names (a snippet's top level
            // may be read inside one: only a full config is judged)
            valueErrors.add(new ValueError(d, "ServerAlias only used in <VirtualHost>"));
        }
        if (u.known() == Known.YES && u.context() == null && u.argError() == null && u.flagError() == null
                && fullConfig && foreignModule == null) {
            String err = lbmethodError(d, s);
            if (err != null) {
                valueErrors.add(new ValueError(d, err));
            }
        }
        if (u.known() != Known.YES || u.context() != null || u.argError() != null || u.flagError() != null) {
            uses.add(u); // only what a rule reports: half a million fine directives need no record kept
        }
        return u;
    }

    /**
     * mod_authz_core's expr provider: {@code Require [not] expr} reads the rest of the line as it is
     * written (quotes and backslashes included), without the quotes around the whole of it.
     */
    private static String requireExpr(Directive d) {
        int i = d.argCount() > 0 && d.arg(0).equalsIgnoreCase("not") ? 1 : 0;
        if (d.argCount() < i + 2 || !d.arg(i).equals("expr")) {
            return null;
        }
        String line = rawFrom(d, i + 1);
        if (line == null) {
            return null;
        }
        if (line.length() >= 2 && line.charAt(0) == '"' && line.charAt(line.length() - 1) == '"') {
            line = line.substring(1, line.length() - 1);
        }
        String err = ApacheExpr.condition(line);
        return err == null ? null : "Cannot parse expression in require line: " + err;
    }

    /** mod_ssl's SSLRequire: the whole of its (raw) argument text is one expression. */
    private static String sslRequire(Directive d) {
        String line = d.argCount() > 0 ? rawFrom(d, 0) : null;
        String err = line == null ? null : ApacheExpr.condition(line);
        return err == null ? null : "SSLRequire: " + err;
    }

    /**
     * mod_proxy_hcheck's ProxyHCExpr: a name, then the expression as ap_getword_conf2 reads it, in
     * quotes or in braces that may nest ({@code {%{REQUEST_STATUS} =~ /^[234]/}}).
     */
    private static String hcExpr(Directive d) {
        if (d.argCount() < 2) {
            return null; // a missing name or expression is the argument count's matter
        }
        String expr;
        if (d.argument(1).quoted()) {
            expr = d.arg(1);
        } else {
            String line = rawFrom(d, 1);
            if (line == null) {
                return null;
            }
            int end;
            if (line.charAt(0) == '{') {
                int depth = 1;
                end = 1;
                while (end < line.length()) {
                    char c = line.charAt(end);
                    if (c == '}' && --depth == 0) {
                        break;
                    }
                    if (c == '{') {
                        depth++;
                    }
                    if (c == '\\' && end + 1 < line.length() && line.charAt(end + 1) == '\\') {
                        end++;
                    }
                    end++;
                }
                expr = line.substring(1, end);
            } else {
                end = 0;
                while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
                    end++;
                }
                expr = line.substring(0, end);
            }
            expr = expr.replace("\\\\", "\\"); // substring_conf without a quote: \\ is \
        }
        if (expr.isEmpty()) {
            return "Missing expression for ProxyHCExpr";
        }
        String err = ApacheExpr.condition(expr);
        return err == null ? null : "Could not parse expression \"" + expr + "\": " + err;
    }

    /**
     * The text of a directive from its argument i to its end as written, or null when it is not
     * on one line of its file (continued lines, which httpd joins, are not judged).
     */
    private static String rawFrom(Directive d, int i) {
        String line = ApacheValueChecks.argumentText(d, i);
        return line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0 ? null : line;
    }

    /** Sections whose handler needs an argument (core's missing_container_arg, mod_auth*'s alike). */
    private static final Set<String> SECTIONS_WITH_ARGUMENT = Set.of("<limit", "<limitexcept", "<directory",
            "<directorymatch", "<location", "<locationmatch", "<files", "<filesmatch", "<if", "<elseif",
            "<virtualhost", "<ifmodule", "<ifdefine", "<iffile", "<ifdirective", "<ifsection",
            "<authnprovideralias", "<authzprovideralias");

    /**
     * A section httpd refuses for its arguments alone: {@code <VirtualHost>} or {@code <Directory>}
     * without one ({@code <VirtualHost> directive requires additional arguments}), {@code <Else>}
     * with one. The name is the table's, as httpd prints it.
     */
    private static String sectionArgumentError(Directive d, Entry e) {
        String key = "<" + d.name().toLowerCase(Locale.ROOT);
        String name = e != null && e.name().startsWith("<") ? e.name() : "<" + d.name();
        if (name.endsWith(">")) {
            name = name.substring(0, name.length() - 1);
        }
        if (key.equals("<else")) {
            return d.argCount() > 0 ? "<Else> does not take an argument" : null;
        }
        // most handlers test the raw text (<VirtualHost ""> has some); the conditional sections test
        // their first word, which "" leaves empty
        boolean none = d.argCount() == 0 || key.startsWith("<if") && !key.equals("<if") && d.arg(0).isEmpty();
        if (!none && (key.equals("<if") || key.equals("<elseif"))) {
            // core's ifsection: the first word is the condition, and (httpd 2.4.71) nothing may follow
            String err = ApacheExpr.condition(d.arg(0));
            if (err != null) {
                return "Cannot parse condition clause: " + err;
            }
            return d.argCount() > 1 ? "Multiple " + name + "> arguments not supported." : null;
        }
        if (!none && key.equals("<virtualhost")) {
            // core's virtualhost_section: ap_parse_vhost_addrs reads each word (vhost.c get_addresses)
            for (int i = 0; i < d.argCount(); i++) {
                String err = ApacheValueChecks.virtualHostAddress(d.arg(i));
                if (err != null) {
                    return err;
                }
            }
        }
        if (!none) {
            return null;
        }
        return SECTIONS_WITH_ARGUMENT.contains(key) ? name + "> directive requires additional arguments" : null;
    }

    /** The balancer methods of httpd 2.4 and the module that registers each as a provider. */
    private static final Map<String, String> LBMETHODS = Map.of("byrequests", "lbmethod_byrequests_module",
            "bytraffic", "lbmethod_bytraffic_module", "bybusyness", "lbmethod_bybusyness_module",
            "heartbeat", "lbmethod_heartbeat_module");

    /**
     * mod_proxy's set_balancer_param looks {@code lbmethod=NAME} up among the providers that loaded
     * modules registered (ap_lookup_provider): each method is a module of its own
     * (mod_lbmethod_byrequests ...), and LoadModule runs while httpd reads the files, before
     * ProxySet, ProxyPass and {@code <Proxy>} run, so a LoadModule anywhere in the config counts.
     * Only in a full config that loads no module proxylint does not know (which might register a
     * method of its own); httpd's message for each directive.
     */
    private String lbmethodError(Directive d, State s) {
        String lower = d.name().toLowerCase(Locale.ROOT);
        int first;
        String balancer;
        switch (lower) {
            case "proxyset" -> {
                Directive parent = s.sections == null ? null : s.sections.d;
                boolean inProxy = parent != null && parent.name().regionMatches(true, 0, "Proxy", 0, 5);
                balancer = inProxy ? (parent.argCount() > 0 ? parent.arg(0) : null) : d.arg(0);
                first = inProxy ? 0 : 1;
            }
            case "proxypass", "proxypassmatch" -> {
                boolean inLocation = s.sections != null && s.sections.find("<location", "<locationmatch") != null;
                int i = d.argCount() > 0 && d.arg(0).equals("~") ? 1 : 0;
                int target = inLocation ? i : i + 1;
                balancer = d.arg(target);
                first = target + 1;
            }
            case "proxy", "proxymatch" -> {
                if (!d.hasBlock()) {
                    return null;
                }
                balancer = d.arg(0);
                first = 1;
            }
            default -> {
                return null;
            }
        }
        if (balancer == null || !balancer.regionMatches(true, 0, "balancer://", 0, 11)) {
            return null; // a worker: lbmethod is no worker parameter (the value checks say so)
        }
        for (int i = first; i < d.argCount(); i++) {
            String w = d.arg(i);
            if (!w.regionMatches(true, 0, "lbmethod=", 0, 9)) {
                continue;
            }
            String method = w.substring(9);
            String module = LBMETHODS.get(method);
            if (module != null && (loadedAtEnd.contains(module) || assumed(s, module) == Boolean.TRUE)) {
                continue;
            }
            String why = module == null ? "" : " (" + method + " needs " + module + ", which is not loaded)";
            return switch (lower) {
                case "proxyset" -> "ProxySet: unknown lbmethod " + w + "; " + balancer.replaceAll(">$", "") + why;
                case "proxypass", "proxypassmatch" -> "ProxyPass unknown lbmethod" + why;
                default -> "<" + d.name() + " unknown lbmethod " + w + "; " + balancer + why;
            };
        }
        return null;
    }

    private Use thirdParty(Directive d, State s, Entry e, List<String> modules, String moduleName, Directive section) {
        for (String m : modules) {
            Boolean a = assumed(s, m);
            if (loadedAtEnd.contains(m) || a == Boolean.TRUE) {
                return new Use(d, e, Known.YES, m, null, null, null, section);
            }
        }
        for (String m : modules) {
            if (assumed(s, m) == Boolean.FALSE) {
                return new Use(d, e, Known.EXCLUDED, m, null, null, null, section);
            }
        }
        if (fullConfig && foreignModule == null) {
            return new Use(d, e, Known.NOT_LOADED, modules.get(0), null, null, null, section);
        }
        return new Use(d, e, Known.THIRD_PARTY_UNSEEN, moduleName, null, null, null, section);
    }

    /** httpd's context checks: invoke_cmd's override test, then the handler's ap_check_cmd_context. */
    private static String context(Entry e, State s) {
        String name = e.name();
        String gt = name.startsWith("<") && !name.endsWith(">") ? ">" : "";
        int req = e.override() & ~(EXEC_ON_READ | 512 | 1024);
        if ((s.override & req) == 0) {
            if (s.sections != null) {
                return name + " not allowed in <" + s.sections.d.name() + "> context";
            }
            return name + " not allowed here";
        }
        int f = e.forbidden();
        if (f == 0) {
            return null;
        }
        if ((f & NOT_IN_VIRTUALHOST) != 0 && s.virtual) {
            return name + gt + " cannot occur within <VirtualHost> section";
        }
        if ((f & NOT_IN_DIR_CONTEXT) != 0 && s.limited) {
            return name + gt + " cannot occur within <Limit> or <LimitExcept> section";
        }
        if ((f & NOT_IN_HTACCESS) != 0 && s.htaccess) {
            return name + gt + " cannot occur within htaccess files";
        }
        if ((f & NOT_IN_DIR_LOC_FILE) == NOT_IN_DIR_LOC_FILE) {
            if (s.path) {
                return name + gt + " cannot occur within directory context";
            }
            if ((e.override() & EXEC_ON_READ) != 0) {
                return null;
            }
        }
        if (s.sections == null) {
            return null;
        }
        Directive found = null;
        if ((f & NOT_IN_DIRECTORY) != 0) {
            found = s.sections.find("<directory", "<directorymatch");
        }
        if (found == null && (f & NOT_IN_LOCATION) != 0) {
            found = s.sections.find("<location", "<locationmatch");
        }
        if (found == null && (f & NOT_IN_FILES) != 0) {
            found = s.sections.find("<files", "<filesmatch", "<if", "<elseif", "<else");
        }
        if (found == null && (f & NOT_IN_PROXY) != 0) {
            found = s.sections.find("<proxy", "<proxymatch");
        }
        return found == null ? null : name + gt + " cannot occur within <" + found.name() + "> section";
    }

    /** httpd's invoke_cmd argument checks, on the words ap_getword_conf gives. */
    static String argError(Entry e, Directive d) {
        List<String> w = d.values();
        int n = w.size();
        String first = n > 0 ? w.get(0) : "";
        String second = n > 1 ? w.get(1) : "";
        String name = e.name();
        switch (e.args()) {
            case NO_ARGS:
                return n > 0 ? name + " takes no arguments" : null;
            case TAKE1:
                return first.isEmpty() || n > 1 ? name + " takes one argument" : null;
            case TAKE2:
                return first.isEmpty() || second.isEmpty() || n > 2 ? name + " takes two arguments" : null;
            case TAKE12:
                return first.isEmpty() || n > 2 ? name + " takes 1-2 arguments" : null;
            case TAKE3:
                return first.isEmpty() || second.isEmpty() || (n > 2 ? w.get(2) : "").isEmpty() || n > 3
                        ? name + " takes three arguments" : null;
            case TAKE23:
                return first.isEmpty() || second.isEmpty() || n > 3 ? name + " takes two or three arguments" : null;
            case TAKE123:
                return first.isEmpty() || n > 3 ? name + " takes one, two or three arguments" : null;
            case TAKE13:
                return first.isEmpty() || (n == 2 && !second.isEmpty()) || n > 3
                        ? name + " takes one or three arguments" : null;
            case ITERATE:
                return first.isEmpty() ? name + " requires at least one argument" : null;
            case ITERATE2:
                return first.isEmpty() || n < 2 ? name + " requires at least two arguments" : null;
            default:
                return null;
        }
    }

    /** FLAG: httpd reads the first word only and wants On or Off (any case). */
    static String flagError(Entry e, Directive d) {
        String w = d.argCount() > 0 ? d.arg(0) : "";
        return w.equalsIgnoreCase("on") || w.equalsIgnoreCase("off") ? null : e.name() + " must be On or Off";
    }
}
