package dev.proxylint.rules.sec;

import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the capture groups of a regex (PCRE as nginx and Apache use it, read with Java's regex
 * classes) can hold: the text of each group, and whether some string a group matches can contain a
 * given character. The answer comes from the group's atoms (literals, escapes, classes, {@code .}):
 * a group can hold a character when one of its atoms matches that character, with the pattern's
 * case and dot-all flags. An atom Java cannot read counts as matching (the safe side for a security
 * check).
 */
public final class RegexCaptures {
    private final String pattern;
    private final boolean caseInsensitive;
    private final boolean dotAll;
    private final List<int[]> groups = new ArrayList<>();
    private final Map<String, Integer> names = new LinkedHashMap<>();

    public RegexCaptures(String pattern, boolean caseInsensitive) {
        this.pattern = pattern;
        boolean ci = caseInsensitive;
        boolean s = false;
        for (int i = pattern.indexOf("(?"); i >= 0; i = pattern.indexOf("(?", i + 2)) {
            Work.tick();
            int j = i + 2;
            boolean on = true;
            while (j < pattern.length() && "imsxU-".indexOf(pattern.charAt(j)) >= 0) {
                char c = pattern.charAt(j);
                if (c == '-') {
                    on = false;
                } else if (c == 's' && on) {
                    s = true;
                } else if (c == 'i' && on) {
                    ci = true;
                }
                j++;
            }
        }
        this.caseInsensitive = ci;
        this.dotAll = s;
        scanGroups();
    }

