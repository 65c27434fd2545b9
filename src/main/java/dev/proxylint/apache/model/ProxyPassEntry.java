package dev.proxylint.apache.model;

import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Directive;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One ProxyPass/ProxyPassMatch mapping: {@code ProxyPass /path url key=value...}, or the short form
 * inside {@code <Location /path>}.
 *
 * @param directive the ProxyPass directive
 * @param location  the enclosing {@code <Location>} (short form), or null
 * @param path      the local path or, for ProxyPassMatch, the regex
 * @param url       the backend URL, or {@code !} for an exclusion
 * @param urlArg    the argument holding the URL
 * @param keys      worker parameters (lower-case keys) in order, with their arguments
 * @param regex     ProxyPassMatch (or LocationMatch)
 */
public record ProxyPassEntry(Directive directive, Directive location, String path, String url, Arg urlArg,
        Map<String, Arg> keys, boolean regex) {

    static ProxyPassEntry of(Directive d, Directive location) {
        boolean match = d.is("ProxyPassMatch") || (location != null && location.is("LocationMatch"));
        int i = 0;
        String path;
        if (location != null) {
            path = location.arg(0) == null ? "/" : location.arg(0);
            if (location.is("Location") && location.argCount() >= 2 && "~".equals(location.arg(0))) {
                path = location.arg(1);
                match = true;
            }
        } else {
            if (d.argCount() < 2) {
                return null;
            }
            path = d.arg(0);
            i = 1;
        }
        if (d.argCount() <= i) {
            return null;
        }
        Arg urlArg = d.args().get(i);
        Map<String, Arg> keys = new LinkedHashMap<>();
        for (int k = i + 1; k < d.argCount(); k++) {
            String v = d.arg(k);
            int eq = v.indexOf('=');
            if (eq > 0) {
                keys.put(v.substring(0, eq).toLowerCase(Locale.ROOT), d.args().get(k));
            } else {
                keys.put(v.toLowerCase(Locale.ROOT), d.args().get(k));
            }
        }
        return new ProxyPassEntry(d, location, path, urlArg.value(), urlArg, keys, match);
    }

    /** A worker parameter's value, or null. */
    public String key(String name) {
        Arg a = keys.get(name);
        if (a == null) {
            return null;
        }
        String v = a.value();
        int eq = v.indexOf('=');
        return eq >= 0 ? v.substring(eq + 1) : "";
    }

    public String scheme() {
        int i = url.indexOf("://");
        return i < 0 ? "" : url.substring(0, i).toLowerCase(Locale.ROOT);
    }

    public boolean exclusion() {
        return url.equals("!");
    }
}
