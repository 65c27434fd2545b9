package dev.proxylint.apache;

import dev.proxylint.apache.antlr.ApacheConfLexer;
import dev.proxylint.source.Glob;
import dev.proxylint.source.SourceFile;
import dev.proxylint.source.Span;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Brief;
import dev.proxylint.syntax.Comment;
import dev.proxylint.syntax.Cond;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.FileLoader;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.Problem;
import dev.proxylint.syntax.ReadFailure;
import dev.proxylint.syntax.Resolved;
import dev.proxylint.syntax.ResolveOptions;
import dev.proxylint.tls.Versions;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.antlr.v4.runtime.Token;

/**
 * Resolution of one root file the way httpd reads it: a walk in read order with an explicit stack
 * (never Java recursion), applying Define/UnDefine and {@code ${VAR}}, ServerRoot, Include /
 * IncludeOptional, LoadModule, the If* sections and Macro/Use/UndefMacro.
 *
 * <p>The output tree is made of copies: parsed trees (shared through the loader, and possibly read
 * twice with different Defines) are never modified. Only plain directives of the root file that
 * resolution leaves as they are (no block, no substitution, no via) are shared with the parsed tree.
 */
final class ApacheResolver {
    static final String INCLUDE_NOT_FOUND = "CFG101";
    static final String INCLUDE_OUTSIDE = "CFG107";
    static final String INCLUDE_CYCLE = "CFG102";
    static final String INCLUDE_LIMIT = "CFG103";
    static final String UNDEFINED_VARIABLE = "CFG104";
    static final String MACRO_ERROR = "CFG105";
    static final String INCLUDE_UNREADABLE = "CFG106";

    /** httpd's AP_MAX_INCLUDE_DEPTH (and directory nesting level). */
    static final int MAX_INCLUDE_DEPTH = 128;
    /** Safety bound on the number of files one root may pull in. */
    static final int MAX_FILES = 50_000;
    /** Safety bound on macro expansions per root (each Use counts once). */
    static final int MAX_MACRO_USES = 100_000;

    /**
     * Modules compiled into Debian's apache2 2.4 binary ({@code apache2 -l}): always present,
     * as {@code mod_x.c} source names and {@code x_module} identifiers.
     */
    static final List<String> BUILTIN_MODULES = builtinModules();

    /** core and http_core, and Debian's other compiled-in modules, by source file and by module name. */
    private static List<String> builtinModules() {
        List<String> out = new ArrayList<>(List.of("core.c", "http_core.c", "core_module", "http_module"));
        for (String m : new java.util.TreeSet<>(dev.proxylint.apache.model.ApacheValueChecks.DEBIAN_BUILT_IN)) {
            out.add("mod_" + m + ".c");
            out.add(m + "_module");
        }
        return List.copyOf(out);
    }

    private final ResolveOptions options;
    private final FileLoader loader;
    private final ParsedFile root;
    private final List<Problem> problems = new ArrayList<>();
    private final LinkedHashSet<SourceFile> files = new LinkedHashSet<>();
    private final Set<SourceFile> problemsTaken = new HashSet<>();
    private final Map<String, String> vars = new HashMap<>();
    private final Set<String> defined = new HashSet<>();
    private final Set<String> modules = new HashSet<>();
    private final Map<String, MacroDef> macros = new LinkedHashMap<>();
    private Path serverRoot;
    /** The main config's directory (for {@link ResolveOptions#map}), or null for stdin. */
    private Path mainDir;
    /** Whether ServerRoot comes from a directive naming a place outside the main config's directory. */
    private boolean serverRootFromConfig;
    /**
     * A file with neither Listen nor ServerRoot, read without --server-root: a snippet for another
     * config to include, whose relative Includes may be meant against a directory above it
     * ({@link ResolveOptions#snippetBase}).
     */
    private boolean snippet;
    private final List<Resolved.Include> includes = new ArrayList<>();
    private int fileCount;
    private int macroUses;
    private boolean fileLimitReported;

    private record MacroDef(Directive def, List<String> params, String body) {
    }

