package dev.proxylint.rules.sec;

import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One section's own mod_access_compat settings ({@code Order}, {@code Allow}, {@code Deny},
 * {@code Satisfy}) and its own {@code Require}. The module has no merge function, so a section
 * that sets any of these starts from the defaults (Order deny,allow, no Allow, no Deny) and does
 * not add to an outer section's list. Sections with {@code <Limit>}/{@code <LimitExcept>}
 * (per-method settings) are not modelled: {@link #of} returns null for them.
 */
record ApacheCompatAccess(Directive section, String order, List<Directive> allows, List<Directive> denies,
        Directive satisfy, Directive require) {
    /** The sections where mod_access_compat and Require apply. */
    static final List<String> SECTIONS = List.of("Directory", "DirectoryMatch", "Location", "LocationMatch",
            "Files", "FilesMatch", "Proxy", "ProxyMatch");

    /** Every section of the config, each read once and shared by the rules. */
    static List<ApacheCompatAccess> all(RuleContext ctx) {
        return ctx.facts().shared("sec.apache.compatAccess", () -> {
            List<ApacheCompatAccess> out = new ArrayList<>();
            for (String s : SECTIONS) {
                for (Directive sec : ApacheDirectives.named(ctx, s)) {
                    ApacheCompatAccess a = of(sec);
                    if (a != null) {
                        out.add(a);
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    static ApacheCompatAccess of(Directive sec) {
        String order = "deny,allow";
        List<Directive> allows = new ArrayList<>();
        List<Directive> denies = new ArrayList<>();
        Directive satisfy = null;
        Directive require = null;
        for (Directive d : Tree.effective(sec.children())) {
            switch (d.name().toLowerCase(Locale.ROOT)) {
                case "limit", "limitexcept" -> {
                    return null;
                }
                case "satisfy" -> satisfy = d;
                case "order" -> order = d.argCount() > 0 ? d.arg(0).toLowerCase(Locale.ROOT) : order;
                case "allow" -> allows.add(d);
                case "deny" -> denies.add(d);
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
        return new ApacheCompatAccess(sec, order, allows, denies, satisfy, require);
    }

    boolean satisfyAny() {
        return satisfy != null && satisfy.argCount() > 0 && satisfy.arg(0).equalsIgnoreCase("any");
    }

    /** True when an Allow/Deny line names all (for Deny: or an env= condition, which may match anyone). */
    static boolean mayMatchAll(List<Directive> lines, boolean envCounts) {
        for (Directive d : lines) {
            for (int i = 1; i < d.argCount(); i++) {
                String a = d.arg(i).toLowerCase(Locale.ROOT);
                if (a.equals("all") || (envCounts && a.startsWith("env="))) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean allowAll() {
        return mayMatchAll(allows, false);
    }

    /** Whether the host check certainly accepts a client that no address rule names. */
    boolean passesAnyone() {
        boolean denyMaybeAll = mayMatchAll(denies, true);
        return switch (order) {
            case "deny,allow" -> allowAll() || !denyMaybeAll;
            case "allow,deny", "mutual-failure" -> allowAll() && !denyMaybeAll;
            default -> false;
        };
    }

    /** The section as written, for messages: {@code <Location /x>}. */
    String where() {
        return "<" + section.name() + " " + String.join(" ", section.values()) + ">";
    }
}
