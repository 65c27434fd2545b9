package dev.proxylint.rules.tls;

import dev.proxylint.facts.Tls13Setting;
import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.rules.Fix;
import dev.proxylint.source.Span;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.tls.CipherClass;
import dev.proxylint.tls.CipherList;
import dev.proxylint.tls.CipherSuite;
import dev.proxylint.tls.TlsProfile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What TLS103 (insecure suites) and TLS104 (weak suites) share: which suites of an endpoint's TLS 1.2
 * list they judge, how they name them, and where a finding about them points and what its fix rewrites.
 */
final class CipherFindings {
    private CipherFindings() {
    }

    /** Whether the endpoint's TLS 1.2 list is judged: it was evaluated and some protocol below TLS 1.3 is on. */
    static boolean judged(TlsEndpoint e) {
        return e.ciphers() != null && e.usesLegacyCiphers();
    }

    /** The suites outside the profile that a client could negotiate (PSK and SRP suites never are). */
    static Predicate<CipherSuite> outsideProfile(TlsProfile p) {
        Set<String> allowed = new HashSet<>(p.ciphers());
        return s -> !allowed.contains(s.name()) && negotiable(s);
    }

    /** "ssl_ciphers HIGH:!aNULL", or the server's default list when the endpoint sets none. */
    static String stringSource(TlsEndpoint e) {
        Directive cd = e.ciphersDirective();
        String dname = e.dialect() == Dialect.NGINX ? "ssl_ciphers" : "SSLCipherSuite";
        return cd != null ? dname + " " + String.join(" ", cd.values())
                : (e.dialect() == Dialect.NGINX ? "nginx's default ssl_ciphers HIGH:!aNULL:!MD5"
                        : "mod_ssl's default cipher list (OpenSSL DEFAULT:!aNULL:!eNULL:!EXP)");
    }

    /**
     * "AES128-SHA, AES256-SHA (let in by 'AES'); DES-CBC3-SHA (let in by 'HIGH')": the first {@code max}
     * suites; a suite a TLS 1.3 list put in front reads "AES128-SHA (let in by
     * 'TLS_RSA_WITH_AES_128_CBC_SHA' in the TLS 1.3 list)".
     */
    static String describe(List<CipherList.Selected> sel, int max) {
        Map<String, List<String>> byToken = new LinkedHashMap<>();
        for (CipherList.Selected s : sel.subList(0, Math.min(max, sel.size()))) {
            String tok = s.addedBy() == null ? "'?'" : s.addedBy().inString() ? "'" + s.addedBy().text() + "'"
                    : "'" + s.addedBy().text() + "' in the TLS 1.3 list";
            byToken.computeIfAbsent(tok, k -> new ArrayList<>()).add(s.suite().name());
        }
        StringBuilder b = new StringBuilder();
        for (var en : byToken.entrySet()) {
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append(String.join(", ", en.getValue())).append(" (let in by ").append(en.getKey()).append(")");
        }
        if (sel.size() > max) {
            b.append("; ").append(sel.size() - max).append(" more");
        }
        return b.toString();
    }

    /**
     * Where a TLS103/TLS104 finding about some suites points and what it names as their source: the
     * cipher directive (or the endpoint when the default list applies), or, when every suite came from a
     * TLS 1.3 list, that list's directive; {@code note} explains the TLS 1.3 list's part, and the fix
     * rewrites every directive that let a suite in (the TLS 1.3 lists to the profile's TLS 1.3 suites,
     * the same edit as TLS114's), so that no finding is left after it.
     *
     * @param where  the place the finding is reported once for
     * @param source the suites' source in full ("ssl_ciphers X together with ssl_conf_command Ciphersuites Y
     *               (the TLS 1.3 list)")
     * @param place  the source short enough to open a first sentence ("ssl_ciphers with the TLS 1.3 list")
     * @param plural whether {@code place} takes a plural verb ("The TLS 1.3 lists admit")
     */
    record Origin(Object where, Span span, String source, String place, boolean plural, String note, Fix fix) {
        /** "ssl_ciphers HIGH admits " / "The TLS 1.3 lists admit ": how a finding's message opens. */
        String admits() {
            return place + (plural ? " admit " : " admits ");
        }

