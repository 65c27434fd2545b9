package dev.proxylint.rules.tls;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.apache.model.ProxyPassEntry;
import dev.proxylint.facts.NginxRoute;
import dev.proxylint.facts.Tls13Setting;
import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.Rule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.Span;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.tls.CipherClass;
import dev.proxylint.tls.CipherList;
import dev.proxylint.tls.CipherSuite;
import dev.proxylint.tls.OpensslVersion;
import dev.proxylint.tls.ProtocolSpec;
import dev.proxylint.tls.TlsDefaults;
import dev.proxylint.tls.TlsProfile;
import dev.proxylint.tls.TlsVersion;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * TLS policy of every TLS endpoint ({@link TlsEndpoint}) against the selected Mozilla profile:
 * protocols, cipher suites, cipher order, session tickets, Apache-only switches, and TLS towards
 * backends.
 */
public final class TlsRules implements Rule {

    @Override
    public Set<String> ids() {
        return Set.of("TLS101", "TLS102", "TLS103", "TLS104", "TLS105", "TLS106", "TLS107", "TLS108", "TLS109",
                "TLS110", "TLS111", "TLS112", "TLS113", "TLS114", "TLS115", "TLS116");
    }

    @Override
    public Set<Dialect> dialects() {
        return Set.of(Dialect.NGINX, Dialect.APACHE);
    }

    /** Per-run state: the directives already reported per rule (shared directives are reported once). */
    static final class Run {
        final RuleContext ctx;
        final TlsProfile profile;
        final OpensslVersion openssl;
        final Set<String> seen = new HashSet<>();

        Run(RuleContext ctx) {
            this.ctx = ctx;
            this.profile = TlsEndpoint.profile(ctx.settings().facts());
            this.openssl = ctx.settings().openssl();
        }

        boolean first(String id, Object where) {
            return seen.add(id + "@" + System.identityHashCode(where));
        }
    }

    @Override
    public void check(RuleContext ctx) {
        Run run = new Run(ctx);
        List<TlsEndpoint> eps;
        ApacheModel apache = null;
        if (ctx.dialect() == Dialect.NGINX) {
            NginxModel m = ctx.facts().nginx();
            eps = ctx.facts().tlsEndpoints();
            backendNginx(run, m);
        } else {
            apache = ctx.facts().apache();
            eps = ctx.facts().tlsEndpoints();
            apacheOnly(run, apache);
            backendApache(run, apache);
        }
        for (TlsEndpoint e : eps) {
            Tls13Setting t13 = Tls13Setting.of(e, apache, run.openssl);
            // protocols and the TLS 1.3 list are judged where they are decided: on nginx the default
            // server of each address (its findings are reported once, on its own directives)
            List<TlsEndpoint> deciders = e.deciders();
            for (TlsEndpoint d : deciders) {
                protocols(run, d);
            }
            rejectedCiphers(run, e);
            Tls13Checks.rejected(run, t13);
            ciphers(run, e);
            for (TlsEndpoint d : deciders) {
                Tls13Checks.suites(run, d == e ? t13 : Tls13Setting.of(d, apache, run.openssl));
            }
            SniChecks.check(run, e, t13);
            order(run, e);
            tickets(run, e);
        }
    }

    // ------------------------------------------------------------------ protocols

    private static String protocolLine(TlsEndpoint e, TlsProfile p) {
        return e.dialect() == Dialect.NGINX ? p.nginxProtocolLine() : p.apacheProtocolLine();
    }

    private static Fix protocolFix(TlsEndpoint e, TlsProfile p) {
        String line = protocolLine(e, p);
        TextEdit edit = e.protocolsDirective() != null ? TlsEdits.replace(e.protocolsDirective(), line)
                : TlsEdits.add(e, line);
        return new Fix("Use the " + p.name() + " profile's protocols: " + line, List.of(edit));
    }

    static String names(Set<TlsVersion> vs) {
        List<String> out = new ArrayList<>();
        for (TlsVersion v : vs) {
            out.add(v.label());
        }
        return out.size() == 1 ? out.get(0) : String.join(", ", out.subList(0, out.size() - 1)) + " and " + out.get(out.size() - 1);
    }