    private void scanGroups() {
        List<int[]> stack = new ArrayList<>();
        int n = pattern.length();
        for (int i = 0; i < n; i++) {
            Work.tick();
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = classEnd(i) - 1;
            } else if (c == '(') {
                int[] g = null;
                if (i + 1 < n && pattern.charAt(i + 1) == '?') {
                    int nameStart = -1;
                    if (pattern.startsWith("?P<", i + 1)) {
                        nameStart = i + 4;
                    } else if (pattern.startsWith("?<", i + 1) && i + 3 < n && Character.isLetter(pattern.charAt(i + 3))) {
                        nameStart = i + 3;
                    } else if (pattern.startsWith("?'", i + 1)) {
                        nameStart = i + 3;
                    }
                    if (nameStart >= 0) {
                        int close = nameStart;
                        while (close < n && (Character.isLetterOrDigit(pattern.charAt(close)) || pattern.charAt(close) == '_')) {
                            close++;
                        }
                        g = new int[] {close + 1, -1};
                        groups.add(g);
                        names.put(pattern.substring(nameStart, close).toLowerCase(java.util.Locale.ROOT), groups.size());
                    }
                } else {
                    g = new int[] {i + 1, -1};
                    groups.add(g);
                }
                stack.add(g);
            } else if (c == ')' && !stack.isEmpty()) {
                int[] g = stack.remove(stack.size() - 1);
                if (g != null) {
                    g[1] = i;
                }
            }
        }
    }

    /** The index just after the character class that opens at {@code open}. */
    private int classEnd(int open) {
        int n = pattern.length();
        int i = open + 1;
        if (i < n && pattern.charAt(i) == '^') {
            i++;
        }
        if (i < n && pattern.charAt(i) == ']') {
            i++; // a leading ] is literal
        }
        while (i < n) {
            Work.tick();
            char c = pattern.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[' && i + 1 < n && pattern.charAt(i + 1) == ':') {
                int e = pattern.indexOf(":]", i + 2);
                if (e > 0) {
                    i = e + 2;
                    continue;
                }
            }
            if (c == ']') {
                return i + 1;
            }
            i++;
        }
        return n;
    }

    /** The number of capture groups. */
    public int count() {
        return groups.size();
    }

    /** The group number of a named group, by any spelling of its name (nginx ignores case), or -1. */
    public int number(String name) {
        return names.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), -1);
    }

    /** The text of group {@code n} (1-based), or null when there is no such group. */
    public String group(int n) {
        if (n < 1 || n > groups.size() || groups.get(n - 1)[1] < 0) {
            return null;
        }
        int[] g = groups.get(n - 1);
        return pattern.substring(g[0], g[1]);
    }

    /** Whether group {@code outer} (1-based) contains group {@code inner}, so their captures overlap. */
    public boolean encloses(int outer, int inner) {
        if (outer < 1 || inner < 1 || outer > groups.size() || inner > groups.size() || outer == inner) {
            return false;
        }
        int[] o = groups.get(outer - 1);
        int[] i = groups.get(inner - 1);
        return o[1] >= 0 && i[1] >= 0 && o[0] <= i[0] && i[1] <= o[1];
    }

    /** Whether something group {@code n} captures can contain {@code c}; true for an unknown group. */
    public boolean canHold(int n, char c) {
        String g = group(n);
        return g == null || canHold(g, c);
    }

    /** Whether any of {@code chars} can occur in what group {@code n} captures. */
    public boolean canHoldAny(int n, String chars) {
        for (int i = 0; i < chars.length(); i++) {
            if (canHold(n, chars.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private boolean canHold(String sub, char c) {
        int n = sub.length();
        String ch = String.valueOf(c);
        for (int i = 0; i < n; i++) {
            Work.tick();
            char x = sub.charAt(i);
            String atom;
            if (x == '\\') {
                if (i + 1 >= n) {
                    return true;
                }
                char e = sub.charAt(i + 1);
                int end = i + 2;
                if ((e == 'x' || e == 'p' || e == 'P') && end < n && sub.charAt(end) == '{') {
                    int close = sub.indexOf('}', end);
                    end = close < 0 ? n : close + 1;
                } else if (e == 'x') {
                    end = Math.min(n, i + 4);
                } else if (e == 'p' || e == 'P') {
                    end = Math.min(n, i + 3);
                } else if (e == 'Q') {
                    int close = sub.indexOf("\\E", end);
                    String lit = sub.substring(end, close < 0 ? n : close);
                    if (lit.indexOf(c) >= 0 || (caseInsensitive && lit.toLowerCase().indexOf(Character.toLowerCase(c)) >= 0)) {
                        return true;
                    }
                    i = close < 0 ? n : close + 1;
                    continue;
                }
                atom = sub.substring(i, end);
                i = end - 1;
            } else if (x == '[') {
                int end = classEndIn(sub, i);
                atom = posix(sub.substring(i, end));
                i = end - 1;
            } else if (x == '{' && i + 1 < n && Character.isDigit(sub.charAt(i + 1))) {
                int close = sub.indexOf('}', i);
                i = close < 0 ? n : close;
                continue;
            } else if (x == '(') {
                // skip the group's prefix: (?:  (?<name>  (?P<name>  (?=  (?!  (?i)
                if (i + 1 < n && sub.charAt(i + 1) == '?') {
                    int j = i + 2;
                    if (j < n && (sub.charAt(j) == '<' || sub.charAt(j) == 'P' || sub.charAt(j) == '\'')) {
                        int close = sub.indexOf(sub.charAt(j) == '\'' ? '\'' : '>', j + 2);
                        i = close < 0 ? n : close;
                    } else {
                        while (j < n && sub.charAt(j) != ':' && sub.charAt(j) != ')' && "=!imsxU-".indexOf(sub.charAt(j)) >= 0) {
                            j++;
                        }
                        i = j < n && sub.charAt(j) == ':' ? j : j - 1;
                    }
                }
                continue;
            } else if ("|)*+?^$".indexOf(x) >= 0) {
                continue;
            } else {
                atom = Pattern.quote(String.valueOf(x));
                if (x == '.') {
                    atom = ".";
                }
            }
            if (matches(atom, ch)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(String atom, String ch) {
        int flags = (caseInsensitive ? Pattern.CASE_INSENSITIVE : 0) | (dotAll ? Pattern.DOTALL : 0);
        try {
            return Pattern.compile(atom, flags).matcher(ch).matches();
        } catch (PatternSyntaxException e) {
            return true;
        }
    }

    private static int classEndIn(String s, int open) {
        return new RegexCaptures(s, false).classEnd(open);
    }

    /** POSIX classes ([:alpha:]) as Java property classes; a literal [ inside a class escaped. */
    private static String posix(String cls) {
        String out = cls.replace("[:alpha:]", "\\p{Alpha}").replace("[:digit:]", "\\d").replace("[:alnum:]", "\\p{Alnum}")
                .replace("[:space:]", "\\s").replace("[:upper:]", "\\p{Upper}").replace("[:lower:]", "\\p{Lower}")
                .replace("[:punct:]", "\\p{Punct}").replace("[:xdigit:]", "\\p{XDigit}").replace("[:word:]", "\\w");
        if (out.length() > 2 && out.indexOf('[', 1) > 0) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 1; i < out.length(); i++) {
                char c = out.charAt(i);
                if (c == '\\' && i + 1 < out.length()) {
                    b.append(c).append(out.charAt(++i));
                } else if (c == '[' || (c == '&' && i + 1 < out.length() && out.charAt(i + 1) == '&')) {
                    b.append('\\').append(c);
                } else {
                    b.append(c);
                }
            }
            out = b.toString();
        }
        return out;
    }
}
