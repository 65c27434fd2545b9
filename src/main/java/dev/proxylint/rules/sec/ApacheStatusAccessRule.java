package dev.proxylint.rules.sec;

import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Brief;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SEC205, the Apache twin of SEC109: a section with {@code SetHandler server-status} (or
 * {@code server-info}) and no access control of its own: no {@code Require}, {@code Allow},
 * {@code Deny}, {@code AuthType} or {@code <Require*>}. Apache 2.4 grants a request that no
 * authorization directive covers.
 */
public final class ApacheStatusAccessRule extends BaseRule {
    private static final Set<String> ACCESS = Set.of("require", "allow", "deny", "order", "authtype", "requireall",
            "requireany", "requirenone", "authbasicprovider", "satisfy");

    public ApacheStatusAccessRule() {
        super(Dialect.APACHE, "SEC205");
    }

    @Override
    public void check(RuleContext ctx) {
        for (String section : List.of("Location", "LocationMatch")) {
            for (Directive loc : ApacheDirectives.named(ctx, section)) {
                Directive handler = null;
                boolean access = false;
                for (Directive d : Tree.effective(loc.children())) {
                    String n = d.name().toLowerCase(Locale.ROOT);
                    if (n.equals("sethandler") && d.arg(0) != null && (d.arg(0).equalsIgnoreCase("server-status")
                            || d.arg(0).equalsIgnoreCase("server-info"))) {
                        handler = d;
                    }
                    if (ACCESS.contains(n)) {
                        access = true;
                    }
                }
                if (handler != null && !access) {
                    ctx.report("SEC205", handler.span(), "SetHandler " + handler.arg(0) + " in "
                            + Brief.cut(section(loc), 36) + " has no access control: anyone can read it."
                            + SecText.whole("The section", Brief.cut(section(loc), 36), section(loc)) + " No Require, Allow, "
                            + "Deny or AuthType stands in the section, and Apache 2.4 grants what nothing restricts. "
                            + "The page shows client addresses, requested URLs and virtual hosts (server-info: the "
                            + "whole configuration). Add Require local, or Require ip for your monitoring network.",
                            List.of(), null);
                }
            }
        }
    }

    private static String section(Directive loc) {
        return "<" + loc.name() + " " + String.join(" ", loc.values()) + ">";
    }
}
