package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.Scope;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** nginx variables in directive values, and which of them carry what the client sent. */
public final class NginxVars {
    /** Variables holding the decoded, normalised URI: %0d%0a in the request becomes CR LF in them. */
    static final Set<String> DECODED_URI = Set.of("uri", "document_uri", "request_filename");
    /** Variables whose whole value the client chooses (besides http_*, arg_*, cookie_*). */
    static final Set<String> CLIENT = Set.of("uri", "document_uri", "request_filename", "request_uri", "args",
            "query_string", "request_body", "remote_user", "request", "is_args");
    static final String[] CLIENT_PREFIXES = {"http_", "arg_", "cookie_"};

    private NginxVars() {
    }

    /** One variable reference in a value: its name (lower case, as nginx reads it) and where it stands in the value. */
    public record Ref(String name, int start, int end) {
    }

    /** The variables a value refers to ({@code $name} and {@code ${name}}), in order. */
    public static List<Ref> refs(String v) {
        int first = v.indexOf('$');
        if (first < 0) {
            return java.util.Collections.emptyList(); // most values: no list, and an iterator-free loop
        }
        List<Ref> out = new ArrayList<>(2);
        int n = v.length();
        for (int i = first; i >= 0 && i + 1 < n; i = v.indexOf('$', i + 1)) {
            Work.tick();
            int s = i + 1;
            boolean brace = v.charAt(s) == '{';
            if (brace) {
                s++;
            }
            int e = s;
            if (e < n && Character.isDigit(v.charAt(e))) {
                e++; // $1 .. $9: one digit
            } else {
                while (e < n && (Character.isLetterOrDigit(v.charAt(e)) || v.charAt(e) == '_')) {
                    e++;
                }
            }
            if (e == s) {
                continue;
            }
            int end = e;
            if (brace) {
                if (e < n && v.charAt(e) == '}') {
                    end = e + 1;
                } else {
                    continue;
                }
            }
            // nginx folds variable names to lower case: $HTTP_HOST is $http_host
            out.add(new Ref(v.substring(s, e).toLowerCase(java.util.Locale.ROOT), i, end));
        }
        return out;
    }

    /**
     * The words of an {@code if} condition without its parentheses: {@code if ($a = 1)} gives
     * {@code [$a, =, 1]}, whether the parentheses stand alone or touch the first and last word.
     */
    static List<String> condition(Directive ifBlock) {
        List<String> v = new ArrayList<>(ifBlock.values());
        if (v.isEmpty()) {
            return v;
        }
        String first = v.get(0);
        if (first.equals("(")) {
            v.remove(0);
        } else if (first.startsWith("(")) {
            v.set(0, first.substring(1));
        }
        if (v.isEmpty()) {
            return v;
        }
        String last = v.get(v.size() - 1);
        if (last.equals(")")) {
            v.remove(v.size() - 1);
        } else if (last.endsWith(")")) {
            v.set(v.size() - 1, last.substring(0, last.length() - 1));
        }
        return v;
    }

    /** Whether the client chooses a variable's value freely (headers, arguments, cookies, URI, body). */
    static boolean client(String name) {
        if (CLIENT.contains(name)) {
            return true;
        }
        for (String p : CLIENT_PREFIXES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The regex location whose captures a directive in {@code scope} sees, or null: the nearest
     * enclosing location when it is a regex one, and no {@code if} with a regex or {@code rewrite}
     * in between or in it has replaced the captures.
     */
    static Scope captureSource(Scope scope) {
        for (Scope s = scope; s != null; s = s.parent()) {
            Work.tick();
            if (s.kind() == Scope.Kind.IF) {
                Directive d = s.block();
                for (String a : d.values()) {
                    if (a.equals("~") || a.equals("~*") || a.equals("!~") || a.equals("!~*")) {
                        return null;
                    }
                }
                continue;
            }
            if (s.kind() == Scope.Kind.LOCATION) {
                if (s.has("rewrite")) {
                    return null;
                }
                return s.isRegexLocation() ? s : null;
            }
            return null;
        }
        return null;
    }

    /** The capture group a variable names in a location's regex ($1, or a named group), or -1. */
    static int group(RegexCaptures rc, String name) {
        if (name.length() == 1 && Character.isDigit(name.charAt(0))) {
            int g = name.charAt(0) - '0';
            return g >= 1 && g <= rc.count() ? g : -1;
        }
        return rc.number(name);
    }

    static RegexCaptures captures(Scope location) {
        return new RegexCaptures(location.locationPattern(), location.locationModifier().equals("~*"));
    }
}
