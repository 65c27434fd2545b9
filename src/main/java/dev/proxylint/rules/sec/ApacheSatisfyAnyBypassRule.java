package dev.proxylint.rules.sec;

import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.Rule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SEC207: {@code Satisfy Any} in a section whose mod_access_compat host check lets any client
 * pass, next to a {@code Require} that should decide. With Satisfy Any, httpd skips
 * authentication and authorization for a request the access checker accepts; mod_access_compat
 * has no merge, so a section with any of its directives starts from its defaults (Order
 * deny,allow, no Allow, no Deny), which accept everyone. The section's own Order/Allow/Deny are
 * evaluated for a client no address rule names; env= rules count as possibly denying, so the
 * finding is sure.
 */
public final class ApacheSatisfyAnyBypassRule implements Rule {
    static final String ID = "SEC207";
    private static final List<String> SECTIONS = List.of("Directory", "DirectoryMatch", "Location", "LocationMatch",
            "Files", "FilesMatch", "Proxy", "ProxyMatch");

    @Override
    public Set<String> ids() {
        return Set.of(ID);
    }

    @Override
    public Set<Dialect> dialects() {
        return Set.of(Dialect.APACHE);
    }

    @Override
    public void check(RuleContext ctx) {
        for (String section : SECTIONS) {
            for (Directive sec : ApacheDirectives.named(ctx, section)) {
                check(ctx, sec);
            }
        }
    }

    private static void check(RuleContext ctx, Directive sec) {
        Directive satisfy = null;
        Directive require = null;
        String order = "deny,allow";
        boolean allowAll = false;
        boolean denyMaybeAll = false;
        for (Directive d : Tree.effective(sec.children())) {
            String n = d.name().toLowerCase(Locale.ROOT);
            switch (n) {
                case "limit", "limitexcept" -> {
                    return; // per-method settings: not modelled, so not judged
                }
                case "satisfy" -> satisfy = d;
                case "order" -> order = d.argCount() > 0 ? d.arg(0).toLowerCase(Locale.ROOT) : order;
                case "allow" -> allowAll |= names(d, "all");
                case "deny" -> denyMaybeAll |= names(d, "all") || namesEnv(d);
                case "require" -> {
                    boolean granted = d.argCount() >= 2 && d.arg(0).equalsIgnoreCase("all")
                            && d.arg(1).equalsIgnoreCase("granted");
                    if (!granted && require == null) {
                        require = d;
                    }
                }
                case "requireall", "requireany", "requirenone" -> {
                    if (require == null) {
                        require = d;
                    }
                }
                default -> {
                }
            }
        }
        if (satisfy == null || require == null || satisfy.argCount() < 1 || !satisfy.arg(0).equalsIgnoreCase("any")) {
            return;
        }
        boolean passes = switch (order) {
            case "deny,allow" -> allowAll || !denyMaybeAll;
            case "allow,deny", "mutual-failure" -> allowAll && !denyMaybeAll;
            default -> false;
        };
        if (!passes || !ctx.once(ID, satisfy)) {
            return;
        }
        String why = allowAll ? "Allow from all lets every client pass the host check"
                : "Order " + order + " without a Deny from all lets every client pass the host check (these are "
                        + "mod_access_compat's defaults in a section that sets any of its directives)";
        Arg any = satisfy.args().get(0);
        Fix fix = new Fix("Use Satisfy All", List.of(TextEdit.replace(any.span(), any.quoted() ? "\"All\"" : "All")));
        String req = require.name() + (require.argCount() > 0 ? " " + String.join(" ", require.values()) : "");
        ctx.report(ID, satisfy.span(), "Satisfy Any in <" + sec.name() + " " + String.join(" ", sec.values())
                + "> lets every client skip " + req + ". " + why + ", and with Satisfy Any httpd skips "
                + "authentication and Require for a request the host check accepted. Use Satisfy All, or name the "
                + "hosts that may skip the password (Order allow,deny with Allow from 10.0.0.0/8).",
                List.of(new Related(require.span(), "the Require every client skips")), fix);
    }

    private static boolean names(Directive d, String what) {
        for (int i = 1; i < d.argCount(); i++) {
            if (d.arg(i).equalsIgnoreCase(what)) {
                return true;
            }
        }
        return false;
    }

    private static boolean namesEnv(Directive d) {
        for (int i = 1; i < d.argCount(); i++) {
            if (d.arg(i).toLowerCase(Locale.ROOT).startsWith("env=")) {
                return true;
            }
        }
        return false;
    }
}
