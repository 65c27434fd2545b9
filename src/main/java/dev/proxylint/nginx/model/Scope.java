package dev.proxylint.nginx.model;

import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One nginx configuration context (main, http, server, location, if, ...) with its own directives
 * (includes already expanded) and its child contexts. Inheritance questions are answered here, with
 * the rules nginx applies: a directive set at this level wins; array-like directives such as
 * {@code proxy_set_header} and {@code add_header} are inherited only when the level defines none of
 * its own.
 */
public final class Scope {
    /** The context kinds proxylint tells apart. */
    public enum Kind {
        MAIN, HTTP, SERVER, LOCATION, IF, LIMIT_EXCEPT, UPSTREAM, MAP, EVENTS, STREAM, OTHER
    }

    private final Kind kind;
    private final Directive block;
    private final Scope parent;
    final List<Directive> own = new ArrayList<>();
    final List<Scope> children = new ArrayList<>();
    /** Own directives by name, built on the first question (the model is complete by then). */
    private volatile Map<String, List<Directive>> byName;
    private static final Object NO_REGEX = new Object();
    /*
     * Location patterns compiled so far, by modifier and pattern: generated fleets repeat the same
     * few regex locations in every server, and a Pattern (with its node graph) per location cost
     * about 1 KB each. Patterns are immutable and thread-safe; the cache is bounded.
     */
    private static final int MAX_COMPILED = 4096;
    private static final java.util.concurrent.ConcurrentHashMap<String, Object> COMPILED =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Object regex;

    Scope(Kind kind, Directive block, Scope parent) {
        this.kind = kind;
        this.block = block;
        this.parent = parent;
    }

    public Kind kind() {
        return kind;
    }

    /** The block directive that opens this context; null for main. */
    public Directive block() {
        return block;
    }

    public Scope parent() {
        return parent;
    }

    /** Directives written directly in this context (not in child blocks), in order. */
    public List<Directive> directives() {
        return own;
    }

    public List<Scope> children() {
        return children;
    }

    /** This context's own directives with a name, in order (an index lookup, not a scan). */
    public List<Directive> own(String name) {
        List<Directive> l = index().get(name);
        return l == null ? java.util.Collections.emptyList() : l;
    }

    /** The last own directive with a name (nginx: the last one wins or the second is refused), or null. */
    public Directive ownLast(String name) {
        List<Directive> l = index().get(name);
        return l == null ? null : l.get(l.size() - 1);
    }

    /** True when this context has at least one own directive with a name. */
    public boolean has(String name) {
        return index().containsKey(name);
    }

    private Map<String, List<Directive>> index() {
        Work.tick();
        Map<String, List<Directive>> m = byName;
        if (m == null) {
            Map<String, List<Directive>> b = new HashMap<>();
            for (Directive d : own) {
                Work.tick();
                b.computeIfAbsent(d.name(), k -> new ArrayList<>(2)).add(d);
            }
            b.replaceAll((k, v) -> List.copyOf(v));
            m = Map.copyOf(b);
            byName = m;
        }
        return m;
    }

    /**
     * The directive in effect for a simple (non-array) directive: this level's, else the nearest
     * enclosing level's; null means nginx's default applies.
     */
    public Directive effective(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Work.tick();
            if (s.kind == Kind.IF && s != this) {
                continue; // an if block's settings do not flow into siblings' children
            }
            Directive d = s.ownLast(name);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /**
     * For array-like directives ({@code proxy_set_header}, {@code add_header}, ...): the scope whose
     * list is in effect here, i.e. the nearest level (this one first) that has at least one of them.
     * Null when no level sets any.
     */
    public Scope arrayOwner(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Work.tick();
            if (s.has(name)) {
                return s;
            }
        }
        return null;
    }

    /** The array-like directives in effect here (see {@link #arrayOwner}). */
    public List<Directive> effectiveArray(String name) {
        Scope s = arrayOwner(name);
        return s == null ? java.util.Collections.emptyList() : s.own(name);
    }

    /** The nearest enclosing context (this one included) of a kind, or null. */
    public Scope enclosing(Kind k) {
        for (Scope s = this; s != null; s = s.parent) {
            Work.tick();
            if (s.kind == k) {
                return s;
            }
        }
        return null;
    }

    /** For locations: the modifier ({@code =}, {@code ^~}, {@code ~}, {@code ~*}, {@code @} or empty). */
    public String locationModifier() {
        if (kind != Kind.LOCATION || block.argCount() == 0) {
            return "";
        }
        String a = block.arg(0);
        if (block.argCount() >= 2 && (a.equals("=") || a.equals("^~") || a.equals("~") || a.equals("~*"))) {
            return a;
        }
        if (a.startsWith("@")) {
            return "@";
        }
        if (a.startsWith("=") && a.length() > 1) {
            return "=";
        }
        if (a.startsWith("^~") && a.length() > 2) {
            return "^~";
        }
        if (a.startsWith("~*") && a.length() > 2) {
            return "~*";
        }
        if (a.startsWith("~") && a.length() > 1) {
            return "~";
        }
        return "";
    }

    /**
     * For locations: the argument that holds the path or regex, when the head has a shape nginx
     * accepts (one argument, or a separate modifier and the pattern); null otherwise (nginx refuses
     * such a location, so a fix must not aim at one of its arguments).
     */
    public Arg locationPatternArg() {
        if (kind != Kind.LOCATION || block.argCount() == 0 || block.argCount() > 2) {
            return null;
        }
        if (block.argCount() == 2) {
            return block.arg(0).equals(locationModifier()) ? block.args().get(1) : null;
        }
        return block.args().get(0);
    }

    /** For locations: the path or regex without its modifier. */
    public String locationPattern() {
        if (kind != Kind.LOCATION || block.argCount() == 0) {
            return "";
        }
        String a = block.arg(0);
        String m = locationModifier();
        if (block.argCount() >= 2 && a.equals(m)) {
            return block.arg(1);
        }
        if (m.equals("@")) {
            return a;
        }
        return a.substring(m.length());
    }

    /**
     * For regex locations: the pattern (PCRE syntax read as a Java regex), compiled once; null when
     * this is no regex location or Java cannot read the pattern.
     */
    public Pattern regex() {
        Object r = regex;
        if (r == null) {
            r = NO_REGEX;
            if (isRegexLocation()) {
                boolean ci = locationModifier().equals("~*");
                String key = (ci ? '*' : '~') + locationPattern();
                r = COMPILED.get(key);
                if (r == null) {
                    try {
                        r = Pattern.compile(locationPattern(), ci ? Pattern.CASE_INSENSITIVE : 0);
                    } catch (RuntimeException e) {
                        r = NO_REGEX;
                    }
                    if (COMPILED.size() >= MAX_COMPILED) {
                        COMPILED.clear();
                    }
                    COMPILED.put(key, r);
                }
            }
            regex = r;
        }
        return r == NO_REGEX ? null : (Pattern) r;
    }

    public boolean isRegexLocation() {
        String m = locationModifier();
        return m.equals("~") || m.equals("~*");
    }

    @Override
    public String toString() {
        return kind + (block == null ? "" : " " + block);
    }
}
