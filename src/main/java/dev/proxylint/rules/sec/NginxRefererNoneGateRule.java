package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;

/**
 * SEC115: {@code valid_referers none} in effect where {@code if ($invalid_referer)} refuses
 * requests. {@code none} accepts a request without a Referer header, and a cross-site page makes
 * the browser omit it ({@code <meta name="referrer" content="no-referrer">},
 * {@code referrerpolicy="no-referrer"}), so the check that was meant to stop other sites
 * (hotlinking, cross-site requests, embedding) lets them through. The valid_referers lines in
 * effect are the nearest level's (location, else server), as nginx merges them.
 */
public final class NginxRefererNoneGateRule extends BaseRule {
    public NginxRefererNoneGateRule() {
        super(Dialect.NGINX, "SEC115");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxScopes.each(ctx.facts().nginx(), s -> {
            if (s.kind() != Scope.Kind.IF || !gate(s)) {
                return;
            }
            Scope owner = s.parent();
            while (owner != null && owner.kind() == Scope.Kind.IF) {
                owner = owner.parent();
            }
            Scope lines = owner == null ? null : owner.arrayOwner("valid_referers");
            if (lines == null) {
                return;
            }
            for (Directive v : lines.own("valid_referers")) {
                for (Arg a : v.args()) {
                    if (a.value().equals("none") && ctx.once("SEC115", v)) {
                        ctx.report("SEC115", v.span(), "valid_referers none lets requests without a Referer through the "
                                + "$invalid_referer check on line " + s.block().line() + ". A page on another site makes "
                                + "the browser send no Referer at all (<meta name=\"referrer\" content=\"no-referrer\"> or "
                                + "referrerpolicy=\"no-referrer\" on a link, image or form), so the sites this check is "
                                + "meant to stop get in. Drop none if requests without a Referer must be refused, and do "
                                + "not rely on Referer for access control: any non-browser client sets it freely.",
                                List.of(new Related(s.block().headSpan(), "the check that refuses invalid referers")), null);
                    }
                }
            }
        });
    }

    /** An if that is true for an invalid Referer ($invalid_referer, = 1, != "") and answers with return. */
    private static boolean gate(Scope s) {
        Directive d = s.block();
        boolean tests = false;
        for (String v : d.values()) {
            String x = (v.startsWith("(") ? v.substring(1) : v).toLowerCase(java.util.Locale.ROOT);
            if (x.equals("$invalid_referer") || x.equals("$invalid_referer)") || x.equals("${invalid_referer}")
                    || x.equals("${invalid_referer})")) {
                tests = true;
            }
        }
        List<String> v = d.values();
        int eq = Math.max(v.indexOf("="), v.indexOf("!="));
        if (tests && eq >= 0) {
            String right = eq + 1 < v.size() ? v.get(eq + 1) : "";
            right = right.endsWith(")") ? right.substring(0, right.length() - 1) : right;
            // $invalid_referer is "1" for an invalid Referer and empty for a valid one
            tests = v.get(eq).equals("=") ? right.equals("1") : right.isEmpty();
        }
        return tests && s.has("return");
    }
}
