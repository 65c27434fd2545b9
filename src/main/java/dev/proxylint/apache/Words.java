package dev.proxylint.apache;

import dev.proxylint.apache.antlr.ApacheConfLexer;
import dev.proxylint.syntax.Quote;

/** What httpd makes of one token's text (the value after quote removal and unescaping). */
final class Words {
    private Words() {
    }

    static Quote quoteOf(String s, int start, int end, int type) {
        if (type == ApacheConfLexer.WORD || type == ApacheConfLexer.RW_WORD || start >= end) {
            return Quote.NONE;
        }
        char c = s.charAt(start);
        return c == '"' ? Quote.DOUBLE : c == '\'' ? Quote.SINGLE : Quote.NONE;
    }

    /**
     * The value of a token of the logical text {@code s[start, end)}.
     * ap_getword_conf: in a quoted token, a backslash escapes the quote character and a backslash;
     * in an unquoted token, only a backslash escapes a backslash. mod_rewrite tokens keep their
     * text as written (only the surrounding quotes go).
     */
    static String value(String s, int start, int end, int type) {
        boolean rewrite = type == ApacheConfLexer.RW_DQ || type == ApacheConfLexer.RW_SQ
                || type == ApacheConfLexer.RW_WORD;
        char q = 0;
        int a = start;
        int b = end;
        if (start < end && type != ApacheConfLexer.WORD && type != ApacheConfLexer.RW_WORD) {
            char c = s.charAt(start);
            if (c == '"' || c == '\'') {
                q = c;
                a = start + 1;
                if (b > a && s.charAt(b - 1) == q && !escapedAt(s, a, b - 1, q, rewrite)) {
                    b--;
                }
            }
        }
        if (rewrite) {
            return s.substring(a, b);
        }
        int bs = a;
        while (bs < b && s.charAt(bs) != '\\') {
            bs++;
        }
        if (bs >= b) {
            return s.substring(a, b);
        }
        StringBuilder sb = new StringBuilder(b - a);
        for (int i = a; i < b; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < b) {
                char d = s.charAt(i + 1);
                if (d == '\\' || (q != 0 && d == q)) {
                    sb.append(d);
                    i++;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Whether the quote at {@code pos} is escaped (part of a \q pair) in a quoted body starting at a. */
    private static boolean escapedAt(String s, int a, int pos, char q, boolean rewrite) {
        if (rewrite) {
            return false;
        }
        // walk pairs from the start of the body, as ap_getword_conf does
        int i = a;
        while (i < pos) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 <= pos && (s.charAt(i + 1) == q || s.charAt(i + 1) == '\\')) {
                if (i + 1 == pos) {
                    return true;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return false;
    }
}