    private static void protocols(Run run, TlsEndpoint e) {
        Directive pd = e.protocolsDirective();
        Object where = pd != null ? pd : e.anchor();
        Span span = pd != null ? pd.span() : e.anchor().headSpan();
        String dname = e.dialect() == Dialect.NGINX ? "ssl_protocols" : "SSLProtocol";
        // TLS101: SSLv2 / SSLv3 asked for
        if (pd != null) {
            EnumSet<TlsVersion> ssl = EnumSet.noneOf(TlsVersion.class);
            for (String w : pd.values()) {
                if (w.startsWith("-")) {
                    continue;
                }
                String l = w.startsWith("+") ? w.substring(1) : w;
                TlsVersion.parse(l).filter(v -> v == TlsVersion.SSLv2 || v == TlsVersion.SSLv3).ifPresent(ssl::add);
            }
            if (!ssl.isEmpty() && run.first("TLS101", pd)) {
                String what = ssl3Consequence(e.dialect(), run.openssl);
                run.ctx.report("TLS101", pd.span(), dname + " enables " + names(ssl) + ", protocols broken beyond "
                        + "repair (POODLE, DROWN) and prohibited by RFC 7568 and RFC 6176. " + what + ". Enable only "
                        + names(run.profile.protocols()) + " (" + stripSemi(protocolLine(e, run.profile)) + ").", List.of(),
                        protocolFix(e, run.profile));
            }
            if (e.dialect() == Dialect.APACHE) {
                override(run, e, pd);
            }
            gap(run, e, pd);
        }
        // TLS102: TLS 1.0 / 1.1 enabled beyond what the profile allows
        EnumSet<TlsVersion> old = EnumSet.noneOf(TlsVersion.class);
        for (TlsVersion v : List.of(TlsVersion.TLSv1, TlsVersion.TLSv1_1)) {
            if (e.protocols().allows(v) && !run.profile.protocols().contains(v)) {
                old.add(v);
            }
        }
        if (old.isEmpty() || !run.first("TLS102", where)) {
            return;
        }
        String how;
        if (pd == null) {
            how = e.protocolsDefault() + " (" + names(e.protocols().effective()) + ") enables " + names(old)
                    + ", because " + e.label() + " sets no " + dname;
        } else if (pd.values().stream().anyMatch(w -> w.replaceFirst("^[+-]", "").equalsIgnoreCase("all")
                && !w.startsWith("-"))) {
            how = dname + " enables " + names(old) + " through 'all', which means every protocol OpenSSL supports";
        } else {
            how = dname + " enables " + names(old);
        }
        String openssl = legacyHandshakes(e, old, run.openssl);
        run.ctx.report("TLS102", span, how + ", protocol versions deprecated by RFC 8996 (weak SHA-1/MD5 handshake, "
                + "no AEAD ciphers) that the " + run.profile.name() + " profile excludes." + openssl
                + " Use " + stripSemi(protocolLine(e, run.profile)) + ".", List.of(), protocolFix(e, run.profile));
    }

    /** TLS101: what the server does with SSLv3 in its protocol list, for the modelled OpenSSL. */
    static String ssl3Consequence(Dialect d, OpensslVersion v) {
        String lib = v == OpensslVersion.V3_0 ? "OpenSSL 3, which has no SSLv3"
                : "OpenSSL " + v.label() + ", whose default build (Debian's too) has no SSLv3";
        return d == Dialect.NGINX
                ? "nginx built with " + lib + ", drops it silently, but the same line offers it with an OpenSSL that "
                        + "still has SSLv3 (1.0.2 or a build with enable-ssl3)"
                : "Apache with " + lib + ", refuses to start (\"SSLv3 not supported by this version of OpenSSL\"), and "
                        + "with an OpenSSL that still has SSLv3 it offers the protocol";
    }

