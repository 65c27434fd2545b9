package dev.proxylint.rules.tls;

import dev.proxylint.facts.Tls13Setting;
import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Level;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.tls.CipherSuite;
import dev.proxylint.tls.CipherTable;
import dev.proxylint.tls.OpensslVersion;
import dev.proxylint.tls.Tls13Suites;
import dev.proxylint.tls.TlsProfile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TLS 1.3 suite list ({@link Tls13Setting}): TLS113 when OpenSSL rejects it (the server does
 * not start), TLS114 for what it lets TLS 1.3 negotiate. What the messages claim was observed on
 * nginx 1.22.1 and Apache 2.4.71 with OpenSSL 3.0 (TlsCasesE2ETest, testdata/reality/README.md).
 */
final class Tls13Checks {
    private static final String CCM_8 = "TLS_AES_128_CCM_8_SHA256";

    private Tls13Checks() {
    }

    /** The directive that sets the profile's TLS 1.3 list, in the form of {@code d}. */
    static String profileLine(Directive d, TlsProfile p) {
        String list = p.ciphersuitesString();
        if (d.dialect() == Dialect.NGINX) {
            return "ssl_conf_command Ciphersuites " + list + ";";
        }
        return d.is("SSLOpenSSLConfCmd") ? "SSLOpenSSLConfCmd Ciphersuites " + list : "SSLCipherSuite TLSv1.3 " + list;
    }