    /** A persistent list: the files (or macros) being read, innermost first. */
    private record Chain(String key, Chain parent, int depth) {
        boolean contains(String k) {
            for (Chain c = this; c != null; c = c.parent) {
                if (c.key.equals(k)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class Frame {
        final List<Node> in;
        int i;
        final List<Node> out;
        final Directive via;
        final Directive remap; // a Use: produced directives take its place
        final Chain files;
        final Chain macros;

        Frame(List<Node> in, List<Node> out, Directive via, Directive remap, Chain files, Chain macros) {
            this.in = in;
            this.out = out;
            this.via = via;
            this.remap = remap;
            this.files = files;
            this.macros = macros;
        }
    }

    ApacheResolver(ParsedFile root, ResolveOptions options, FileLoader loader) {
        this.root = root;
        this.options = options != null ? options : ResolveOptions.defaults();
        this.loader = loader;
        for (Map.Entry<String, String> e : this.options.defines().entrySet()) {
            defined.add(e.getKey());
            if (e.getValue() != null && !e.getValue().isEmpty()) {
                vars.put(e.getKey(), e.getValue());
            }
        }
        modules.addAll(BUILTIN_MODULES);
        for (String m : this.options.modules()) {
            addModule(m, null);
        }
        Path rootPath = root.source().path();
        mainDir = rootPath != null ? rootPath.toAbsolutePath().normalize().getParent() : null;
        if (this.options.serverRoot() != null) {
            serverRoot = this.options.serverRoot();
        } else if (rootPath != null && rootPath.toAbsolutePath().getParent() != null) {
            serverRoot = rootPath.toAbsolutePath().getParent();
            snippet = !mentions(root.items(), "Listen", "ServerRoot");
        } else {
            serverRoot = Paths.get("").toAbsolutePath();
        }
    }

    /** Whether a directive of one of the names stands anywhere in the items (sections included). */
    private static boolean mentions(List<Node> items, String... names) {
        ArrayList<List<Node>> stack = new ArrayList<>();
        stack.add(items);
        while (!stack.isEmpty()) {
            for (Node n : stack.remove(stack.size() - 1)) {
                if (n instanceof Directive d) {
                    for (String name : names) {
                        if (d.is(name)) {
                            return true;
                        }
                    }
                    if (d.hasBlock()) {
                        stack.add(d.children());
                    }
                }
            }
        }
        return false;
    }

    Resolved run() {
        files.add(root.source());
        List<Node> out = new ArrayList<>();
        Path rp = root.source().path();
        Chain chain = new Chain(rp != null ? key(rp) : "<" + root.source().name() + ">", null, 0);
        ArrayList<Frame> stack = new ArrayList<>();
        stack.add(new Frame(root.items(), out, null, null, chain, null));
        while (!stack.isEmpty()) {
            Frame f = stack.get(stack.size() - 1);
            if (f.i >= f.in.size()) {
                stack.remove(stack.size() - 1);
                continue;
            }
            Node n = f.in.get(f.i++);
            if (n instanceof Comment c) {
                if (f.remap == null) {
                    f.out.add(c);
                }
                continue;
            }
            step((Directive) n, f, stack);
        }
        return new Resolved(root, out, List.copyOf(files), List.copyOf(problems), List.copyOf(includes));
    }

    private void step(Directive d, Frame f, ArrayList<Frame> stack) {
        List<Arg> args = substitute(d);
        String nm = interesting(d.name()) ? d.name().toLowerCase(Locale.ROOT) : "";
        Directive o;
        if (args == d.args() && f.remap == null && f.via == null && !d.hasBlock() && !nm.equals("include")
                && !nm.equals("includeoptional") && !nm.equals("use")) {
            o = d; // a plain directive of the root file that resolution does not change: no copy needed
        } else {
            o = copy(d, args, f);
        }
        f.out.add(o);
        if (d.hasBlock()) {
            switch (nm) {
                case "ifmodule", "ifdefine", "ifversion", "iffile", "ifdirective", "ifsection" -> {
                    Cond c = condition(nm, o);
                    o.setCond(c);
                    if (c == Cond.FALSE) {
                        if (d.blockClose() < 0 && f.remap == null) {
                            problems.add(new Problem(ApacheParser.SYNTAX, o.headSpan(), "Expected </" + d.name()
                                    + "> before end of configuration"));
                        }
                        o.setBlock(d.children(), blockOpen(d, f), blockClose(d, f));
                        o.setExpansion(List.of());
                        return;
                    }
                    List<Node> kids = new ArrayList<>();
                    o.setBlock(kids, blockOpen(d, f), blockClose(d, f));
                    o.setExpansion(kids);
                    stack.add(new Frame(d.children(), kids, f.via, f.remap, f.files, f.macros));
                }
                case "macro" -> {
                    o.setBlock(d.children(), blockOpen(d, f), blockClose(d, f));
                    o.setExpansion(List.of());
                    defineMacro(d, o);
                }
                default -> {
                    List<Node> kids = new ArrayList<>();
                    o.setBlock(kids, blockOpen(d, f), blockClose(d, f));
                    stack.add(new Frame(d.children(), kids, f.via, f.remap, f.files, f.macros));
                }
            }
            return;
        }
        switch (nm) {
            case "define" -> {
                if (o.argCount() >= 1) {
                    String name = o.arg(0);
                    defined.add(name);
                    if (o.argCount() >= 2) {
                        vars.put(name, o.arg(1));
                    }
                }
            }
            case "undefine" -> {
                if (o.argCount() >= 1) {
                    defined.remove(o.arg(0));
                    vars.remove(o.arg(0));
                }
            }
            case "serverroot" -> {
                if (o.argCount() >= 1) {
                    try {
                        serverRoot = serverRoot.resolve(o.arg(0)).normalize();
                        serverRootFromConfig = !serverRoot.startsWith(mainDir != null ? mainDir : serverRoot.getRoot());
                    } catch (InvalidPathException e) {
                        // keep the previous root; httpd would fail on the directive itself
                    }
                }
            }
            case "loadmodule" -> {
                if (o.argCount() >= 1) {
                    addModule(o.arg(0), o.arg(1));
                }
            }
            case "include", "includeoptional" -> include(o, f, stack, nm.equals("includeoptional"));
            case "use" -> use(o, f, stack);
            case "undefmacro" -> {
                if (o.argCount() >= 1 && macros.remove(o.arg(0).toLowerCase(Locale.ROOT)) == null) {
                    problems.add(new Problem(MACRO_ERROR, o.span(),
                            "cannot remove undefined macro '" + o.arg(0) + "'"));
                }
            }
            default -> {
            }
        }
    }

    /** Whether a name may be one the resolver acts on (saves lower-casing every other name). */
    private static boolean interesting(String name) {
        if (name.isEmpty()) {
            return false;
        }
        switch (name.charAt(0)) {
            case 'D', 'd', 'U', 'u', 'S', 's', 'L', 'l', 'I', 'i', 'M', 'm':
                return true;
            default:
                return false;
        }
    }

    private static int blockOpen(Directive d, Frame f) {
        return f.remap != null ? f.remap.end() : d.blockOpen();
    }

    private static int blockClose(Directive d, Frame f) {
        return f.remap != null ? f.remap.end() : d.blockClose();
    }

    // ---- copies and ${VAR} ---------------------------------------------------------------------

    private Directive copy(Directive d, List<Arg> args, Frame f) {
        Directive o;
        if (f.remap == null) {
            o = new Directive(Dialect.APACHE, d.file(), d.name(), d.start(), d.nameSpan().end(), d.end(), args);
        } else {
            Directive u = f.remap;
            List<Arg> moved = new ArrayList<>(args.size());
            for (Arg a : args) {
                moved.add(new Arg(u.file(), u.start(), u.end(), a.value(), a.quote()));
            }
            o = new Directive(Dialect.APACHE, u.file(), d.name(), u.start(), u.nameSpan().end(), u.end(), moved);
        }
        o.setVia(f.via);
        return o;
    }

    /** The logical text of an argument as written (continuations removed). */
    private static String logicalRaw(Arg a) {
        String raw = a.raw();
        if (raw.indexOf('\n') < 0) {
            return raw;
        }
        return raw.replace("\\\r\n", "").replace("\\\n", "");
    }

    /**
     * ${NAME} substitution on the argument text, then re-tokenizing (a value with blanks gives several
     * arguments). Each new argument's span covers the original text it came from: a token that came
     * out of ${NAME} points at the whole ${NAME}.
     */
    private List<Arg> substitute(Directive d) {
        List<Arg> args = d.args();
        boolean any = false;
        String ft = d.file().text();
        for (Arg a : args) {
            for (int i = a.start(), e = a.end() - 1; i < e; i++) {
                if (ft.charAt(i) == '$' && ft.charAt(i + 1) == '{') {
                    any = true;
                    break;
                }
            }
            if (any) {
                break;
            }
        }
        if (!any) {
            return args;
        }
        SourceFile file = d.file();
        StringBuilder line = new StringBuilder();
        int[] os = new int[64];
        int[] oe = new int[64];
        int len = 0;
        for (int k = 0; k < args.size(); k++) {
            Arg a = args.get(k);
            if (k > 0) {
                int at = args.get(k - 1).end();
                if (len + 1 > os.length) {
                    os = java.util.Arrays.copyOf(os, len * 2 + 2);
                    oe = java.util.Arrays.copyOf(oe, len * 2 + 2);
                }
                line.append(' ');
                os[len] = at;
                oe[len] = at;
                len++;
            }
            String raw = a.raw();
            int rawStart = a.start();
            int i = 0;
            while (i < raw.length()) {
                char c = raw.charAt(i);
                if (c == '\\' && (raw.startsWith("\\\n", i) || raw.startsWith("\\\r\n", i))) {
                    i += raw.charAt(i + 1) == '\r' ? 3 : 2;
                    continue;
                }
                if (c == '$' && i + 1 < raw.length() && raw.charAt(i + 1) == '{') {
                    int close = raw.indexOf('}', i + 2);
                    if (close > 0) {
                        String name = raw.substring(i + 2, close);
                        String val = vars.get(name);
                        if (val == null) {
                            problems.add(new Problem(UNDEFINED_VARIABLE,
                                    new Span(file, rawStart + i, rawStart + close + 1),
                                    "Config variable ${" + name + "} is not defined"));
                            val = raw.substring(i, close + 1);
                        }
                        int from = rawStart + i;
                        int to = rawStart + close + 1;
                        if (len + val.length() > os.length) {
                            os = java.util.Arrays.copyOf(os, (len + val.length()) * 2);
                            oe = java.util.Arrays.copyOf(oe, (len + val.length()) * 2);
                        }
                        for (int j = 0; j < val.length(); j++) {
                            os[len] = from;
                            oe[len] = to;
                            len++;
                        }
                        line.append(val);
                        i = close + 1;
                        continue;
                    }
                }
                if (len + 1 > os.length) {
                    os = java.util.Arrays.copyOf(os, len * 2 + 2);
                    oe = java.util.Arrays.copyOf(oe, len * 2 + 2);
                }
                os[len] = rawStart + i;
                oe[len] = rawStart + i + 1;
                len++;
                line.append(c);
                i++;
            }
        }
        String text = line.toString();
        boolean rewrite = d.is("RewriteRule") || d.is("RewriteCond");
        ApacheConfLexer lx = ApacheParser.lexerFor(text, rewrite);
        List<Arg> out = new ArrayList<>();
        while (true) {
            Token t = lx.nextToken();
            if (t.getType() == Token.EOF) {
                break;
            }
            if (t.getType() == ApacheConfLexer.NL) {
                continue;
            }
            int s = t.getStartIndex();
            int e = t.getStopIndex() + 1;
            while (s < e && " \t\r\f\u000B".indexOf(text.charAt(s)) >= 0) {
                s++; // tokens carry the blanks before them
            }
            String value = Words.value(text, s, e, t.getType());
            out.add(new Arg(file, os[s], Math.max(os[s], oe[e - 1]), value, Words.quoteOf(text, s, e, t.getType())));
        }
        return out;
    }

    // ---- conditions ----------------------------------------------------------------------------

    private void addModule(String id, String path) {
        if (id == null) {
            return;
        }
        modules.add(id);
        if (id.endsWith(".c")) {
            if (id.startsWith("mod_")) {
                modules.add(id.substring(4, id.length() - 2) + "_module");
            }
        } else if (id.endsWith("_module")) {
            modules.add("mod_" + id.substring(0, id.length() - 7) + ".c");
        }
        if (path != null) {
            String base = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
            if (base.endsWith(".so")) {
                modules.add(base.substring(0, base.length() - 3) + ".c");
            }
        }
    }

    private Cond condition(String nm, Directive o) {
        String a0 = o.arg(0);
        if (a0 == null) {
            return Cond.UNKNOWN;
        }
        switch (nm) {
            case "ifmodule": {
                boolean neg = a0.startsWith("!");
                String m = neg ? a0.substring(1) : a0;
                Cond c = modules.contains(m) ? Cond.TRUE : options.modulesKnown() ? Cond.FALSE : Cond.UNKNOWN;
                return neg ? not(c) : c;
            }
            case "ifdefine": {
                boolean neg = a0.startsWith("!");
                String m = neg ? a0.substring(1) : a0;
                return defined.contains(m) != neg ? Cond.TRUE : Cond.FALSE;
            }
            case "ifversion":
                return version(o);
            default:
                return Cond.UNKNOWN;
        }
    }

    private static Cond not(Cond c) {
        return c == Cond.TRUE ? Cond.FALSE : c == Cond.FALSE ? Cond.TRUE : Cond.UNKNOWN;
    }

    /** mod_version: {@code [[!]op] version}, op one of = == &lt; &lt;= &gt; &gt;= ~, or /regex/. */
    private Cond version(Directive o) {
        String have = options.apacheVersion();
        if (have == null) {
            return Cond.UNKNOWN;
        }
        String op = "=";
        String want;
        if (o.argCount() >= 2) {
            op = o.arg(0);
            want = o.arg(1);
        } else {
            want = o.arg(0);
        }
        boolean neg = false;
        if (op.startsWith("!")) {
            neg = true;
            op = op.substring(1);
        }
        boolean r;
        try {
            if (want.length() >= 2 && want.startsWith("/") && want.endsWith("/")) {
                r = Pattern.compile(want.substring(1, want.length() - 1)).matcher(have).find();
            } else if (op.equals("~")) {
                r = Pattern.compile(want).matcher(have).find();
            } else {
                // mod_version takes major[.minor[.patch]]; a part not given counts as 0 (= 2.4 is not 2.4.71)
                if (!Versions.isPlain(have, 3) || !Versions.isPlain(want, 3)) {
                    return Cond.UNKNOWN;
                }
                int cmp = Versions.compare(have, want);
                switch (op) {
                    case "=", "==" -> r = cmp == 0;
                    case "<" -> r = cmp < 0;
                    case "<=" -> r = cmp <= 0;
                    case ">" -> r = cmp > 0;
                    case ">=" -> r = cmp >= 0;
                    default -> {
                        return Cond.UNKNOWN;
                    }
                }
            }
        } catch (PatternSyntaxException e) {
            return Cond.UNKNOWN;
        }
        return r != neg ? Cond.TRUE : Cond.FALSE;
    }

    // ---- macros --------------------------------------------------------------------------------

    private void defineMacro(Directive d, Directive o) {
        if (o.argCount() < 1) {
            problems.add(new Problem(MACRO_ERROR, o.headSpan(), "macro definition: name not specified"));
            return;
        }
        String name = o.arg(0).toLowerCase(Locale.ROOT);
        List<String> params = o.values().subList(1, o.argCount());
        MacroDef prev = macros.get(name);
        if (prev != null) {
            problems.add(new Problem(MACRO_ERROR, o.headSpan(), "macro '" + o.arg(0) + "' redefined. It was defined at "
                    + prev.def().span().location() + " before", List.of(prev.def().headSpan())));
        }
        String text = d.file().text();
        int from = d.blockOpen() >= 0 ? d.blockOpen() : d.end();
        int to = d.blockClose() >= 0 ? d.blockClose() : d.end();
        String body = from <= to ? text.substring(from, to) : "";
        macros.put(name, new MacroDef(o, List.copyOf(params), body));
    }

    private void use(Directive o, Frame f, ArrayList<Frame> stack) {
        o.setExpansion(List.of());
        if (o.argCount() < 1) {
            problems.add(new Problem(MACRO_ERROR, o.span(), "no macro defined before Use"));
            return;
        }
        String key = o.arg(0).toLowerCase(Locale.ROOT);
        MacroDef m = macros.get(key);
        if (m == null) {
            problems.add(new Problem(MACRO_ERROR, o.span(), "macro '" + o.arg(0) + "' undefined"));
            return;
        }
        int given = o.argCount() - 1;
        if (given != m.params().size()) {
            problems.add(new Problem(MACRO_ERROR, o.span(), "macro '" + o.arg(0) + "' used with " + given + " arguments instead of "
                    + m.params().size() + ". It is defined at " + m.def().span().location(), List.of(m.def().headSpan())));
            return;
        }
        if (f.macros != null && f.macros.contains(key)) {
            problems.add(new Problem(INCLUDE_CYCLE, o.span(), "recursive use of macro '" + o.arg(0)
                    + "' is invalid", List.of(m.def().headSpan())));
            return;
        }
        int depth = f.macros == null ? 1 : f.macros.depth() + 1;
        if (depth > MAX_INCLUDE_DEPTH || ++macroUses > MAX_MACRO_USES) {
            problems.add(new Problem(INCLUDE_LIMIT, o.span(), "macro expansion limit reached at use of '"
                    + o.arg(0) + "'"));
            return;
        }
        String text = expandMacro(m.body(), m.params(), o.values().subList(1, o.argCount()));
        SourceFile synthetic = SourceFile.of("macro " + o.arg(0) + " used at " + o.span().location(), text);
        ParsedFile pf = ApacheParser.parse(synthetic);
        for (Problem p : pf.problems()) {
            problems.add(new Problem(p.ruleId(), o.span(), "in macro '" + o.arg(0) + "': " + p.message()));
        }
        List<Node> out = new ArrayList<>();
        o.setExpansion(out);
        Directive remap = f.remap != null ? f.remap : o;
        stack.add(new Frame(pf.items(), out, o, remap, f.files, new Chain(key, f.macros, depth)));
    }

    /** Replaces every parameter name in the body text by its value; @-parameters are quoted. */
    static String expandMacro(String body, List<String> params, List<String> values) {
        if (params.isEmpty()) {
            return body;
        }
        StringBuilder sb = new StringBuilder(body.length() + 64);
        int n = body.length();
        for (int i = 0; i < n;) {
            int best = -1;
            int bestLen = 0;
            for (int k = 0; k < params.size(); k++) {
                String p = params.get(k);
                if (p.length() > bestLen && body.startsWith(p, i)) {
                    best = k;
                    bestLen = p.length();
                }
            }
            if (best < 0) {
                sb.append(body.charAt(i++));
                continue;
            }
            String v = values.get(best);
            if (params.get(best).startsWith("@")) {
                sb.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                sb.append(v);
            }
            i += bestLen;
        }
        return sb.toString();
    }

    // ---- includes ------------------------------------------------------------------------------

    private static String key(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException | RuntimeException e) {
            return p.toAbsolutePath().normalize().toString();
        }
    }

    private void include(Directive o, Frame f, ArrayList<Frame> stack, boolean optional) {
        o.setExpansion(List.of());
        if (o.argCount() < 1) {
            problems.add(new Problem(INCLUDE_NOT_FOUND, o.span(), "Include takes one argument"));
            return;
        }
        String pattern = o.arg(0);
        List<Path> matched = new ArrayList<>();
        String err;
        if (snippet && !pattern.startsWith("/") && !serverRootFromConfig) {
            // a snippet's ServerRoot: the first relative Include decides it, here or above
            snippet = false;
            Path b = ResolveOptions.snippetBase(serverRoot, pattern, Glob.isPattern(pattern, Glob.Flavor.APACHE));
            if (b != null) {
                serverRoot = b;
            }
        }
        try {
            ResolveOptions.Mapped m = options.mapInclude(serverRoot.resolve(pattern).normalize(), mainDir,
                    serverRootFromConfig || Paths.get(pattern).isAbsolute());
            includes.add(new Resolved.Include(o, m));
            if (m.how() == ResolveOptions.How.NOT_READ) {
                problems.add(new Problem(INCLUDE_OUTSIDE, o.span(), head(o, pattern) + " is outside "
                        + "the scanned tree and was not read." + whole(o, pattern) + " Map it with --path-map " + ResolveOptions.suggestFrom(m.path()) + "=DIR"));
                return;
            }
            err = expand(m.path(), matched, o, optional);
        } catch (InvalidPathException e) {
            err = "Include: invalid path " + pattern;
        }
        if (err != null) {
            if (!optional) {
                problems.add(new Problem(INCLUDE_NOT_FOUND, o.span(), head(o, pattern) + " matches no readable file."
                        + whole(o, pattern) + " " + err));
            }
            return;
        }
        if (matched.size() > 1) {
            loader.prefetch(matched.subList(0, Math.min(matched.size(), Math.max(0, MAX_FILES - fileCount))),
                    Dialect.APACHE);
        }
        List<ParsedFile> parsed = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Path p : matched) {
            String k = key(p);
            if (f.files.contains(k)) {
                problems.add(new Problem(INCLUDE_CYCLE, o.span(), "include cycle: " + name(p)
                        + " is already being read; not followed. The file is " + p));
                continue;
            }
            if (f.files.depth() + 1 > MAX_INCLUDE_DEPTH) {
                problems.add(new Problem(INCLUDE_LIMIT, o.span(), "Includes nest deeper than " + MAX_INCLUDE_DEPTH
                        + " levels at " + name(p) + "; not followed. Exceeded the maximum include nesting level of "
                        + MAX_INCLUDE_DEPTH + " at " + p));
                return;
            }
            if (++fileCount > MAX_FILES) {
                if (!fileLimitReported) {
                    fileLimitReported = true;
                    problems.add(new Problem(INCLUDE_LIMIT, o.span(), "more than " + MAX_FILES
                            + " included files; the rest is not read"));
                }
                return;
            }
            if (!Files.isRegularFile(p)) {
                problems.add(new Problem(INCLUDE_UNREADABLE, o.span(), "Included " + name(p) + " is not a regular file. "
                        + "Could not open configuration file " + p + ": not a regular file"));
                continue;
            }
            try {
                ParsedFile pf = loader.load(p, Dialect.APACHE);
                parsed.add(pf);
                keys.add(k);
                files.add(pf.source());
                if (problemsTaken.add(pf.source())) {
                    problems.addAll(pf.problems());
                }
            } catch (NoSuchFileException e) {
                problems.add(new Problem(INCLUDE_NOT_FOUND, o.span(), "Included file " + name(p) + " does not exist. "
                        + "Could not open configuration file " + p + ": No such file or directory"));
            } catch (AccessDeniedException e) {
                problems.add(new Problem(INCLUDE_UNREADABLE, o.span(), ReadFailure.headline("Included file " + name(p), "Permission denied") + " "
                        + "Could not open configuration file " + p + ": Permission denied"));
            } catch (IOException | RuntimeException e) {
                problems.add(new Problem(INCLUDE_UNREADABLE, o.span(), ReadFailure.headline("Included file " + name(p), e.getMessage()) + " "
                        + "Could not read configuration file " + p + ": " + e.getMessage()));
            }
        }
        List<SourceFile> srcs = new ArrayList<>(parsed.size());
        for (ParsedFile pf : parsed) {
            srcs.add(pf.source());
        }
        o.setIncludedFiles(List.copyOf(srcs));
        List<Node> out = new ArrayList<>();
        o.setExpansion(out);
        for (int k = parsed.size() - 1; k >= 0; k--) {
            Chain c = new Chain(keys.get(k), f.files, f.files.depth() + 1);
            stack.add(new Frame(parsed.get(k).items(), out, o, null, c, f.macros));
        }
    }

    /**
     * Expands an Include argument to the files httpd would read, in order; returns an error message
     * (httpd's wording) or null.
     */
    private String expand(Path p, List<Path> out, Directive o, boolean optional) {
        Path rootPart = p.getRoot();
        List<String> comps = new ArrayList<>();
        for (Path c : p) {
            comps.add(c.toString());
        }
        int firstWild = -1;
        for (int i = 0; i < comps.size(); i++) {
            if (Glob.isPattern(comps.get(i), Glob.Flavor.APACHE)) {
                firstWild = i;
                break;
            }
        }
        if (firstWild < 0) {
            if (!Files.exists(p)) {
                return "Could not open configuration file " + p + ": No such file or directory";
            }
            addPath(p, out, o);
            return null;
        }
        Path base = rootPart;
        for (int i = 0; i < firstWild; i++) {
            base = base == null ? Paths.get(comps.get(i)) : base.resolve(comps.get(i));
        }
        List<Path> current = List.of(base);
        for (int i = firstWild; i < comps.size(); i++) {
            String comp = comps.get(i);
            boolean last = i == comps.size() - 1;
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!Glob.isPattern(comp, Glob.Flavor.APACHE)) {
                    Path c = dir.resolve(comp);
                    if (last ? Files.exists(c) : Files.isDirectory(c)) {
                        next.add(c);
                    }
                    continue;
                }
                if (!Files.isDirectory(dir)) {
                    if (current.size() == 1) {
                        return "Include/IncludeOptional: Could not open directory " + dir
                                + ": No such file or directory";
                    }
                    continue;
                }
                List<String> names = list(dir);
                if (names == null) {
                    return "Include/IncludeOptional: Could not open directory " + dir;
                }
                for (String name : names) {
                    if (Glob.matches(comp, name, Glob.Flavor.APACHE)) {
                        Path c = dir.resolve(name);
                        if (last || Files.isDirectory(c)) {
                            next.add(c);
                        }
                    }
                }
            }
            if (next.isEmpty()) {
                return "No matches for the wildcard '" + comp + "' in '" + (current.size() == 1
                        ? current.get(0).toString() : current.get(0).getParent() + "/...") + "', failing";
            }
            current = next;
        }
        for (Path c : current) {
            addPath(c, out, o);
        }
        return null;
    }