    /**
     * TLS102: whether the modelled OpenSSL really completes the TLS 1.0/1.1 handshakes the
     * configuration asks for, given the security level of the cipher string (facts in
     * {@link TlsDefaults#legacyProtocolsRefused}).
     */
    static String legacyHandshakes(TlsEndpoint e, Set<TlsVersion> old, OpensslVersion v) {
        java.util.OptionalInt set = e.ciphers() != null ? e.ciphers().secLevel() : java.util.OptionalInt.empty();
        if (v == OpensslVersion.V3_0) {
            return set.isPresent() && set.getAsInt() == 0
                    ? " This cipher string sets @SECLEVEL=0, so OpenSSL 3 really completes these handshakes."
                    : " With OpenSSL 3 or newer the server only really offers them when the cipher string lowers the "
                            + "security level to @SECLEVEL=0 (this one does not), but the configuration still asks for them"
                            + " and offers them with an older OpenSSL or a changed cipher string.";
        }
        int level = set.orElse(TlsDefaults.OPENSSL_DEFAULT_SECURITY_LEVEL);
        EnumSet<TlsVersion> refused = EnumSet.noneOf(TlsVersion.class);
        refused.addAll(TlsDefaults.legacyProtocolsRefused(v, level));
        refused.retainAll(old);
        String lib = "OpenSSL " + v.label();
        if (refused.isEmpty()) {
            String where = set.isPresent()
                    ? "at the @SECLEVEL=" + level + " this cipher string sets" + (level >= 2 ? " (with an RSA certificate)" : "")
                    : "at its default security level " + level + " (and, with an RSA certificate, at level "
                            + TlsDefaults.DEBIAN11_SYSTEM_SECURITY_LEVEL + ", which Debian 11's openssl.cnf sets)";
            return " " + lib + " really completes these handshakes " + where + "; unlike OpenSSL 3 it needs no "
                    + "@SECLEVEL=0 for them.";
        }
        EnumSet<TlsVersion> offered = EnumSet.copyOf(old);
        offered.removeAll(refused);
        return " At @SECLEVEL=" + level + " " + lib + " refuses " + names(refused)
                + (offered.isEmpty() ? "" : " (it still completes " + names(offered) + " with an RSA certificate)")
                + ", but the configuration still asks for them and offers them with a changed cipher string.";
    }

    /** TLS112: Apache SSLProtocol words without +/- after the first one replace what came before. */
    private static void override(Run run, TlsEndpoint e, Directive pd) {
        List<String> ws = pd.values();
        List<String> lost = new ArrayList<>();
        for (int i = 1; i < ws.size(); i++) {
            String w = ws.get(i);
            if (!w.startsWith("+") && !w.startsWith("-")) {
                lost.addAll(ws.subList(0, i));
            }
        }
        if (lost.isEmpty() || !e.protocols().ok() || !run.first("TLS112", pd)) {
            return;
        }
        Set<TlsVersion> eff = e.protocols().effective();
        String off = eff.contains(TlsVersion.TLSv1_3) ? "" : "; TLSv1.3 is off as well";
        run.ctx.report("TLS112", pd.span(), "SSLProtocol " + String.join(" ", ws) + " enables only " + names(eff)
                + ": a protocol word without + or - replaces everything before it, so '"
                + String.join(" ", new java.util.LinkedHashSet<>(lost)) + "' has no effect (httpd logs \"overrides already "
                + "set parameter(s). Check if a +/- prefix is missing\")" + off + ". Write the set with + and -, e.g. "
                + run.profile.apacheProtocolLine() + ".", List.of(), protocolFix(e, run.profile));
    }

    /**
     * TLS116: a protocol set with a gap. mod_ssl keeps the contiguous run ending at the highest version
     * (the listed versions below the gap are off); nginx passes the set to OpenSSL as it is, which
     * negotiates it when a suite works at the top of the lowest run and refuses every handshake
     * otherwise ({@link ProtocolSpec#nginxWithCiphers}).
     */
    private static void gap(Run run, TlsEndpoint e, Directive pd) {
        ProtocolSpec.Result r = e.protocols();
        if (!r.ok()) {
            return;
        }
        EnumSet<TlsVersion> listed = EnumSet.noneOf(TlsVersion.class);
        listed.addAll(r.configured());
        listed.remove(TlsVersion.SSLv2);
        if (!TlsDefaults.opensslHasSsl3(run.openssl)) {
            listed.remove(TlsVersion.SSLv3);
        }
        Set<TlsVersion> holes = ProtocolSpec.gap(listed);
        if (holes.isEmpty()) {
            return;
        }
        String fixLine = stripSemi(protocolLine(e, run.profile));
        if (e.dialect() == Dialect.NGINX) {
            if (!r.effective().isEmpty() || e.ciphers() == null || !run.first("TLS116", pd)) {
                return;
            }
            TlsVersion top = ProtocolSpec.lowestRunTop(listed).orElseThrow();
            run.ctx.report(new Finding("TLS116", Level.ERROR, "ssl_protocols lists " + names(listed) + " without " + names(holes)
                    + ", and every handshake fails, whatever version the client asks for: with a gap OpenSSL takes the top of the lowest run ("
                    + top.label() + ") as the highest version when it sets up a handshake, and the cipher list has no "
                    + "suite that works with " + top.label() + " (\"No ciphers enabled for max supported SSL/TLS "
                    + "version\", logged at crit). Use a contiguous set: " + fixLine + ".", pd.span(), List.of(),
                    protocolFix(e, run.profile)));
            return;
        }
        if (run.seen.contains("TLS112@" + System.identityHashCode(pd)) || !run.first("TLS116", pd)) {
            return;
        }
        EnumSet<TlsVersion> off = EnumSet.copyOf(listed);
        off.removeAll(r.effective());
        if (off.isEmpty()) {
            return;
        }
        run.ctx.report("TLS116", pd.span(), "SSLProtocol enables " + names(listed) + " but not " + names(holes)
                + ", and mod_ssl does not allow a gap: it sets OpenSSL's version range to the contiguous run ending at "
                + "the highest version, so only " + names(r.effective()) + " " + (r.effective().size() == 1 ? "is" : "are")
                + " on and " + names(off) + " " + (off.size() == 1 ? "is" : "are") + " silently off. Write the set "
                + "you mean without a gap, e.g. " + fixLine + ".", List.of(), protocolFix(e, run.profile));
    }

