package dev.proxylint.rules.tls;

import dev.proxylint.facts.Tls13Setting;
import dev.proxylint.tls.CipherSuite;
import dev.proxylint.tls.CipherTable;
import dev.proxylint.tls.TlsVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Wording the TLS rules share. */
final class TlsText {
    private TlsText() {
    }

    /**
     * A directive's words short enough for a first sentence: a word longer than 32 characters (a
     * cipher string) is cut to its first 28 and an ellipsis; the source line shows it whole.
     */
    static String brief(String words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words.split(" ", -1)) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(w.length() > 32 ? w.substring(0, 28) + "\u2026" : w);
        }
        return sb.toString();
    }

    /** " The directive reads WORDS." when {@link #brief} shortened them, else nothing. */
    static String whole(String words) {
        return brief(words).equals(words) ? "" : " In full: " + words + ".";
    }

    /**
     * An endpoint's label short enough for a first sentence ("server chat.example.com (line 17)",
     * "&lt;VirtualHost *:443&gt;"): a word longer than 24 characters (a long server name) is cut to its
     * first 20 and an ellipsis, keeping a closing '&gt;'; {@link #wholeLabel} gives it in full.
     */
    static String label(String label) {
        StringBuilder sb = new StringBuilder();
        for (String w : label.split(" ", -1)) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(w.length() > 24 ? w.substring(0, 20) + "\u2026" + (w.endsWith(">") ? ">" : "") : w);
        }
        return sb.toString();
    }

    /** " In full: LABEL." when {@link #label} shortened it, else nothing. */
    static String wholeLabel(String label) {
        return label(label).equals(label) ? "" : " In full: " + label + ".";
    }


    /** "ssl_conf_command Ciphersuites", "SSLCipherSuite TLSv1.3": the directive that sets a TLS 1.3 list, without the list. */
    static String listName(Tls13Setting.Applied a) {
        return a.directive().is("SSLCipherSuite") ? "SSLCipherSuite TLSv1.3" : a.directive().name() + " " + a.directive().arg(0);
    }

    /** "TLSv1", "TLSv1 and TLSv1.1", "SSLv3, TLSv1 and TLSv1.1". */
    static String names(Set<TlsVersion> vs) {
        List<String> out = new ArrayList<>();
        for (TlsVersion v : vs) {
            out.add(v.label());
        }
        return out.size() == 1 ? out.get(0) : String.join(", ", out.subList(0, out.size() - 1)) + " and " + out.get(out.size() - 1);
    }

    /** "a, b and c" (or "a, b or c"). */
    static String join(List<String> xs, String last) {
        if (xs.size() <= 1) {
            return String.join("", xs);
        }
        return String.join(", ", xs.subList(0, xs.size() - 1)) + " " + last + " " + xs.get(xs.size() - 1);
    }

    static String join(List<String> xs) {
        return join(xs, "and");
    }

    /** "OpenSSL does not know X or y (names are case-sensitive: Y)": unknown TLS 1.3 names, with a hint for case. */
    static String unknownNames(List<String> unknown, CipherTable table) {
        List<String> hints = new ArrayList<>();
        for (String u : unknown) {
            for (CipherSuite s : table.tls13Suites()) {
                if (s.name().equalsIgnoreCase(u) && !s.name().equals(u)) {
                    hints.add(s.name());
                }
            }
        }
        return "OpenSSL does not know " + join(unknown.stream().distinct().toList(), "or")
                + (hints.isEmpty() ? "" : " (names are case-sensitive: " + join(hints.stream().distinct().toList()) + ")");
    }
}
