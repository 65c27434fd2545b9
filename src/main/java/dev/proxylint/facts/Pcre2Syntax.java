package dev.proxylint.facts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether PCRE2 (10.42, as nginx 1.22 and Apache 2.4 on Debian 12 link it; 8-bit, no UTF) compiles
 * a pattern, read the way {@code pcre2_compile} reads it, not the way Java's regex does: Java refuses
 * much that PCRE2 takes ({@code (?P<id>..)}, {@code a{,3}} as literal text, {@code []a]}, names with
 * {@code _}, recursion, branch reset) and takes some that PCRE2 refuses ({@code \x{100}}, variable
 * lookbehind with bounds). {@link #check} answers with PCRE2's own message for the errors it knows, and
 * with null both when PCRE2 compiles the pattern and where it cannot tell (extended mode, callouts):
 * a missed error, never a false one.
 */
public final class Pcre2Syntax {
    /** PCRE2's message and the offset in the pattern where it stops. */
    public record Error(String message, int offset) {
    }

    private static final String VALID_ESCAPES = "aAbBcCdDeEfFgGhHkKlLnNopPQrRsStuUvVwWxXzZ";
    private static final Set<String> POSIX = Set.of("alpha", "lower", "upper", "alnum", "ascii", "blank", "cntrl",
            "digit", "graph", "print", "punct", "space", "word", "xdigit");
    private static final int VAR = -1;
    private static final int UNKNOWN = -2;

    /** Thrown to stop at the first error. */
    private static final class Stop extends RuntimeException {
        final Error error;

        Stop(String message, int offset) {
            super(message, null, false, false);
            this.error = new Error(message, offset);
        }
    }

    /** Thrown where proxylint cannot tell what PCRE2 would say. */
    private static final class GiveUp extends RuntimeException {
        GiveUp() {
            super(null, null, false, false);
        }
    }

    private final String p;
    private int i;
    private int groups;
    private boolean branchReset;
    private final boolean dupNames;
    private final Set<String> names = new HashSet<>();
    private final List<int[]> numberRefs = new ArrayList<>(); // {number, where, offset}
    private final List<Object[]> nameRefs = new ArrayList<>(); // {name, where, offset}

    private Pcre2Syntax(String p, boolean dupNames) {
        this.p = p;
        this.dupNames = dupNames || p.contains("(?J") || p.contains("(?iJ") || p.contains("(?sJ") || p.contains("(?mJ");
    }

    /**
     * PCRE2's compile error for the pattern, or null when it compiles (or proxylint cannot tell). The
     * offset counts characters of the pattern (PCRE2 reads the UTF-8 bytes, which the check follows).
     */
    public static Error check(String pattern) {
        return check(pattern, false);
    }

    /**
     * As {@link #check(String)}, compiled with PCRE2_DUPNAMES when {@code dupNames}: httpd's
     * ap_regcomp always sets it (two groups may share a name), nginx never does.
     */
    public static Error check(String pattern, boolean dupNames) {
        String bytes = new String(pattern.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        Error e = checkBytes(bytes, dupNames);
        if (e == null || bytes.length() == pattern.length()) {
            return e;
        }
        int chars = new String(bytes.substring(0, Math.min(e.offset(), bytes.length()))
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), java.nio.charset.StandardCharsets.UTF_8).length();
        return new Error(e.message(), chars);
    }

    private static Error checkBytes(String pattern, boolean dupNames) {
        Pcre2Syntax s = new Pcre2Syntax(pattern, dupNames);
        try {
            s.alternation(0, false);
            if (s.i < pattern.length()) {
                throw new Stop("unmatched closing parenthesis", s.i);
            }
            s.references();
            return null;
        } catch (Stop e) {
            return e.error;
        } catch (GiveUp e) {
            return null;
        }
    }

    /**
     * The property after {@code \p} or {@code \P} (i at the character after the letter), read as
     * PCRE2 10.42's get_ucp reads it: one ASCII letter, or {@code {[^]name}} where the name is at most
     * 49 bytes once spaces, hyphens and underscores are dropped, compared in lower case, and
     * {@code bc=}/{@code bidiclass=}, {@code sc=}/{@code script=}, {@code scx=}/{@code scriptextensions=}
     * pick the bidi classes or the scripts. A malformed sequence stops where PCRE2 stops reading, an
     * unknown name after the closing brace.
     */
    private void property() {
        if (!more()) {
            throw new Stop("malformed \\P or \\p sequence", i);
        }
        char c = p.charAt(i++);
        StringBuilder name = new StringBuilder();
        int sep = -1;
        if (c == '{') {
            if (!more()) {
                throw new Stop("malformed \\P or \\p sequence", i);
            }
            if (p.charAt(i) == '^') {
                i++;
            }
            boolean closed = false;
            for (int n = 0; n < 49; n++) {
                if (!more()) {
                    throw new Stop("malformed \\P or \\p sequence", i);
                }
                c = p.charAt(i++);
                while (c == '_' || c == '-' || c == ' ' || (c >= '\t' && c <= '\r')) {
                    if (!more()) {
                        throw new Stop("malformed \\P or \\p sequence", i);
                    }
                    c = p.charAt(i++);
                }
                if (c == 0) {
                    throw new Stop("malformed \\P or \\p sequence", i);
                }
                if (c == '}') {
                    closed = true;
                    break;
                }
                if ((c == ':' || c == '=') && sep < 0) {
                    sep = name.length();
                }
                name.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
            if (!closed) {
                throw new Stop("malformed \\P or \\p sequence", i);
            }
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            name.append(Character.toLowerCase(c));
        } else {
            throw new Stop("malformed \\P or \\p sequence", i);
        }
        if (!Pcre2Properties.known(name.toString(), sep)) {
            throw new Stop("unknown property after \\P or \\p", i);
        }
    }

    /** The value of {@code \o{...}} (i after the o): octal digits, at most 0xff without UTF. */
    private int bracedOctal() {
        if (peek(0) != '{') {
            // at the end of the pattern PCRE2 points at the o itself
            throw new Stop("missing opening brace after \\o", more() ? i : i - 1);
        }
        int close = p.indexOf('}', i);
        if (close < 0) {
            unclosedOctal();
        }
        String oct = bracedDigits(close, 8, "non-octal character in \\o{} (closing brace missing?)");
        i = close + 1;
        if (oct.length() > 12 || Long.parseLong(oct, 8) > 0xff) {
            throw new Stop("character code point value in \\x{} or \\o{} is too large", close);
        }
        return (int) Long.parseLong(oct, 8);
    }

    /**
     * {@code \o{} without a closing brace (i at the brace), as nginx 1.22.1 reported it: PCRE2 reads
     * octal digits and stops at the first other character (its offset), or at the end of the
     * pattern (the offset of its last character; with no digit at all, "digits missing" at the end).
     */
    private void unclosedOctal() {
        String msg = "non-octal character in \\o{} (closing brace missing?)";
        if (i + 1 >= p.length()) {
            throw new Stop("digits missing in \\x{} or \\o{} or \\N{U+}", p.length());
        }
        for (int j = i + 1; j < p.length(); j++) {
            char c = p.charAt(j);
            if (c < '0' || c > '7') {
                throw new Stop(msg, j);
            }
        }
        throw new Stop(msg, p.length() - 1);
    }

    private boolean more() {
        return i < p.length();
    }

    private char peek(int ahead) {
        return i + ahead < p.length() ? p.charAt(i + ahead) : '\0';
    }

    private boolean at(String s) {
        return p.startsWith(s, i);
    }

    /**
     * Branches up to a {@code )} (not consumed) or the end; the fixed length of each branch (or VAR,
     * UNKNOWN), for lookbehind.
     */
    private List<Integer> alternation(int depth, boolean lookbehind) {
        List<Integer> lengths = new ArrayList<>();
        while (true) {
            lengths.add(branch(depth, lookbehind));
            if (more() && p.charAt(i) == '|') {
                i++;
                continue;
            }
            if (more() && p.charAt(i) == ')' && depth == 0) {
                throw new Stop("unmatched closing parenthesis", i);
            }
            return lengths;
        }
    }

    /** What the last item allows a quantifier after it to do. */
    private enum Last { NOTHING, ITEM, QUANTIFIED, UNSURE }

    private int branch(int depth, boolean lookbehind) {
        int length = 0;
        int before = 0; // the length before the last item
        Last last = Last.NOTHING;
        int lastLength = 0;
        while (more()) {
            char c = p.charAt(i);
            if (c == '|' || c == ')') {
                break;
            }
            int q = quantifier();
            if (q != Integer.MIN_VALUE) {
                if (last == Last.UNSURE) {
                    throw new GiveUp();
                }
                if (last != Last.ITEM) {
                    // PCRE2 points at the quantifier's last character: 0 for "*", 2 for "{2}"
                    throw new Stop("quantifier does not follow a repeatable item", i - 1);
                }
                if (more() && (p.charAt(i) == '?' || p.charAt(i) == '+')) {
                    i++; // lazy or possessive
                }
                length = add(before, repeat(lastLength, q));
                last = Last.QUANTIFIED;
                continue;
            }
            int itemLength;
            if (c == '\\') {
                itemLength = escape();
                if (itemLength == Integer.MIN_VALUE) { // \E, an empty \Q\E: nothing
                    continue;
                }
                last = itemLength == 0 ? Last.NOTHING : Last.ITEM;
            } else if (c == '[') {
                itemLength = charClass();
                last = Last.ITEM;
            } else if (c == '(') {
                int[] g = group(depth, lookbehind);
                if (g[1] == 3) { // a comment: nothing
                    continue;
                }
                itemLength = g[0];
                last = g[1] == 0 ? Last.NOTHING : g[1] == 1 ? Last.ITEM : Last.UNSURE;
            } else if (c == '^' || c == '$') {
                i++;
                itemLength = 0;
                last = Last.NOTHING;
            } else {
                i++;
                itemLength = 1;
                last = Last.ITEM;
            }
            before = length;
            lastLength = itemLength;
            length = add(length, itemLength);
        }
        return length;
    }

    private static int add(int a, int b) {
        if (a == UNKNOWN || b == UNKNOWN) {
            return UNKNOWN;
        }
        if (a == VAR || b == VAR) {
            return VAR;
        }
        return a + b;
    }

    /** The length of an item of fixed length {@code len} under quantifier {@code q} (exact count or -1). */
    private static int repeat(int len, int q) {
        if (len < 0) {
            return len;
        }
        if (q >= 0) {
            return len * q;
        }
        return len == 0 ? UNKNOWN : VAR;
    }

    /**
     * Reads a quantifier at i ({@code * + ? {n} {n,} {n,m}}): its exact count, -1 for a range, or
     * MIN_VALUE when there is none ({@code {} {,3} {x}} are literal text in PCRE2 10.42).
     */
    private int quantifier() {
        char c = p.charAt(i);
        if (c == '*' || c == '+' || c == '?') {
            i++;
            return -1;
        }
        if (c != '{') {
            return Integer.MIN_VALUE;
        }
        int j = i + 1;
        int a = j;
        while (j < p.length() && Character.isDigit(p.charAt(j)) && p.charAt(j) < 128) {
            j++;
        }
        if (j == a) {
            return Integer.MIN_VALUE;
        }
        String min = p.substring(a, j);
        String max = null;
        if (j < p.length() && p.charAt(j) == ',') {
            j++;
            int b = j;
            while (j < p.length() && p.charAt(j) >= '0' && p.charAt(j) <= '9') {
                j++;
            }
            max = p.substring(b, j);
        }
        if (j >= p.length() || p.charAt(j) != '}') {
            return Integer.MIN_VALUE;
        }
        i = j + 1;
        // PCRE2 reports a number too big right after its digits (nginx 1.22.1: a{70000} at 7)
        long lo = parse(min, a + min.length());
        if (max == null) {
            return (int) lo;
        }
        if (max.isEmpty()) {
            return -1;
        }
        long hi = parse(max, j);
        if (hi < lo) {
            throw new Stop("numbers out of order in {} quantifier", j);
        }
        return hi == lo ? (int) lo : -1;
    }

    private long parse(String digits, int at) {
        if (digits.length() > 6 || Long.parseLong(digits) > 65535) {
            throw new Stop("number too big in {} quantifier", at);
        }
        return Long.parseLong(digits);
    }

    /**
     * An escape outside a class: its length (0 for assertions), MIN_VALUE for {@code \E} or an empty
     * {@code \Q\E}; UNKNOWN for back references.
     */
    private int escape() {
        int start = i;
        i++;
        if (!more()) {
            throw new Stop("\\ at end of pattern", start);
        }
        char c = p.charAt(i++);
        if (c >= '1' && c <= '9') {
            int j = i;
            while (j < p.length() && Character.isDigit(p.charAt(j)) && p.charAt(j) < 128) {
                j++;
            }
            String digits = p.substring(start + 1, j);
            long n = digits.length() > 6 ? Long.MAX_VALUE : Long.parseLong(digits);
            if (n < 10 || c == '8' || c == '9' || n <= groups) {
                i = j;
                numberRefs.add(new int[] {(int) Math.min(n, Integer.MAX_VALUE), start, start + 1});
                return UNKNOWN;
            }
            i = start + 1;
            octal();
            return 1;
        }
        switch (c) {
            case '0' -> {
                i--;
                octal();
                return 1;
            }
            case 'x' -> {
                if (peek(0) == '{') {
                    bracedHex();
                    return 1;
                }
                for (int k = 0; k < 2 && more() && Character.digit(p.charAt(i), 16) >= 0; k++) {
                    i++;
                }
                return 1;
            }
            case 'o' -> {
                bracedOctal();
                return 1;
            }
            case 'c' -> {
                if (!more()) {
                    throw new Stop("\\c at end of pattern", start);
                }
                i++;
                return 1;
            }
            case 'Q' -> {
                int end = p.indexOf("\\E", i);
                int n = (end < 0 ? p.length() : end) - i;
                i = end < 0 ? p.length() : end + 2;
                return n == 0 ? Integer.MIN_VALUE : n;
            }
            case 'E' -> {
                return Integer.MIN_VALUE;
            }
            case 'F', 'L', 'l', 'U', 'u' -> throw new Stop("PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, "
                    + "or \\u", i);
            case 'N' -> {
                if (peek(0) == '{' && !p.substring(i).matches("(?s)\\{[0-9]+(,[0-9]*)?}.*")) {
                    throw new GiveUp(); // \N{U+hhh} (UTF only) or \N{name} (unsupported)
                }
                return 1;
            }
            case 'b', 'B', 'A', 'z', 'Z', 'G' -> {
                return 0;
            }
            case 'K' -> {
                return 0;
            }
            case 'R', 'X' -> {
                return VAR;
            }
            case 'p', 'P' -> {
                property();
                return 1;
            }
            case 'g' -> {
                reference('g', start);
                return UNKNOWN;
            }
            case 'k' -> {
                reference('k', start);
                return UNKNOWN;
            }
            default -> {
                if (c < 128 && Character.isLetter(c) && VALID_ESCAPES.indexOf(c) < 0) {
                    throw new Stop("unrecognized character follows \\", i - 1);
                }
                return 1;
            }
        }
    }

    /** {@code \\x{hh}} at its brace: the byte value; PCRE2's error above 0xff (no UTF mode). */
    private int bracedHex() {
        int close = p.indexOf('}', i);
        if (close < 0) {
            throw new GiveUp();
        }
        String hex = bracedDigits(close, 16, "non-hex character in \\x{} (closing brace missing?)");
        i = close + 1;
        if (hex.replaceFirst("^0+", "").length() > 2) {
            throw new Stop("character code point value in \\x{} or \\o{} is too large", close);
        }
        return Integer.parseInt(hex, 16);
    }

    /**
     * The digits of {@code \x{...}} or {@code \o{...}} from the brace at {@code i} to {@code close}:
     * none is "digits missing"; any other character, blanks included, stops PCRE2 there.
     */
    private String bracedDigits(int close, int radix, String nonDigit) {
        if (close == i + 1) {
            throw new Stop("digits missing in \\x{} or \\o{} or \\N{U+}", close);
        }
        for (int k = i + 1; k < close; k++) {
            if (Character.digit(p.charAt(k), radix) < 0 || p.charAt(k) > 127) {
                throw new Stop(nonDigit, k);
            }
        }
        return p.substring(i + 1, close);
    }

    /** PCRE2 10.42's options that only the start of a pattern may set, as (*NAME) or (*NAME=digits). */
    private static final java.util.regex.Pattern START_OPTION = java.util.regex.Pattern.compile("UTF|UCP|CR|LF|CRLF"
            + "|ANYCRLF|ANY|NUL|BSR_ANYCRLF|BSR_UNICODE|NO_AUTO_POSSESS|NO_DOTSTAR_ANCHOR|NO_JIT|NO_START_OPT"
            + "|NOTEMPTY|NOTEMPTY_ATSTART|(LIMIT_HEAP|LIMIT_MATCH|LIMIT_DEPTH|LIMIT_RECURSION)=[0-9]+");
    /** The names of PCRE2 10.42's alphabetic assertions, (*NAME:...). */
    private static final Set<String> ALPHA_ASSERTIONS = Set.of("pla", "plb", "nla", "nlb", "positive_lookahead",
            "positive_lookbehind", "negative_lookahead", "negative_lookbehind", "napla", "naplb",
            "non_atomic_positive_lookahead", "non_atomic_positive_lookbehind", "atomic", "sr", "asr", "script_run",
            "atomic_script_run");

    /** Up to three octal digits of {@code \0nn} or {@code \nnn}: a literal. */
    private void octal() {
        for (int k = 0; k < 3 && more() && p.charAt(i) >= '0' && p.charAt(i) <= '7'; k++) {
            i++;
        }
    }

    /** {@code \g1 \g{-1} \g{name} \g<..>} and {@code \k<name> \k'name' \k{name}}: a reference to check. */
    private void reference(char kind, int start) {
        char open = peek(0);
        char close = open == '{' ? '}' : open == '<' ? '>' : open == '\'' ? '\'' : '\0';
        String ref;
        int offset;
        if (close == '\0') {
            if (kind == 'k') {
                throw new GiveUp();
            }
            int j = i;
            if (j < p.length() && (p.charAt(j) == '-' || p.charAt(j) == '+')) {
                j++;
            }
            int d = j;
            while (j < p.length() && p.charAt(j) >= '0' && p.charAt(j) <= '9') {
                j++;
            }
            if (j == d) {
                throw new GiveUp();
            }
            ref = p.substring(i, j);
            i = j;
            // where PCRE2 reports it (nginx 1.22.1): \g2 and \g+1 at the digits, \g-1 after them
            offset = p.charAt(start + 2) == '-' ? j : d;
        } else {
            int end = p.indexOf(close, i + 1);
            if (end < 0) {
                throw new GiveUp();
            }
            ref = p.substring(i + 1, end);
            i = end + 1;
            // a name at its first character; \g{-1} at the brace, \g{2} and \g<2> at the closing one
            boolean number = ref.matches("[+-]?[0-9]+");
            offset = !number ? start + 3 : close == '}' && ref.startsWith("-") ? start + 2 : end;
        }
        if (kind == 'g' && (open == '<' || open == '\'')) {
            subroutine(ref, start, offset);
            return;
        }
        numberOrName(ref, start, offset);
    }

    /** A reference at {@code where} in the pattern, reported at {@code offset} when it names no group. */
    private void numberOrName(String ref, int where, int offset) {
        if (ref.matches("[+-]?[0-9]{1,6}")) {
            int n = Integer.parseInt(ref.startsWith("+") ? ref.substring(1) : ref);
            if (ref.startsWith("-")) {
                n = groups + 1 + n;
                if (n <= 0) {
                    throw new Stop("reference to non-existent subpattern", offset);
                }
            } else if (ref.startsWith("+")) {
                n = groups + n;
            }
            numberRefs.add(new int[] {n, where, offset});
        } else if (ref.matches("[A-Za-z_][A-Za-z0-9_]{0,31}")) {
            nameRefs.add(new Object[] {ref, where, offset});
        } else {
            throw new GiveUp();
        }
    }

    private void subroutine(String ref, int where, int offset) {
        if (ref.equals("0") || ref.equals("R")) {
            return;
        }
        numberOrName(ref, where, offset);
    }

    /** After the whole pattern: every reference names a group that exists. */
    private void references() {
        // PCRE2 meets the references in pattern order, numbered and named alike; with a branch reset
        // the group numbers are not counted here, so only names are judged
        int where = Integer.MAX_VALUE;
        int offset = -1;
        for (int[] r : numberRefs) {
            if (!branchReset && (r[0] > groups || r[0] < 0) && r[1] < where) {
                where = r[1];
                offset = r[2];
            }
        }
        for (Object[] r : nameRefs) {
            if (!names.contains((String) r[0]) && (Integer) r[1] < where) {
                where = (Integer) r[1];
                offset = (Integer) r[2];
            }
        }
        if (offset >= 0) {
            throw new Stop("reference to non-existent subpattern", offset);
        }
    }

    /**
     * A group at {@code (}: {length, kind}, kind 0 not repeatable, 1 repeatable, 2 unsure, 3 a
     * comment (transparent).
     */
    private int[] group(int depth, boolean lookbehind) {
        int open = i;
        if (depth >= 250) { // PCRE2's default PARENS_NEST_LIMIT; also keeps this recursion shallow
            throw new Stop("parentheses are too deeply nested", i);
        }
        i++;
        if (at("*")) {
            char n = peek(1);
            if (n == ')' || n == '\0' && i + 1 >= p.length()) {
                throw new Stop("quantifier does not follow a repeatable item", i);
            }
            int close = p.indexOf(')', i);
            String verb = close < 0 ? "" : p.substring(i + 1, close);
            if (verb.matches("ACCEPT|FAIL|F|COMMIT|PRUNE|SKIP|THEN|(MARK|PRUNE|SKIP|THEN)?:[A-Za-z0-9_]+")) {
                i = close + 1;
                return new int[] {UNKNOWN, 0}; // backtracking verbs: nothing to repeat
            }
            if (n >= '0' && n <= '9') {
                // PCRE2 reads the digits as the start of a name, and no verb name starts with one
                int j = i + 1;
                while (j < p.length() && (Character.isLetterOrDigit(p.charAt(j)) && p.charAt(j) < 128 || p.charAt(j) == '_')) {
                    j++;
                }
                throw new Stop("(*VERB) not recognized or malformed", j);
            }
            if (!(n < 128 && Character.isLetter(n) || n == ':')) {
                throw new Stop("(*VERB) not recognized or malformed", i + 1); // at the character after the *
            }
            int j = i + 1;
            while (j < p.length() && (Character.isLetterOrDigit(p.charAt(j)) && p.charAt(j) < 128 || p.charAt(j) == '_')) {
                j++;
            }
            String name = p.substring(i + 1, j);
            char next = j < p.length() ? p.charAt(j) : '\0';
            if (!name.isEmpty() && Character.isLowerCase(name.charAt(0))) {
                // a lower-case name is an alphabetic assertion, which takes a colon and a pattern
                if (next == ':' && ALPHA_ASSERTIONS.contains(name)) {
                    throw new GiveUp();
                }
                throw new Stop("(*alpha_assertion) not recognized", j);
            }
            if (next == ':' && !name.isEmpty()) {
                if (!name.matches("MARK|PRUNE|SKIP|THEN")) {
                    throw new Stop("(*VERB) not recognized or malformed", j);
                }
            } else if (next == ')' && name.equals("MARK")) {
                throw new Stop("(*MARK) must have an argument", j);
            } else if (next == ')' || next == '=') {
                // a start-of-pattern option is read before the pattern itself, and only there
                if (close > 0 && START_OPTION.matcher(verb).matches()
                        && p.substring(0, i - 1).matches("(\\(\\*[A-Z_]+(=[0-9]+)?\\))*")) {
                    i = close + 1;
                    return new int[] {UNKNOWN, 0};
                }
                if (next == ')') {
                    throw new Stop("(*VERB) not recognized or malformed", j);
                }
            }
            throw new GiveUp(); // verbs: (*SKIP) (*FAIL) (*MARK:x) (*atomic: ...)
        }
        boolean capture = true;
        boolean behind = false;
        boolean assertion = false;
        boolean conditional = false;
        if (at("?")) {
            i++;
            char c = peek(0);
            capture = false;
            switch (c) {
                case '#' -> {
                    int end = p.indexOf(')', i);
                    if (end < 0) {
                        throw new Stop("missing ) after (?# comment", p.length());
                    }
                    i = end + 1;
                    return new int[] {0, 3};
                }
                case ':', '>' -> i++;
                case '|' -> {
                    i++;
                    branchReset = true;
                }
                case '=', '!' -> {
                    i++;
                    assertion = true;
                }
                case '<' -> {
                    if (peek(1) == '=' || peek(1) == '!') {
                        i += 2;
                        assertion = true;
                        behind = true;
                    } else {
                        i++;
                        name('>');
                        capture = true;
                    }
                }
                case '\'' -> {
                    i++;
                    name('\'');
                    capture = true;
                }
                case 'P' -> {
                    i++;
                    char k = peek(0);
                    if (k == '<') {
                        i++;
                        name('>');
                        capture = true;
                    } else if (k == '=' || k == '>') {
                        i++;
                        int end = p.indexOf(')', i);
                        if (end < 0) {
                            throw new GiveUp();
                        }
                        String ref = p.substring(i, end);
                        if (!ref.matches("[A-Za-z_][A-Za-z0-9_]{0,31}")) {
                            throw new GiveUp();
                        }
                        nameRefs.add(new Object[] {ref, open, i}); // (?P=n), (?P>n): at the name
                        i = end + 1;
                        return new int[] {UNKNOWN, 1};
                    } else {
                        throw new Stop("unrecognized character after (?P", i);
                    }
                }
                case '&', 'R', '+', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
                    if (c == '-' && !(peek(1) >= '0' && peek(1) <= '9')) {
                            return options(open, depth, lookbehind);
                    }
                    int end = p.indexOf(')', i);
                    if (end < 0) {
                        throw new Stop("missing closing parenthesis", p.length());
                    }
                    String ref = p.substring(c == '&' ? i + 1 : i, end);
                    int at = c == '&' ? i + 1 : end; // (?&n) at the name, (?1) and (?-1) at the )
                    i = end + 1;
                    if (c == 'R') {
                        if (!ref.equals("R")) {
                            throw new GiveUp();
                        }
                        return new int[] {UNKNOWN, 1};
                    }
                    subroutine(ref, open, at);
                    return new int[] {UNKNOWN, 1};
                }
                case 'C' -> {
                    throw new GiveUp(); // callouts
                }
                case '(' -> {
                    conditional = true;
                    condition(open, depth);
                }
                default -> {
                    return options(open, depth, lookbehind);
                }
            }
        }
        if (capture) {
            groups++;
        }
        List<Integer> lengths = alternation(depth + 1, behind || lookbehind);
        if (!more()) {
            throw new Stop("missing closing parenthesis", p.length());
        }
        i++; // the )
        if (conditional && lengths.size() > 2) {
            throw new Stop("conditional subpattern contains more than two branches", i - 1);
        }
        if (behind) {
            for (int len : lengths) {
                if (len == VAR) {
                    throw new Stop("lookbehind assertion is not fixed length", open);
                }
            }
            return new int[] {0, 1};
        }
        if (assertion) {
            return new int[] {0, 1};
        }
        if (conditional) {
            return new int[] {UNKNOWN, 1};
        }
        int len = lengths.get(0);
        for (int l : lengths) {
            if (l == UNKNOWN) {
                len = UNKNOWN;
            } else if (l != len && len != UNKNOWN) {
                len = VAR;
            }
        }
        return new int[] {len, 1};
    }

    /** The condition of {@code (?(...)}, from its {@code (}; an assertion condition is left to the group. */
    private void condition(int open, int depth) {
        if (peek(1) == '?' && (peek(2) == '=' || peek(2) == '!' || peek(2) == '<')) {
            group(depth + 1, false); // an assertion condition
            return;
        }
        if (peek(1) == '*') {
            throw new GiveUp();
        }
        int end = p.indexOf(')', i);
        if (end < 0) {
            throw new Stop("missing closing parenthesis", p.length());
        }
        String c = p.substring(i + 1, end);
        i = end + 1;
        if (c.matches("[+-]?[0-9]{1,6}")) {
            // (?(2) at its (, (?(+1) at the sign, (?(-1) at the ) (nginx 1.22.1)
            numberOrName(c, open, c.startsWith("-") ? end : c.startsWith("+") ? open + 3 : open + 2);
        } else if (c.matches("<[A-Za-z_][A-Za-z0-9_]*>|'[A-Za-z_][A-Za-z0-9_]*'")) {
            nameRefs.add(new Object[] {c.substring(1, c.length() - 1), open, open + 4}); // at the name
        } else if (c.equals("R") || c.equals("DEFINE") || c.matches("R[0-9]+|R&\\w+|VERSION.*")) {
            return;
        } else if (c.matches("[A-Za-z_][A-Za-z0-9_]{0,31}")) {
            nameRefs.add(new Object[] {c, open, open + 3}); // at the name
        } else {
            throw new GiveUp();
        }
    }

    /** A group name up to its terminator, PCRE2's rules: word characters, not a digit first, 32 at most. */
    private void name(char terminator) {
        int start = i;
        if (!more() || p.charAt(i) == terminator) {
            throw new Stop("subpattern name expected", i);
        }
        if (Character.isDigit(p.charAt(i))) {
            throw new Stop("subpattern name must start with a non-digit", i);
        }
        while (more() && (Character.isLetterOrDigit(p.charAt(i)) && p.charAt(i) < 128 || p.charAt(i) == '_')) {
            i++;
        }
        if (!more() || p.charAt(i) != terminator) {
            throw new Stop("syntax error in subpattern name (missing terminator?)", i);
        }
        if (i - start > 32) {
            throw new Stop("subpattern name is too long (maximum 32 code units)", i);
        }
        String n = p.substring(start, i);
        i++;
        if (!names.add(n) && !dupNames && !branchReset) {
            throw new Stop("two named subpatterns have the same name (PCRE2_DUPNAMES not set)", i);
        }
    }

    /** Option settings {@code (?i) (?-i) (?i:...) (?^)}; extended mode is not modelled. */
    private int[] options(int open, int depth, boolean lookbehind) {
        while (more()) {
            char c = p.charAt(i);
            if (c == ')') {
                i++;
                return new int[] {0, 0}; // a quantifier cannot follow an option setting
            }
            if (c == ':') {
                i++;
                List<Integer> lengths = alternation(depth + 1, lookbehind);
                if (!more()) {
                    throw new Stop("missing closing parenthesis", p.length());
                }
                i++;
                return new int[] {lengths.size() == 1 ? lengths.get(0) : UNKNOWN, 1};
            }
            if (c == 'x') {
                throw new GiveUp(); // extended: white space and # comments change meaning
            }
            if ("imnsJU-^".indexOf(c) < 0) {
                throw new Stop("unrecognized character after (? or (?-", i);
            }
            i++;
        }
        throw new Stop("missing closing parenthesis", p.length());
    }

    /** A character class at {@code [}: length 1; PCRE2's class errors. */
    private int charClass() {
        int open = i;
        i++;
        Integer posix = posixAt(open);
        if (posix != null) {
            throw new Stop(p.charAt(open + 1) == ':' ? "POSIX named classes are supported only within a class"
                    : "POSIX collating elements are not supported", open);
        }
        if (at("^")) {
            i++;
        }
        boolean first = true;
        int prev = -1; // the previous single character, or -1 (none, or a class such as \d)
        boolean prevIsClass = false;
        while (true) {
            if (!more()) {
                throw new Stop("missing terminating ] for character class", p.length());
            }
            char c = p.charAt(i);
            if (c == ']' && !first) {
                i++;
                return 1;
            }
            first = false;
            if (c == '-' && (prev >= 0 || prevIsClass) && i + 1 < p.length() && p.charAt(i + 1) != ']') {
                int dash = i;
                i++;
                int endStart = i;
                int[] end = classAtom();
                if (end == null) {
                    continue; // \E or empty \Q\E: PCRE2 reads on
                }
                if (prevIsClass) {
                    throw new Stop("invalid range in character class", dash); // PCRE2 stops at the hyphen
                }
                if (end[1] == 1) {
                    // an escape such as \d or \p{..} stops PCRE2 right after its letter, [:alpha:] after its [
                    char e = p.charAt(endStart);
                    throw new Stop("invalid range in character class", e == '\\' ? endStart + 2 : e == '[' ? endStart + 1 : i - 1);
                }
                if (end[0] < prev) {
                    throw new Stop("range out of order in character class", i - 1);
                }
                prev = -1;
                prevIsClass = false;
                continue;
            }
            int[] atom = classAtom();
            if (atom == null) {
                continue;
            }
            prev = atom[1] == 1 ? -1 : atom[0];
            prevIsClass = atom[1] == 1;
        }
    }

    /**
     * One member of a class at i: {value, 0} a single character, {0, 1} a set ({@code \d},
     * {@code [:alpha:]}), null for nothing ({@code \E}).
     */
    private int[] classAtom() {
        char c = p.charAt(i);
        if (c == '[') {
            Integer end = posixAt(i);
            if (end != null) {
                char kind = p.charAt(i + 1);
                if (kind != ':') {
                    throw new Stop("POSIX collating elements are not supported", i);
                }
                String name = p.substring(i + 2, end);
                int at = i + 2;
                if (name.startsWith("^")) {
                    name = name.substring(1);
                    at++;
                }
                if (!POSIX.contains(name)) {
                    throw new Stop("unknown POSIX class name", at); // at the name, as PCRE2 reports it
                }
                i = end + 2;
                return new int[] {0, 1};
            }
            i++;
            return new int[] {'[', 0};
        }
        if (c != '\\') {
            i++;
            return new int[] {c, 0};
        }
        int start = i;
        i++;
        if (!more()) {
            throw new Stop("\\ at end of pattern", start);
        }
        char e = p.charAt(i++);
        switch (e) {
            case 'd', 'D', 's', 'S', 'w', 'W', 'h', 'H', 'v', 'V' -> {
                return new int[] {0, 1};
            }
            case 'p', 'P' -> {
                property();
                return new int[] {0, 1};
            }
            case 'B', 'R', 'X' -> throw new Stop("escape sequence is invalid in character class", i - 1);
            case 'b' -> {
                return new int[] {8, 0};
            }
            case 'a' -> {
                return new int[] {7, 0};
            }
            case 'e' -> {
                return new int[] {27, 0};
            }
            case 'f' -> {
                return new int[] {12, 0};
            }
            case 'n' -> {
                return new int[] {10, 0};
            }
            case 'r' -> {
                return new int[] {13, 0};
            }
            case 't' -> {
                return new int[] {9, 0};
            }
            case 'E' -> {
                return null;
            }
            case 'Q' -> {
                throw new GiveUp();
            }
            case 'c' -> {
                if (!more()) {
                    throw new Stop("\\c at end of pattern", start);
                }
                char x = Character.toUpperCase(p.charAt(i++));
                return new int[] {x ^ 0x40, 0};
            }
            case 'x' -> {
                if (peek(0) == '{') {
                    return new int[] {bracedHex(), 0};
                }
                int v = 0;
                for (int k = 0; k < 2 && more() && Character.digit(p.charAt(i), 16) >= 0; k++) {
                    v = v * 16 + Character.digit(p.charAt(i++), 16);
                }
                return new int[] {v, 0};
            }
            case 'o' -> {
                return new int[] {bracedOctal(), 0}; // as outside a class
            }
            case 'F', 'L', 'l', 'U', 'u' -> throw new Stop("PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, "
                    + "or \\u", i);
            case 'k', 'K', 'A', 'z', 'Z', 'G', 'C' -> throw new Stop("escape sequence is invalid in character class",
                    i - 1);
            case 'N' -> throw new Stop("\\N is not supported in a class", i - 1);
            case 'g' -> {
                return new int[] {'g', 0}; // a literal g in a class
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int v = e - '0';
                    for (int k = 0; k < 2 && more() && p.charAt(i) >= '0' && p.charAt(i) <= '7'; k++) {
                        v = v * 8 + (p.charAt(i++) - '0');
                    }
                    return new int[] {v, 0};
                }
                if (e < 128 && Character.isLetterOrDigit(e)) {
                    if (Character.isLetter(e) && VALID_ESCAPES.indexOf(e) < 0) {
                        throw new Stop("unrecognized character follows \\", i - 1);
                    }
                    throw new GiveUp(); // \8 \9 in a class
                }
                return new int[] {e, 0};
            }
        }
    }

    /**
     * PCRE2's check_posix_syntax: at a {@code [} followed by {@code :}, {@code .} or {@code =}, the index
     * of the closing terminator (before its {@code ]}), or null when it is not POSIX syntax.
     */
    private Integer posixAt(int at) {
        if (at + 1 >= p.length()) {
            return null;
        }
        char t = p.charAt(at + 1);
        if (t != ':' && t != '.' && t != '=') {
            return null;
        }
        for (int k = at + 2; k < p.length(); k++) {
            char c = p.charAt(k);
            if (c == '\\' && k + 1 < p.length() && (p.charAt(k + 1) == ']' || p.charAt(k + 1) == '\\')) {
                k++;
            } else if (c == '[' && k + 1 < p.length() && p.charAt(k + 1) == t || c == ']') {
                return null;
            } else if (c == t && k + 1 < p.length() && p.charAt(k + 1) == ']') {
                return k;
            }
        }
        return null;
    }
}
