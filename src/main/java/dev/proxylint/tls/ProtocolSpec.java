package dev.proxylint.tls;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Protocol algebra of {@code SSLProtocol} / {@code SSLProxyProtocol} (mod_ssl) and
 * {@code ssl_protocols} / {@code proxy_ssl_protocols} (nginx).
 */
public final class ProtocolSpec {
    private ProtocolSpec() {
    }

    /**
     * @param configured the protocol set the directive names
     * @param effective  what the server can negotiate: for Apache the contiguous run ending at the
     *                   highest configured version (mod_ssl sets OpenSSL's min/max and refuses holes,
     *                   so "TLSv1 +TLSv1.2" yields only TLSv1.2); for nginx the set itself, or
     *                   nothing when it has a gap the cipher list cannot serve
     *                   ({@link #nginxWithCiphers})
     * @param error      a message like the server's when the value is rejected
     */
    public record Result(Set<TlsVersion> configured, Set<TlsVersion> effective, Optional<String> error) {
        public boolean ok() {
            return error.isEmpty();
        }

        public boolean allows(TlsVersion v) {
            return effective.contains(v);
        }
    }

    /**
     * mod_ssl semantics: words left to right, case-insensitive; {@code +X} adds, {@code -X}
     * removes, a bare keyword replaces the set; {@code all} is every protocol the library supports
     * (SSLv3 only where OpenSSL still has it, never SSLv2); the set starts empty.
     */
    public static Result apache(List<String> words, OpensslVersion openssl) {
        boolean hasSsl3 = TlsDefaults.opensslHasSsl3(openssl);
        EnumSet<TlsVersion> all = EnumSet.of(TlsVersion.TLSv1, TlsVersion.TLSv1_1, TlsVersion.TLSv1_2,
                TlsVersion.TLSv1_3);
        if (hasSsl3) {
            all.add(TlsVersion.SSLv3);
        }
        EnumSet<TlsVersion> set = EnumSet.noneOf(TlsVersion.class);
        for (String raw : words) {
            char action = 0;
            String w = raw;
            if (!w.isEmpty() && (w.charAt(0) == '+' || w.charAt(0) == '-')) {
                action = w.charAt(0);
                w = w.substring(1);
            }
            String l = w.toLowerCase(Locale.ROOT);
            EnumSet<TlsVersion> these;
            if (l.equals("all")) {
                these = EnumSet.copyOf(all);
            } else if (l.equals("sslv2")) {
                if (action == '-') {
                    continue;
                }
                return fail("SSLProtocol: SSLv2 is no longer supported");
            } else if (l.equals("sslv3") && !hasSsl3) {
                if (action == '-') {
                    continue;
                }
                return fail("SSLv3 not supported by this version of OpenSSL");
            } else {
                Optional<TlsVersion> v = TlsVersion.parse(w);
                if (v.isEmpty() || l.equals("tlsv1.0")) {
                    return fail("SSLProtocol: Illegal protocol '" + w + "'");
                }
                these = EnumSet.of(v.get());
            }
            switch (action) {
                case '+' -> set.addAll(these);
                case '-' -> set.removeAll(these);
                default -> {
                    set.clear();
                    set.addAll(these);
                }
            }
        }
        EnumSet<TlsVersion> eff = EnumSet.noneOf(TlsVersion.class);
        TlsVersion[] vs = TlsVersion.values();
        int hi = vs.length - 1;
        while (hi >= 0 && !set.contains(vs[hi])) {
            hi--;
        }
        for (int i = hi; i >= 0 && set.contains(vs[i]); i--) {
            eff.add(vs[i]);
        }
        Optional<String> err = set.isEmpty() ? Optional.of("No SSL protocols available [hint: SSLProtocol]")
                : Optional.empty();
        return new Result(Collections.unmodifiableSet(set), Collections.unmodifiableSet(eff), err);
    }

    /** Splits a directive value on blanks and evaluates it like {@link #apache(List, OpensslVersion)}. */
    public static Result apache(String value, OpensslVersion openssl) {
        return apache(split(value), openssl);
    }

    /** Apache's default when no SSLProtocol is given. */
    public static Result apacheDefault(OpensslVersion openssl) {
        return apache(TlsDefaults.APACHE_SSL_PROTOCOL, openssl);
    }

