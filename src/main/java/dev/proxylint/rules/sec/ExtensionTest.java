package dev.proxylint.rules.sec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a regex that tests a file extension is anchored at the end, computed by matching
 * sample names rather than by reading the pattern: shared by SEC114 (nginx regex locations) and
 * SEC214 (Apache FilesMatch and LocationMatch sections).
 */
final class ExtensionTest {
    /** Script and page extensions tried after the one the pattern itself names. */
    private static final List<String> COMMON = List.of("php", "php5", "php7", "phtml", "phar", "cgi", "fcgi", "pl", "py",
            "rb", "sh", "asp", "aspx", "jsp", "do", "action", "html", "json");

    private ExtensionTest() {
    }

    /** The literal path an anchored regex starts with ({@code ^/legacy/} gives /legacy/), else "/". */
    static String literalPrefix(String re) {
        if (!re.startsWith("^/")) {
            return "/";
        }
        int e = 1;
        while (e < re.length() && (Character.isLetterOrDigit(re.charAt(e)) || "/-_".indexOf(re.charAt(e)) >= 0)) {
            e++;
        }
        String lit = re.substring(1, e);
        if (e < re.length() && "?*{".indexOf(re.charAt(e)) >= 0 && lit.length() > 1) {
            lit = lit.substring(0, lit.length() - 1); // a quantifier applies to the last character
        }
        return lit.endsWith("/") ? lit : lit + "/";
    }

    /** Extensions to try: the letters after the pattern's last escaped dot, then common ones. */
    static Set<String> candidates(String pattern) {
        Set<String> out = new LinkedHashSet<>();
        int dot = pattern.lastIndexOf("\\.");
        if (dot >= 0) {
            int i = dot + 2;
            while (i < pattern.length() && (pattern.charAt(i) == '(' || pattern.charAt(i) == '?' || pattern.charAt(i) == ':')) {
                i++;
            }
            int e = i;
            while (e < pattern.length() && Character.isLetterOrDigit(pattern.charAt(e))) {
                e++;
            }
            if (e > i) {
                out.add(pattern.substring(i, e));
            }
        }
        out.addAll(COMMON);
        return out;
    }

    /** Whether a regex has a '|' outside groups and classes (a final $ would anchor only the last branch). */
    static boolean topLevelAlternation(String re) {
        int depth = 0;
        boolean cls = false;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                i++;
            } else if (cls) {
                cls = c != ']';
            } else if (c == '[') {
                cls = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return true;
            }
        }
        return false;
    }

    /** An extension the regex tests, and a longer name it still accepts. */
    record Unanchored(String ext, String longer) {
    }

    /**
     * Whether a regex tests a file extension without anchoring it: some extension it accepts
     * ({@code PREFIX/x.EXT} or, for a file name, {@code x.EXT}) where {@code PREFIX/x.zzz} fails (so it
     * is an extension test, not a catch-all) and {@code x.EXT.jpg} or {@code x.EXTx} still matches.
     *
     * @param prefix what each sample starts with: a path prefix such as "/" or "/legacy/", or "" for
     *               a file name
     * @return the first such extension, or null
     */
    static Unanchored find(Pattern p, String prefix, String pattern) {
        // fleets repeat the same few regex locations in every server: decide each distinct one once
        String key = p.flags() + "\0" + p.pattern() + "\0" + prefix + "\0" + pattern;
        return FOUND.get(key, k -> search(p, prefix, pattern));
    }

    private static final dev.proxylint.source.BoundedMemo<Unanchored> FOUND = new dev.proxylint.source.BoundedMemo<>(4096);

    private static Unanchored search(Pattern p, String prefix, String pattern) {
        if (p.matcher(prefix + "x.zzz").find()) {
            return null;
        }
        for (String ext : candidates(pattern)) {
            String name = prefix + "x." + ext;
            if (p.matcher(name).find()) {
                String longer = longerMatch(p, name);
                return longer != null ? new Unanchored(ext, longer) : null;
            }
        }
        return null;
    }

    /**
     * The first of {@code name + ".jpg"} and {@code name + "x"} that the regex still finds, or null:
     * a name that matches with text after the extension shows the test is not anchored.
     */
    static String longerMatch(Pattern p, String name) {
        for (String tail : List.of(".jpg", "x")) {
            if (p.matcher(name + tail).find()) {
                return name + tail;
            }
        }
        return null;
    }
}