    static Fix profileFix(Directive d, TlsProfile p) {
        return new Fix("Use the " + p.name() + " profile's TLS 1.3 suites", List.of(TlsEdits.replace(d, profileLine(d, p))));
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

    private static List<String> names(List<CipherSuite> ss) {
        return ss.stream().map(CipherSuite::name).distinct().toList();
    }

    /** "OpenSSL does not know X or y (names are case-sensitive: Y)": unknown names, with a hint for case. */
    private static String unknownSentence(List<String> unknown, CipherTable table) {
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

    // ------------------------------------------------------------------ TLS113

    /**
     * TLS113 for TLS 1.3 lists: a value where OpenSSL finds no suite name it knows. nginx -t fails
     * (SSL_CONF_cmd failed); apache2 -t says Syntax OK and mod_ssl stops the start (AH10127 for
     * SSLCipherSuite TLSv1.3, AH02407 for SSLOpenSSLConfCmd). Whatever the protocols.
     */
    static void rejected(TlsRules.Run run, Tls13Setting t) {
        CipherTable table = CipherTable.of(run.openssl);
        for (Tls13Setting.Applied a : t.rejected()) {
            Directive d = a.directive();
            if (!run.first("TLS113", d)) {
                continue;
            }
            List<String> words = new ArrayList<>();
            for (String w : a.value().split(":", -1)) {
                if (!w.isBlank()) {
                    words.add(w.strip());
                }
            }
            List<String> unknown = words.stream().filter(w -> table.byIanaName(w).isEmpty()
                    && !Tls13Suites.inert(run.openssl).contains(w)).toList();
            String why;
            String rejects = run.openssl.displayName() + " rejects the TLS 1.3 list (no cipher match)";
            if (words.isEmpty()) {
                why = "holds no suite name at all (only blanks, which is not the same as an empty list)";
            } else if (run.openssl != OpensslVersion.V1_1_1) {
                why = "names no cipher suite OpenSSL knows";
            } else {
                why = unknown.isEmpty() ? "has an empty element (a leading, trailing or doubled ':')"
                        : (unknown.size() == 1 ? "has a name" : "has names") + " OpenSSL 1.1.1 does not know";
                boolean othersKnown = words.size() > unknown.size();
                rejects = "OpenSSL 1.1.1 rejects the whole TLS 1.3 list for that (no cipher match"
                        + (othersKnown ? "; OpenSSL 3 would skip " + (unknown.size() > 1 ? "them" : "it") : "") + ")";
            }
            String consequence;
            if (d.dialect() == Dialect.NGINX) {
                consequence = "nginx refuses to start (nginx -t: SSL_CONF_cmd(\"Ciphersuites\", ...) failed)";
            } else if (d.is("SSLOpenSSLConfCmd")) {
                consequence = "Apache fails to start (AH02407 \"SSLOpenSSLConfCmd Ciphersuites ...\" failed), although "
                        + "apache2 -t still says Syntax OK";
            } else {
                consequence = "Apache fails to start (AH10127 Unable to configure permitted TLSv1.3 ciphers), although "
                        + "apache2 -t still says Syntax OK";
            }
            String unknownText = unknown.isEmpty() ? "" : " " + unknownSentence(unknown, table) + ".";
            run.ctx.report("TLS113", d.span(), a.text() + " " + why + ", so " + rejects + " and " + consequence + "."
                    + unknownText + " Use the " + run.profile.name() + " profile's list "
                    + run.profile.ciphersuitesString() + ".", List.of(), profileFix(d, run.profile));
        }
    }

    /**
     * TLS113 for Apache's {@code SSLCipherSuite WORD ""}: httpd drops an empty second argument, so
     * the line is the TLS 1.2 cipher string WORD, which OpenSSL rejects (seen for "TLSv1.3": apache2
     * -t Syntax OK, start fails with AH01898).
     */
    static void emptyApacheSecondArgument(TlsRules.Run run, Directive d) {
        String word = d.arg(0);
        boolean tls13 = word.equals("TLSv1.3");
        String msg = d.name() + " " + word + " \"\": httpd drops an empty argument and reads this line as the TLS 1.2 "
                + "cipher string '" + word + "', which OpenSSL rejects (no cipher match), so Apache fails to start "
                + "(AH01898 Unable to configure permitted SSL ciphers), although apache2 -t still says Syntax OK."
                + (tls13 ? " mod_ssl cannot empty the TLS 1.3 list: to turn TLS 1.3 off, leave it out of SSLProtocol "
                        + "(" + "SSLProtocol -all +TLSv1.2" + "); otherwise list the " + run.profile.name()
                        + " profile's TLS 1.3 suites." : " Give the cipher list as the only argument.");
        Fix fix;
        if (tls13) {
            fix = profileFix(d, run.profile);
        } else {
            TlsProfile p = run.profile;
            String list = p.cipherString().isEmpty() ? TlsProfile.defaultProfile().cipherString() : p.cipherString();
            fix = new Fix("Use the " + p.name() + " profile's cipher list",
                    List.of(TlsEdits.replace(d, "SSLCipherSuite " + list)));
        }
        run.ctx.report("TLS113", d.span(), msg, List.of(), fix);
    }

    // ------------------------------------------------------------------ TLS114

    /**
     * TLS114: the TLS 1.3 list in effect leaves TLS 1.3 without a usable suite, admits suites the
     * profile excludes, or names suites OpenSSL ignores; and, whatever the protocols, TLS 1.2 suite
     * names in it (OpenSSL offers those for TLS 1.2).
     */
    static void suites(TlsRules.Run run, Tls13Setting t) {
        Tls13Setting.Applied a = t.effective();
        if (a == null || !t.rejected().isEmpty()) {
            return; // OpenSSL's default list, or the server does not start (TLS113)
        }
        TlsEndpoint e = t.endpoint();
        Tls13Suites.Result r = a.result();
        CipherTable table = CipherTable.of(run.openssl);
        boolean on = t.tls13Enabled();
        TlsProfile p = run.profile;
        Set<String> allowed = new HashSet<>(p.ciphersuites());
        List<String> outside = names(r.suites().stream().filter(s -> !allowed.contains(s.name())).toList());
        boolean noSuite = r.suites().isEmpty();
        boolean noDefault = !noSuite && r.suites().stream().noneMatch(CipherSuite::tls13Default);
        boolean ignored = !r.unknown().isEmpty() || !r.inert().isEmpty();
        boolean report = !r.tls12().isEmpty() || (on && (noSuite || noDefault || !outside.isEmpty() || ignored));
        Directive d = a.directive();
        if (!report || !run.first("TLS114", d)) {
            return;
        }
        boolean ng = e.dialect() == Dialect.NGINX;
        String what = a.text();
        String profileList = "the " + p.name() + " profile's list " + p.ciphersuitesString();
        List<String> twelve = new ArrayList<>();
        for (CipherSuite s : r.tls12()) {
            twelve.add(s.ianaName() + " (" + s.name() + ")");
        }
        twelve = twelve.stream().distinct().toList();
        String twelveWhy = ": OpenSSL accepts IANA names of TLS 1.2 suites in this list and offers those suites for "
                + "TLS 1.2 ahead of " + (ng ? "ssl_ciphers" : "SSLCipherSuite") + ", even where the cipher string "
                + "excludes them.";
        String head = null;
        List<String> more = new ArrayList<>();
        String advice = "Use " + profileList + ".";
        Level level = run.ctx.defaultLevel("TLS114");
        if (on && noSuite) {
            level = Level.ERROR;
            String enabled = "TLS 1.3 is enabled (" + protocolSource(e) + ")";
            String leaves;
            if (a.value().isEmpty()) {
                leaves = what + " empties the TLS 1.3 suite list";
            } else if (!twelve.isEmpty()) {
                leaves = what + " names only TLS 1.2 suites (" + join(twelve) + "), so no TLS 1.3 suite is left";
            } else {
                leaves = what + " names no TLS 1.3 suite OpenSSL can use";
            }
            head = leaves + " while " + enabled + ": OpenSSL then refuses every handshake, TLS 1.2 ones included (\"no "
                    + "ciphers available: No ciphers enabled for max supported SSL/TLS version\", which "
                    + (ng ? "nginx logs at level crit" : "Apache logs only at LogLevel ssl:info") + ").";
            advice = "Use " + profileList + "; if TLS 1.3 is not wanted, turn it off (" + (ng ? "ssl_protocols TLSv1.2"
                    : "SSLProtocol -all +TLSv1.2") + ") rather than leaving its list without suites.";
        } else {
            if (on && noDefault) {
                level = Level.ERROR;
                head = what + " leaves only " + join(names(r.suites())) + " for TLS 1.3, none of the suites OpenSSL "
                        + "clients offer by default (" + join(names(table.tls13Defaults())) + "): their handshakes fail "
                        + "with \"no shared cipher\", and the server does not fall back to TLS 1.2 for them.";
            } else if (on && !outside.isEmpty()) {
                List<String> why = new ArrayList<>();
                for (String n : outside) {
                    why.add(n.equals(CCM_8) ? n + " (AES-CCM with an 8-byte tag, so only 64-bit integrity protection)" : n);
                }
                head = what + " admits " + join(why) + " for TLS 1.3, which the " + p.name() + " profile excludes.";
            }
            if (!twelve.isEmpty()) {
                String w = twelve.size() == 1 ? "the TLS 1.2 suite " : "the TLS 1.2 suites ";
                more.add(head == null ? what + " names " + w + join(twelve) + twelveWhy : "It also names " + w
                        + join(twelve) + twelveWhy);
                head = head == null ? more.remove(0) : head;
            }
        }
        if (on && (!r.unknown().isEmpty() || !r.inert().isEmpty())) {
            List<String> parts = new ArrayList<>();
            if (!r.unknown().isEmpty()) {
                parts.add(unknownSentence(r.unknown(), table));
            }
            if (!r.inert().isEmpty()) {
                parts.add((parts.isEmpty() ? "OpenSSL" : "it") + " knows " + join(r.inert().stream().distinct().toList())
                        + " but has no such suite to offer");
            }
            String s = String.join(", and ", parts) + "; it skips " + (r.unknown().size() + r.inert().size() == 1 ? "that name"
                    : "those names") + " silently, so TLS 1.3 offers "
                    + (r.suites().isEmpty() ? "no suite" : "only " + join(names(r.suites()))) + ".";
            if (head == null) {
                head = what + ": " + s + " Had no name been left, the server would not start.";
            } else {
                more.add(Character.toUpperCase(s.charAt(0)) + s.substring(1));
            }
        }
        List<String> sentences = new ArrayList<>();
        sentences.add(head);
        sentences.addAll(more);
        sentences.add(advice);
        run.ctx.report(new Finding("TLS114", level, String.join(" ", sentences), d.span(), List.of(), profileFix(d, p)));
    }

    /** "ssl_protocols TLSv1.2 TLSv1.3" or how the default was chosen. */
    private static String protocolSource(TlsEndpoint e) {
        Directive pd = e.protocolsDirective();
        if (pd != null) {
            return pd.name() + " " + String.join(" ", pd.values());
        }
        return e.protocolsDefault();
    }

}