    /** "ssl_protocols TLSv1.2;" without its ";", for use inside a sentence. */
    public static String stripSemi(String line) {
        return line.endsWith(";") ? line.substring(0, line.length() - 1) : line;
    }

    // ------------------------------------------------------------------ ciphers

    private static Fix cipherFix(TlsEndpoint e, TlsProfile p) {
        String list = p.cipherString().isEmpty() ? TlsProfile.defaultProfile().cipherString() : p.cipherString();
        String line = e.dialect() == Dialect.NGINX ? "ssl_ciphers " + list + ";" : "SSLCipherSuite " + list;
        TextEdit edit = e.ciphersDirective() != null ? TlsEdits.replace(e.ciphersDirective(), line)
                : TlsEdits.add(e, line);
        return new Fix("Use the " + p.name() + " profile's cipher list", List.of(edit));
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
     * Where a TLS103/TLS104 finding about {@code sel} points and what it names as the source of the
     * suites: the cipher directive (or the endpoint when the default list applies), or, when every
     * suite came from a TLS 1.3 list, that list's directive; {@code note} explains the TLS 1.3 list's
     * part, and the fix rewrites every directive that let a suite in (the TLS 1.3 lists to the
     * profile's TLS 1.3 suites, the same edit as TLS114's), so that no finding is left after it.
     */
    private record Origin(Object where, Span span, String source, String note, Fix fix) {
    }

    private static Origin origin(Run run, TlsEndpoint e, List<CipherList.Selected> sel, String stringSource) {
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
        if (lists.isEmpty()) {
            return new Origin(where, span, stringSource, "", cipherFix(e, run.profile));
        }
        String dname = e.dialect() == Dialect.NGINX ? "ssl_ciphers" : "SSLCipherSuite";
        List<String> texts = new ArrayList<>();
        List<TextEdit> edits = new ArrayList<>();
        if (fromString) {
            edits.addAll(cipherFix(e, run.profile).edits());
        }
        for (Tls13Setting.Applied a : lists) {
            texts.add(a.text());
            edits.add(TlsEdits.replace(a.directive(), Tls13Checks.profileLine(a.directive(), run.profile)));
        }
        String listText = String.join(" and ", texts) + (texts.size() > 1 ? " (TLS 1.3 lists)"
                : replaced ? " (an earlier TLS 1.3 list)" : " (the TLS 1.3 list)");
        String note = " OpenSSL offers TLS 1.2 suites named by their IANA name in the TLS 1.3 list for TLS 1.2, ahead of "
                + dname + " and even where the cipher string excludes them" + (replaced ? "; a later TLS 1.3 list "
                        + "does not remove them (OpenSSL drops only the TLS 1.3 suites in front of the first TLS 1.2 one)"
                        : "") + "; name only TLS 1.3 suites there.";
        Fix fix = new Fix("Use the " + run.profile.name() + " profile's " + (fromString ? "cipher list and " : "")
                + "TLS 1.3 suites", edits);
        if (fromString) {
            return new Origin(where, span, stringSource + " together with " + listText, note, fix);
        }
        Directive d = lists.get(0).directive();
        return new Origin(d, d.span(), listText, note, fix);
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

    /**
     * TLS113: a cipher string OpenSSL rejects. nginx refuses to start (nginx -t catches it); Apache's
     * apache2 -t still says "Syntax OK", but mod_ssl's initialisation fails at start ("no cipher
     * match", AH02312) — both seen on this project's Debian servers.
     */
    private static void rejectedCiphers(Run run, TlsEndpoint e) {
        Directive cd = e.ciphersDirective();
        if (e.cipherError() == null || cd == null || !run.first("TLS113", cd)) {
            return;
        }
        if (e.dialect() == Dialect.APACHE && cd.argCount() == 2 && cd.arg(1).isEmpty() && !cd.arg(0).isEmpty()) {
            Tls13Checks.emptyApacheSecondArgument(run, cd);
            return;
        }
        if (e.dialect() == Dialect.APACHE && cd.argCount() > 1) {
            return; // two words: TLS109 (protocol selector or unquoted blank) already explains this line
        }
        String dname = e.dialect() == Dialect.NGINX ? "ssl_ciphers" : "SSLCipherSuite";
        String consequence = e.dialect() == Dialect.NGINX
                ? "nginx refuses to start (SSL_CTX_set_cipher_list failed)"
                : "Apache fails to start (Fatal error initialising mod_ssl), although apache2 -t still says Syntax OK";
        run.ctx.report("TLS113", cd.span(), dname + " " + String.join(" ", cd.values()) + " is rejected by OpenSSL ("
                + e.cipherError() + "), so " + consequence + ". Use a cipher string that selects at least one suite, "
                + "such as the " + run.profile.name() + " profile's list.", List.of(), cipherFix(e, run.profile));
    }

    private static void ciphers(Run run, TlsEndpoint e) {
        if (e.ciphers() == null || !e.usesLegacyCiphers()) {
            return;
        }
        Directive cd = e.ciphersDirective();
        String dname = e.dialect() == Dialect.NGINX ? "ssl_ciphers" : "SSLCipherSuite";
        String stringSource = cd != null ? dname + " " + String.join(" ", cd.values())
                : (e.dialect() == Dialect.NGINX ? "nginx's default ssl_ciphers HIGH:!aNULL:!MD5"
                        : "mod_ssl's default cipher list (OpenSSL DEFAULT:!aNULL:!eNULL:!EXP)");
        Set<String> allowed = new HashSet<>(run.profile.ciphers());
        Predicate<CipherSuite> mine = s -> !allowed.contains(s.name()) && negotiable(s);
        List<CipherList.Selected> bad = CipherClass.filter(e.ciphers(), s -> mine.test(s) && CipherClass.insecure(s));
        Origin badFrom = bad.isEmpty() ? null : origin(run, e, bad, stringSource);
        if (badFrom != null && run.first("TLS103", badFrom.where())) {
            Set<String> kinds = new java.util.TreeSet<>();
            for (CipherList.Selected s : bad) {
                for (CipherClass.Weakness w : CipherClass.weaknesses(s.suite())) {
                    kinds.add(w.name().toLowerCase(Locale.ROOT).replace('_', ' '));
                }
            }
            run.ctx.report("TLS103", badFrom.span(), badFrom.source() + " admits " + bad.size() + " insecure suite"
                    + (bad.size() == 1 ? "" : "s") + " (" + String.join(", ", kinds) + "): " + describe(bad, 6)
                    + "." + badFrom.note() + " A client that offers one of them gets a connection that is "
                    + "unauthenticated, unencrypted or breakable, and an active attacker can steer the handshake there. "
                    + "Exclude them, or use the " + run.profile.name() + " profile's list.", List.of(), badFrom.fix());
        }
        List<CipherList.Selected> weak = CipherClass.filter(e.ciphers(), s -> mine.test(s) && !CipherClass.insecure(s)
                && (CipherClass.staticRsa(s) || CipherClass.noForwardSecrecy(s) || CipherClass.cbc(s)
                        || CipherClass.sha1Mac(s)));
        weak = new ArrayList<>(weak);
        weak.sort(java.util.Comparator.comparingInt(x -> badness(x.suite())));
        Origin weakFrom = weak.isEmpty() ? null : origin(run, e, weak, stringSource);
        if (weakFrom != null && run.first("TLS104", weakFrom.where())) {
            int nfs = CipherClass.filter(e.ciphers(), s -> mine.test(s) && !CipherClass.insecure(s)
                    && CipherClass.noForwardSecrecy(s)).size();
            int cbc = CipherClass.filter(e.ciphers(), s -> mine.test(s) && !CipherClass.insecure(s)
                    && CipherClass.cbc(s)).size();
            int sha1 = CipherClass.filter(e.ciphers(), s -> mine.test(s) && !CipherClass.insecure(s)
                    && CipherClass.sha1Mac(s)).size();
            List<String> what = new ArrayList<>();
            if (nfs > 0) {
                what.add(nfs + " without forward secrecy (static RSA key exchange)");
            }
            if (cbc > 0) {
                what.add(cbc + " CBC");
            }
            if (sha1 > 0) {
                what.add(sha1 + " with a SHA-1 MAC");
            }
            String msg = weakFrom.source() + " admits " + weak.size() + (weak.size() == 1 ? " suite" : " suites") + " the "
                    + run.profile.name() + " profile excludes (" + String.join(", ", what) + "): " + describe(weak, 6)
                    + "." + weakFrom.note() + " Without forward secrecy recorded "
                    + "traffic can be decrypted once the key leaks; CBC suites have a history of padding-oracle "
                    + "attacks. Use ECDHE with AES-GCM or ChaCha20-Poly1305 only.";
            Finding f = new Finding("TLS104", run.ctx.defaultLevel("TLS104"), msg, weakFrom.span(), List.of(),
                    weakFrom.fix());
            if (run.profile.name().equals("modern")) {
                f = f.withLevel(Level.ERROR);
            }
            run.ctx.report(f);
        }
    }

    // ------------------------------------------------------------------ order, tickets

    private static void order(Run run, TlsEndpoint e) {
        boolean want = run.profile.serverPreferredOrder();
        if (e.serverOrder() == want) {
            return;
        }
        Directive od = e.orderDirective();
        Object where = od != null ? od : e.anchor();
        if (!run.first("TLS108", where)) {
            return;
        }
        boolean ng = e.dialect() == Dialect.NGINX;
        String name = ng ? "ssl_prefer_server_ciphers" : "SSLHonorCipherOrder";
        String line = ng ? name + " " + (want ? "on" : "off") + ";" : name + " " + (want ? "on" : "off");
        TextEdit edit = od != null ? TlsEdits.replace(od, line) : TlsEdits.add(e, line);
        String msg = want
                ? (od != null ? name + " is off" : e.label() + " leaves " + name + " at its default off")
                        + ", but the " + run.profile.name() + " profile lists weaker suites for old clients and needs "
                        + "the server's order so that capable clients do not pick them. Set " + stripSemi(line)
                : name + " on makes the server pick from its own order, which the " + run.profile.name()
                        + " profile does not want: every suite it allows is strong, and clients know best whether "
                        + "they have AES hardware (ChaCha20 is faster without). Set " + stripSemi(line);
        run.ctx.report("TLS108", od != null ? od.span() : e.anchor().headSpan(), msg + ".", List.of(),
                new Fix("Set " + line, List.of(edit)));
    }

    private static void tickets(Run run, TlsEndpoint e) {
        if (!e.sessionTickets()) {
            return;
        }
        Directive td = e.ticketsDirective();
        Object where = td != null ? td : e.anchor();
        if (!run.first("TLS107", where)) {
            return;
        }
        boolean ng = e.dialect() == Dialect.NGINX;
        String line = ng ? "ssl_session_tickets off;" : "SSLSessionTickets off";
        TextEdit edit = td != null ? TlsEdits.replace(td, line) : TlsEdits.add(e, line);
        String what = td != null ? td.name() + " " + String.join(" ", td.values()) + " issues TLS session tickets: "
                : e.label() + " leaves " + (ng ? "ssl_session_tickets" : "SSLSessionTickets")
                        + " at its default (on), so it issues TLS session tickets: ";
        run.ctx.report("TLS107", td != null ? td.span() : e.anchor().headSpan(), what
                + "the ticket key lives in memory until the server restarts, and anyone who obtains it can decrypt "
                + "every recorded TLS 1.2 session resumed with it, defeating forward secrecy. Turn tickets off ("
                + stripSemi(line) + ") unless the ticket key is rotated.", List.of(), new Fix("Set " + line, List.of(edit)));
    }

    // ------------------------------------------------------------------ Apache-only switches

    private static void apacheOnly(Run run, ApacheModel m) {
        for (ApacheScope s : m.scopes()) {
            for (Directive d : s.directives()) {
                if (d.is("SSLCompression") && "on".equalsIgnoreCase(d.arg(0)) && run.first("TLS105", d)) {
                    run.ctx.report("TLS105", d.span(), "SSLCompression on compresses data inside TLS, which lets an "
                            + "attacker who can inject text learn secrets such as cookies from the ciphertext length "
                            + "(CRIME). Set SSLCompression off (the default).", List.of(),
                            new Fix("Set SSLCompression off", List.of(TlsEdits.replace(d, "SSLCompression off"))));
                }
                if (d.is("SSLInsecureRenegotiation") && "on".equalsIgnoreCase(d.arg(0)) && run.first("TLS106", d)) {
                    run.ctx.report("TLS106", d.span(), "SSLInsecureRenegotiation on lets clients without the RFC 5746 "
                            + "renegotiation extension renegotiate, so a man in the middle can splice their own "
                            + "request in front of the victim's (CVE-2009-3555). Set SSLInsecureRenegotiation off (the "
                            + "default).", List.of(), new Fix("Set SSLInsecureRenegotiation off",
                                    List.of(TlsEdits.replace(d, "SSLInsecureRenegotiation off"))));
                }
                if ((d.is("SSLCipherSuite") || d.is("SSLProxyCipherSuite")) && run.first("TLS109", d)) {
                    cipherSyntax(run, d);
                }
            }
        }
    }

    /** TLS109: SSLCipherSuite split by an unquoted blank, or a protocol selector in the wrong case. */
    private static void cipherSyntax(Run run, Directive d) {
        List<String> vs = d.values();
        if (vs.isEmpty()) {
            return;
        }
        boolean hasProto = vs.size() >= 2 && (vs.get(0).equalsIgnoreCase("SSL") || vs.get(0).equalsIgnoreCase("TLSv1.3"));
        String proto = hasProto ? (vs.get(0).equalsIgnoreCase("SSL") ? "SSL" : "TLSv1.3") : null;
        int specStart = hasProto ? 1 : 0;
        boolean badCase = hasProto && !vs.get(0).equals(proto);
        boolean split = vs.size() - specStart > 1;
        if (!badCase && !split) {
            return;
        }
        List<String> spec = vs.subList(specStart, vs.size());
        String joined = String.join(" ", spec);
        String fixed = d.name() + (proto != null ? " " + proto : "") + (split ? " \"" + joined + "\"" : " " + joined);
        String msg;
        if (badCase) {
            msg = d.name() + " " + vs.get(0) + " ...: httpd matches the protocol selector case-sensitively and knows "
                    + "only 'SSL' and 'TLSv1.3', so it refuses to start (\"protocol '" + vs.get(0) + "' not supported\")"
                    + (split ? ", and the cipher list is split by an unquoted blank as well" : "")
                    + ". Write " + proto + ".";
        } else {
            msg = d.name() + " has an unquoted blank in its cipher list, so httpd reads '" + vs.get(0)
                    + "' as a protocol selector"
                    + (vs.size() > 2 ? " and then rejects the extra arguments (it takes 1-2)" : " and refuses to start"
                            + " (\"protocol '" + vs.get(0) + "' not supported\")")
                    + ". Join the list with ':' or quote it.";
        }
        List<TextEdit> edits = List.of(TlsEdits.replace(d, fixed));
        run.ctx.report("TLS109", d.span(), msg, List.of(), new Fix("Write " + fixed, edits));
    }

    // ------------------------------------------------------------------ backends

    private static final String BACKEND_WHY = "so the proxy accepts any certificate and a man in the middle between "
            + "proxy and backend can read and change the traffic";

    private static void backendNginx(Run run, NginxModel m) {
        for (NginxRoute r : run.ctx.facts().nginxRoutes()) {
            String t = r.target();
            if (t == null || !t.toLowerCase(Locale.ROOT).startsWith("https://")) {
                continue;
            }
            Directive v = r.location().effective("proxy_ssl_verify");
            if ((v == null || !"on".equals(v.arg(0))) && run.first("TLS110", r.proxyPass())) {
                String why = v == null ? "proxy_ssl_verify is not set (default off)" : "proxy_ssl_verify is off";
                List<Related> rel = v == null ? List.of() : List.of(new Related(v.span(), "verification turned off here"));
                run.ctx.report("TLS110", r.proxyPass().span(), "proxy_pass " + t + " talks TLS to the backend but "
                        + why + ", " + BACKEND_WHY + ". Set proxy_ssl_verify on with proxy_ssl_trusted_certificate "
                        + "(and proxy_ssl_name / proxy_ssl_server_name on when the upstream name is not the "
                        + "certificate's).", rel, null);
            }
            Directive p = r.location().effective("proxy_ssl_protocols");
            if (p != null) {
                backendProtocols(run, p, ProtocolSpec.nginx(p.values(), run.openssl), "proxy_ssl_protocols TLSv1.2 TLSv1.3;");
            }
        }
    }

    private static void backendApache(Run run, ApacheModel m) {
        for (ApacheScope s : m.scopes()) {
            for (ProxyPassEntry e : s.proxyPasses()) {
                String sch = e.scheme();
                if (!sch.equals("https") && !sch.equals("wss")) {
                    continue;
                }
                Directive v = proxySetting(m, s, e, "SSLProxyVerify");
                Directive pn = proxySetting(m, s, e, "SSLProxyCheckPeerName");
                String problem = null;
                List<Related> rel = new ArrayList<>();
                if (v == null || "none".equalsIgnoreCase(v.arg(0)) || "optional_no_ca".equalsIgnoreCase(v.arg(0))) {
                    problem = v == null ? "SSLProxyVerify is not set (default none)" : "SSLProxyVerify is " + v.arg(0);
                    if (v != null) {
                        rel.add(new Related(v.span(), "verification turned off here"));
                    }
                } else if (pn != null && "off".equalsIgnoreCase(pn.arg(0))) {
                    problem = "SSLProxyCheckPeerName off skips the check that the certificate names the backend";
                    rel.add(new Related(pn.span(), "name check turned off here"));
                }
                if (problem != null && run.first("TLS110", e.directive())) {
                    run.ctx.report("TLS110", e.directive().span(), e.directive().name() + " to " + e.url()
                            + " talks TLS to the backend but " + problem + ", " + BACKEND_WHY + ". Set SSLProxyVerify "
                            + "require with SSLProxyCACertificateFile, and leave SSLProxyCheckPeerName on.", rel, null);
                }
                Directive p = TlsEndpoint.apacheEffective(m, s, "SSLProxyProtocol");
                if (p != null) {
                    backendProtocols(run, p, ProtocolSpec.apache(p.values(), run.openssl),
                            "SSLProxyProtocol -all +TLSv1.2 +TLSv1.3");
                }
            }
        }
    }

    /**
     * An SSLProxy* setting for a ProxyPass target: from a matching {@code <Proxy url>} section
     * (2.4.30+ allows them there), else the server's, else the main server's.
     */
    private static Directive proxySetting(ApacheModel m, ApacheScope s, ProxyPassEntry e, String name) {
        List<ApacheScope> scopes = s.isMainServer() ? List.of(s) : List.of(s, m.mainServer());
        for (ApacheScope sc : scopes) {
            Directive found = null;
            for (Directive sec : sc.proxySections()) {
                String prefix = sec.arg(0);
                boolean match = sec.is("ProxyMatch") || (prefix != null && (prefix.equals("*")
                        || e.url().toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT).replace("*", ""))));
                if (!match) {
                    continue;
                }
                for (Directive d : dev.proxylint.syntax.Tree.effective(sec.children())) {
                    if (d.is(name)) {
                        found = d;
                    }
                }
            }
            if (found != null) {
                return found;
            }
        }
        return TlsEndpoint.apacheEffective(m, s, name);
    }

    private static void backendProtocols(Run run, Directive p, ProtocolSpec.Result r, String line) {
        EnumSet<TlsVersion> low = EnumSet.noneOf(TlsVersion.class);
        for (TlsVersion v : r.configured()) {
            if (v.ordinal() < TlsVersion.TLSv1_2.ordinal()) {
                low.add(v);
            }
        }
        if (low.isEmpty() || !run.first("TLS111", p)) {
            return;
        }
        run.ctx.report("TLS111", p.span(), p.name() + " lets the proxy talk " + names(low) + " to backends, so a "
                + "backend (or a man in the middle) can push the connection down to a protocol with a weak handshake "
                + "and no AEAD ciphers. Allow TLSv1.2 and TLSv1.3 only: " + stripSemi(line) + ".", List.of(),
                new Fix("Use " + line, List.of(TlsEdits.replace(p, line))));
    }
}
