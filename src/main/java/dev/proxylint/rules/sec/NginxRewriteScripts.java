package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The rewrite-module programs of an nginx config, the way ngx_http_rewrite_module compiles them:
 * each server and each location has one list of codes, run by one script engine per request
 * phase, and an {@code if} block's directives are compiled into the list of the server or location
 * that contains it (inline, after the {@code if} test). So the directives of one program are a
 * scope's own rewrite-module directives in file order with its {@code if} blocks flattened in
 * place; nested locations have programs of their own.
 */
final class NginxRewriteScripts {
    /**
     * Characters nginx %-escapes in captures copied into arguments or a redirect (ngx_escape_uri
     * with NGX_ESCAPE_ARGS): space " # % & + ; < > ? \\ ^ ` { | }, controls and bytes above 0x7f
     * (a tab and an e-acute stand for the last two). A capture that can hold none of them is
     * copied unchanged, so it cannot outgrow its buffer.
     */
    static final String ESCAPED = " \"#%&+;<>?\\^`{|}\t\u007f\u00e9";

    private NginxRewriteScripts() {
    }

    /** Visits each program once: the server or location, and its rewrite-module directives in order. */
    static void each(NginxModel m, BiConsumer<Scope, List<Directive>> visit) {
        NginxScopes.each(m, s -> {
            if (s.kind() == Scope.Kind.SERVER || s.kind() == Scope.Kind.LOCATION) {
                List<Directive> program = program(m, s);
                if (!program.isEmpty()) {
                    visit.accept(s, program);
                }
            }
        });
    }

    /** The rewrite, set, if, return and break directives of one program, if blocks inlined. */
    static List<Directive> program(NginxModel m, Scope s) {
        List<Directive> out = new ArrayList<>();
        Tree.preorder(s.directives(), d -> {
            Work.tick();
            switch (d.name()) {
                case "rewrite", "set", "return", "break" -> out.add(d);
                case "if" -> {
                    out.add(d);
                    Scope inner = m.scopeOf(d);
                    return inner == null ? null : inner.directives();
                }
                default -> {
                }
            }
            return null;
        });
        return out;
    }

    /** Whether a rewrite ends the program when its regex matches: a flag, or a redirect target. */
    static boolean stops(Directive rewrite) {
        return rewrite.argCount() >= 3 || redirect(rewrite);
    }

    /** Whether a rewrite redirects: the redirect or permanent flag, or a target nginx treats as a URL. */
    static boolean redirect(Directive rewrite) {
        if (rewrite.argCount() < 2) {
            return false;
        }
        String target = rewrite.arg(1);
        if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("$scheme")) {
            return true;
        }
        return rewrite.argCount() >= 3 && (rewrite.arg(2).equals("redirect") || rewrite.arg(2).equals("permanent"));
    }

    /**
     * Whether nginx compiles arguments into a rewrite's replacement: a '?' in it once a single
     * final '?' is dropped (that one only discards the request's arguments), and no redirect
     * (nginx does not compile arguments into a redirect target).
     */
    static boolean hasArgs(Directive rewrite) {
        if (rewrite.argCount() < 2 || redirect(rewrite)) {
            return false;
        }
        String t = rewrite.arg(1);
        if (t.endsWith("?")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.indexOf('?') >= 0;
    }

    /** The numbered captures ($1 .. $9, a '$' and one digit) a value refers to, in order. */
    static List<Integer> numbered(String v) {
        List<Integer> out = new ArrayList<>();
        for (int i = v.indexOf('$'); i >= 0 && i + 1 < v.length(); i = v.indexOf('$', i + 1)) {
            Work.tick();
            char c = v.charAt(i + 1);
            if (c >= '1' && c <= '9') {
                out.add(c - '0');
            }
        }
        return out;
    }

    /** Whether a value refers to a variable that is no numbered capture ($uri, ${name}, $name). */
    static boolean hasVariable(String v) {
        for (int i = v.indexOf('$'); i >= 0 && i + 1 < v.length(); i = v.indexOf('$', i + 1)) {
            Work.tick();
            char c = v.charAt(i + 1);
            if (c == '{' || c == '_' || Character.isLetter(c)) {
                return true;
            }
        }
        return false;
    }

    /** The regex an {@code if} condition matches with ({@code ~ ~* !~ !~*}), or null. */
    static String ifRegex(Directive d) {
        List<String> v = d.values();
        for (int i = 0; i + 1 < v.size(); i++) {
            String a = v.get(i);
            if (a.equals("~") || a.equals("~*") || a.equals("!~") || a.equals("!~*")) {
                List<String> rest = new ArrayList<>(v.subList(i + 1, v.size()));
                String last = rest.get(rest.size() - 1);
                if (last.equals(")")) {
                    rest.remove(rest.size() - 1);
                } else if (last.endsWith(")")) {
                    rest.set(rest.size() - 1, last.substring(0, last.length() - 1));
                }
                return String.join(" ", rest);
            }
        }
        return null;
    }

    /** Whether an {@code if} condition matches case-insensitively ({@code ~*}, {@code !~*}). */
    static boolean ifCaseless(Directive d) {
        return d.values().contains("~*") || d.values().contains("!~*");
    }
}