    /**
     * nginx semantics: an explicit list of SSLv2 SSLv3 TLSv1 TLSv1.1 TLSv1.2 TLSv1.3 (matched
     * case-insensitively, as nginx's bitmask slots do); anything else is "invalid value". The
     * effective set drops what the OpenSSL library cannot do (SSLv2 always; SSLv3 on 3.x).
     */
    public static Result nginx(List<String> words, OpensslVersion openssl) {
        EnumSet<TlsVersion> set = EnumSet.noneOf(TlsVersion.class);
        for (String w : words) {
            Optional<TlsVersion> v = TlsVersion.parse(w);
            if (v.isEmpty() || w.equalsIgnoreCase("TLSv1.0")) {
                return fail("invalid value \"" + w + "\"");
            }
            set.add(v.get());
        }
        EnumSet<TlsVersion> eff = EnumSet.copyOf(set.isEmpty() ? EnumSet.noneOf(TlsVersion.class) : set);
        eff.remove(TlsVersion.SSLv2);
        if (!TlsDefaults.opensslHasSsl3(openssl)) {
            eff.remove(TlsVersion.SSLv3);
        }
        return new Result(Collections.unmodifiableSet(set), Collections.unmodifiableSet(eff), Optional.empty());
    }

    /** nginx's default ssl_protocols for {@code nginxVersion} (null = unknown: the older default). */
    public static Result nginxDefault(String nginxVersion, OpensslVersion openssl) {
        List<String> words = new ArrayList<>();
        for (TlsVersion v : TlsDefaults.nginxProtocols(nginxVersion)) {
            words.add(v.label());
        }
        return nginx(words, openssl);
    }

    /**
     * The versions a protocol set leaves out between its lowest and its highest member (TLS 1.1 for
     * TLSv1 + TLSv1.2); empty for a contiguous set.
     */
    public static Set<TlsVersion> gap(Set<TlsVersion> set) {
        EnumSet<TlsVersion> out = EnumSet.noneOf(TlsVersion.class);
        if (set.isEmpty()) {
            return out;
        }
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (TlsVersion v : set) {
            lo = Math.min(lo, v.ordinal());
            hi = Math.max(hi, v.ordinal());
        }
        for (TlsVersion v : TlsVersion.values()) {
            if (v.ordinal() > lo && v.ordinal() < hi && !set.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * The highest version of the lowest contiguous run of {@code set}: what OpenSSL's
     * ssl_get_min_max_version takes as the maximum when versions are switched off with
     * SSL_OP_NO_TLSvX ("SSL_OP_NO_X disables all protocols above X if there are some protocols below
     * X enabled"). A server checks at each handshake that some configured cipher suite works at that
     * version, and refuses every handshake otherwise ("No ciphers enabled for max supported SSL/TLS
     * version"); the versions it then negotiates are the set itself (seen with nginx 1.22.1 and with
     * {@code openssl s_server -no_tls1_1} of OpenSSL 3.0 and 1.1.1w, testdata/reality/README.md).
     */
    public static Optional<TlsVersion> lowestRunTop(Set<TlsVersion> set) {
        TlsVersion top = null;
        for (TlsVersion v : TlsVersion.values()) {
            if (set.contains(v)) {
                top = v;
            } else if (top != null) {
                break;
            }
        }
        return Optional.ofNullable(top);
    }

    /**
     * nginx: {@code r} with no effective protocol when its set has a gap and none of the
     * {@code suites} (the TLS 1.2-and-older list and the TLS 1.3 suites) can be used at the top of
     * the lowest run ({@link #lowestRunTop}); the OpenSSL server then refuses every handshake, TLS 1.2
     * and 1.3 included. Otherwise {@code r} itself: the server negotiates each version of the set.
     */
    public static Result nginxWithCiphers(Result r, Collection<CipherSuite> suites) {
        if (r.effective().isEmpty() || gap(r.effective()).isEmpty()) {
            return r;
        }
        TlsVersion top = lowestRunTop(r.effective()).orElseThrow();
        for (CipherSuite c : suites) {
            int min = c.minVersion().ordinal();
            int max = c.tls13() ? TlsVersion.TLSv1_3.ordinal() : TlsVersion.TLSv1_2.ordinal();
            if (min <= top.ordinal() && top.ordinal() <= max) {
                return r;
            }
        }
        return new Result(r.configured(), Set.of(), r.error());
    }

    private static Result fail(String msg) {
        return new Result(Set.of(), Set.of(), Optional.of(msg));
    }

    private static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        for (String w : value.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