    /**
     * {@code Include PATTERN} for a finding's first sentence, the pattern cut to 40 characters;
     * when it is cut, {@link #whole} names it whole in the rest of the message.
     */
    private static String head(Directive o, String pattern) {
        return o.name() + " " + Brief.tail(pattern, 40);
    }

    /** " The directive reads PATTERN." when {@link #head} cut the pattern, else nothing. */
    private static String whole(Directive o, String pattern) {
        return pattern.length() > 40 ? " " + o.name() + " reads " + pattern + "." : "";
    }

    /** A path's last name for a first sentence (the path itself when it has none, as "/"). */
    private static String name(Path p) {
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }

    /** Names in a directory (no . and ..), in byte order, or null when it cannot be listed. */
    private static List<String> list(Path dir) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path c : ds) {
                names.add(c.getFileName().toString());
                if (names.size() > MAX_FILES * 2) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        names.sort(Glob::byteOrder);
        return names;
    }

    /** A file, or a directory read as httpd does: every entry, sorted, subdirectories recursively. */
    private void addPath(Path p, List<Path> out, Directive o) {
        if (!Files.isDirectory(p)) {
            out.add(p);
            return;
        }
        // explicit stack of directories; a directory met again on the current path is a symlink loop
        record D(Path dir, List<String> names, int[] pos, String key) {
        }
        ArrayList<D> stack = new ArrayList<>();
        List<String> rootNames = list(p);
        if (rootNames == null) {
            problems.add(new Problem(INCLUDE_UNREADABLE, o.span(), "Included directory " + name(p) + " cannot be listed. "
                    + "Could not open config directory " + p));
            return;
        }
        stack.add(new D(p, rootNames, new int[1], key(p)));
        while (!stack.isEmpty()) {
            D top = stack.get(stack.size() - 1);
            if (top.pos()[0] >= top.names().size()) {
                stack.remove(stack.size() - 1);
                continue;
            }
            Path c = top.dir().resolve(top.names().get(top.pos()[0]++));
            if (!Files.isDirectory(c)) {
                out.add(c);
                if (out.size() > MAX_FILES) {
                    return;
                }
                continue;
            }
            String k = key(c);
            boolean loop = false;
            for (D d : stack) {
                if (d.key().equals(k)) {
                    loop = true;
                    break;
                }
            }
            if (loop) {
                problems.add(new Problem(INCLUDE_CYCLE, o.span(), "directory loop: " + name(c)
                        + " is already being read; not followed. The directory " + c + " is " + k));
                continue;
            }
            if (stack.size() >= MAX_INCLUDE_DEPTH) {
                problems.add(new Problem(INCLUDE_LIMIT, o.span(), "Included directory " + name(c)
                        + " nests deeper than " + MAX_INCLUDE_DEPTH + " levels. Directory " + c
                        + " exceeds the maximum include directory nesting level of " + MAX_INCLUDE_DEPTH));
                continue;
            }
            List<String> names = list(c);
            if (names == null) {
                problems.add(new Problem(INCLUDE_UNREADABLE, o.span(), "Included directory " + name(c) + " cannot be listed. "
                        + "Could not open config directory " + c));
                continue;
            }
            stack.add(new D(c, names, new int[1], k));
        }
    }
}
