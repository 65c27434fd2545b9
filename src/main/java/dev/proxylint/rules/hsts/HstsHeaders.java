package dev.proxylint.rules.hsts;

import dev.proxylint.facts.Facts;
import dev.proxylint.facts.HstsHeader;
import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * The Strict-Transport-Security headers of a config's TLS endpoints, parsed, and the nginx locations
 * that drop them: a fact computed once per config and shared by the HSTS rules, with the wording and
 * fixes they share.
 */
final class HstsHeaders {
    /** The minimum max-age of the HSTS preload list (one year). */
    static final long PRELOAD_MIN_AGE = 31536000L;
    private static final String KEY = "rules.hsts.headers";

    private HstsHeaders() {
    }

    /** A header and its parsed value. */
    record Parsed(HstsHeader header, HstsHeader.Value value) {
    }

    /**
     * An nginx location with add_header lines of its own and no Strict-Transport-Security among them,
     * so the endpoint's header ({@code outer}, the last one at server level) is dropped there.
     */
    record Dropped(Scope location, HstsHeader outer) {
    }

    /**
     * @param headers every header in effect at the endpoints' server level, then in their locations that
     *                set add_header of their own, in file order; a header shared by several endpoints or
     *                locations is listed each time (rules report it once: {@link RuleContext#once})
     * @param dropped the locations that drop the server's header
     */
    record Places(List<Parsed> headers, List<Dropped> dropped) {
    }

    static Places of(RuleContext ctx) {
        Facts facts = ctx.facts();
        return facts.shared(KEY, () -> build(facts));
    }

    private static Places build(Facts facts) {
        List<Parsed> headers = new ArrayList<>();
        List<Dropped> dropped = new ArrayList<>();
        NginxModel m = facts.dialect() == Dialect.NGINX ? facts.nginx() : null;
        for (TlsEndpoint e : facts.tlsEndpoints()) {
            for (HstsHeader h : e.hsts()) {
                headers.add(new Parsed(h, h.parse()));
            }
            if (m == null || e.hsts().isEmpty()) {
                continue;
            }
            HstsHeader outer = e.hsts().get(e.hsts().size() - 1);
            for (Scope loc : m.locationsOf(e.nginxServer())) {
                Scope owner = loc.arrayOwner("add_header");
                if (owner == null || owner.kind() == Scope.Kind.SERVER || owner.kind() == Scope.Kind.HTTP) {
                    continue;
                }
                List<HstsHeader> here = TlsEndpoint.nginxHsts(loc);
                for (HstsHeader h : here) {
                    headers.add(new Parsed(h, h.parse()));
                }
                if (here.isEmpty() && owner == loc) {
                    dropped.add(new Dropped(loc, outer));
                }
            }
        }
        return new Places(List.copyOf(headers), List.copyOf(dropped));
    }

    /** The max-age the fixes write and the messages ask for: HSTS102's option min-max-age, else the profile's. */
    static long floor(RuleContext ctx) {
        return ctx.settings().longOption("HSTS102", "min-max-age", TlsEndpoint.profile(ctx.settings().facts()).hstsMinAge());
    }

    /** The directive that sends the header with {@code value}, always. */
    static String line(Dialect d, String value) {
        return d == Dialect.NGINX ? "add_header " + HstsHeader.NAME + " \"" + value + "\" always;"
                : "Header always set " + HstsHeader.NAME + " \"" + value + "\"";
    }

    /** "Strict-Transport-Security "VALUE"", how messages show a header. */
    static String shown(HstsHeader h) {
        return "Strict-Transport-Security \"" + h.value() + "\"";
    }

    /** The value with max-age raised to at least {@code min} and includeSubDomains added for preload. */
    static String corrected(HstsHeader.Value v, long min) {
        long age = v.maxAge() >= min ? v.maxAge() : min;
        if (v.preload()) {
            age = Math.max(age, PRELOAD_MIN_AGE);
        }
        StringBuilder b = new StringBuilder("max-age=").append(age);
        if (v.includeSubDomains() || v.preload()) {
            b.append("; includeSubDomains");
        }
        if (v.preload()) {
            b.append("; preload");
        }
        return b.toString();
    }

    /** Rewrites the header's value to {@link #corrected}; null when the directive has no value. */
    static Fix valueFix(HstsHeader h, HstsHeader.Value v, long floor) {
        if (h.valueArg() == null) {
            return null;
        }
        String nv = corrected(v, floor);
        return new Fix("Send Strict-Transport-Security: " + nv, List.of(TextEdit.replace(h.valueArg().span(), "\"" + nv + "\"")));
    }
}