        /** " In full: SOURCE." when {@link #place} does not give the source whole, else nothing. */
        String full() {
            return place.equals(source) ? "" : " In full: " + source + ".";
        }
    }

    static Origin origin(TlsEndpoint e, TlsProfile profile, List<CipherList.Selected> sel) {
        String stringSource = stringSource(e);
        List<Tls13Setting.Applied> lists = new ArrayList<>();
        boolean fromString = false;
        boolean replaced = false;
        for (CipherList.Selected s : sel) {
            Tls13Setting.Leading l = e.fromTls13List(s);
            if (l == null) {
                fromString = true;
            } else if (!lists.contains(l.from())) {
                lists.add(l.from());
                replaced |= l.replaced();
            }
        }
        Directive cd = e.ciphersDirective();
        Object where = cd != null ? cd : e.anchor();
        Span span = cd != null ? cd.span() : e.anchor().headSpan();
        String dname = e.dialect() == Dialect.NGINX ? "ssl_ciphers" : "SSLCipherSuite";
        if (lists.isEmpty()) {
            String place = cd != null ? TlsText.brief(stringSource)
                    : e.dialect() == Dialect.NGINX ? "nginx's default ssl_ciphers" : "mod_ssl's default cipher list";
            return new Origin(where, span, stringSource, place, false, "", TlsFixes.cipherFix(e, profile));
        }
        List<String> texts = new ArrayList<>();
        List<TextEdit> edits = new ArrayList<>();
        if (fromString) {
            edits.addAll(TlsFixes.cipherFix(e, profile).edits());
        }
        for (Tls13Setting.Applied a : lists) {
            texts.add(a.text());
            edits.add(TlsEdits.replace(a.directive(), TlsFixes.tls13Line(a.directive(), profile)));
        }
        String listText = String.join(" and ", texts) + (texts.size() > 1 ? " (TLS 1.3 lists)"
                : replaced ? " (an earlier TLS 1.3 list)" : " (the TLS 1.3 list)");
        String note = " OpenSSL offers TLS 1.2 suites named by their IANA name in the TLS 1.3 list for TLS 1.2, ahead of "
                + dname + " and even where the cipher string excludes them" + (replaced ? "; a later TLS 1.3 list "
                        + "does not remove them (OpenSSL drops only the TLS 1.3 suites in front of the first TLS 1.2 one)"
                        : "") + "; name only TLS 1.3 suites there.";
        Fix fix = new Fix("Use the " + profile.name() + " profile's " + (fromString ? "cipher list and " : "")
                + "TLS 1.3 suites", edits);
        String listPlace = texts.size() > 1 ? "the TLS 1.3 lists" : replaced ? "an earlier TLS 1.3 list" : "the TLS 1.3 list";
        if (fromString) {
            return new Origin(where, span, stringSource + " together with " + listText,
                    (cd != null ? dname : "The default cipher list") + " with " + listPlace, false, note, fix);
        }
        Set<String> names = new LinkedHashSet<>();
        for (Tls13Setting.Applied a : lists) {
            names.add(TlsText.listName(a));
        }
        Directive d = lists.get(0).directive();
        return names.size() == 1 ? new Origin(d, d.span(), listText, names.iterator().next(), false, note, fix)
                : new Origin(d, d.span(), listText, "The TLS 1.3 lists", true, note, fix);
    }

    /** Suites that need a PSK or SRP setup, which neither server configures: listed but never negotiated. */
    static boolean negotiable(CipherSuite s) {
        return switch (s.kx()) {
            case PSK, RSAPSK, DHEPSK, ECDHEPSK, SRP -> false;
            default -> s.au() != CipherSuite.Au.PSK && s.au() != CipherSuite.Au.SRP;
        };
    }

    /** Worst first: no forward secrecy, then SHA-1 MAC, then CBC; stable within a class. */
    static int badness(CipherSuite s) {
        return (CipherClass.noForwardSecrecy(s) ? 0 : 3) + (CipherClass.sha1Mac(s) ? 0 : 1) + (CipherClass.cbc(s) ? 0 : 1);
    }
}
