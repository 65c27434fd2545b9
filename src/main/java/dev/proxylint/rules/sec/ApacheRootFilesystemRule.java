package dev.proxylint.rules.sec;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.apache.model.ApacheScope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SEC212, the Apache twin of SEC110: {@code DocumentRoot /}, {@code Alias /x /} or an
 * {@code AliasMatch} onto {@code /$1}, where access to the file system root is granted: by the
 * last {@code <Location />} or {@code <Directory />} of the server that decides
 * ({@code Require all granted} / {@code Allow from all}; a Location is applied after the
 * Directories and wins), or, in a configuration that loads its modules itself (a whole
 * configuration) and says nothing about {@code /}, by httpd's default, which grants a directory
 * no authorization directive covers. A snippet without its main configuration, where Debian's
 * {@code <Directory /> Require all denied} may stand, is not judged.
 */
public final class ApacheRootFilesystemRule extends BaseRule {
    static final String ID = "SEC212";
    private static final Set<String> ROOT_SECTIONS = Set.of("directory", "location");

    private enum Access { GRANTED, DENIED, RESTRICTED, UNSET }

    public ApacheRootFilesystemRule() {
        super(Dialect.APACHE, ID);
    }

    @Override
    public void check(RuleContext ctx) {
        ApacheModel m = ctx.facts().apache();
        List<Directive> mainSections = null;
        for (ApacheScope s : m.scopes()) {
            List<Directive> targets = new ArrayList<>();
            for (Directive d : s.directives()) {
                if (mapsRoot(d)) {
                    targets.add(d);
                }
            }
            if (targets.isEmpty()) {
                continue;
            }
            if (mainSections == null) {
                mainSections = ApacheSections.of(ctx.config().items(), true, ROOT_SECTIONS);
            }
            List<Directive> secs = new ArrayList<>(mainSections);
            if (!s.isMainServer()) {
                secs.addAll(ApacheSections.of(s.vhost().children(), false, ROOT_SECTIONS));
            }
            Directive decider = null;
            Access access = Access.UNSET;
            for (String kind : List.of("Directory", "Location")) { // Locations are merged after Directories
                for (Directive sec : secs) {
                    if (sec.is(kind) && sec.argCount() == 1 && sec.arg(0).matches("/+")) {
                        Access a = access(sec);
                        if (a != Access.UNSET) {
                            access = a;
                            decider = sec;
                        }
                    }
                }
            }
            boolean granted = access == Access.GRANTED || (access == Access.UNSET && m.modulesKnown());
            if (!granted) {
                continue;
            }
            for (Directive t : targets) {
                if (!ctx.once(ID, t)) {
                    continue;
                }
                String why = decider != null ? "<" + decider.name() + " " + decider.arg(0) + "> grants it to everyone"
                        : "no <Directory /> restricts it, and httpd grants a directory no Require covers";
                List<Related> rel = decider != null ? List.of(new Related(decider.headSpan(), "the section that grants /"))
                        : List.of();
                ctx.report(ID, t.span(), t.name() + " " + String.join(" ", t.values()) + " serves the whole file "
                        + "system: /etc/passwd is one request away. It maps URLs onto /, and " + why + ", so every "
                        + "file the httpd user may read (configuration, keys without tight modes, other sites' code) "
                        + "is public. Point it at the directory that holds the site's files, and keep <Directory /> "
                        + "with Require all denied.", rel, null);
            }
        }
    }

    /** DocumentRoot /, Alias url /, AliasMatch regex /$1 (or /). */
    private static boolean mapsRoot(Directive d) {
        if (d.is("DocumentRoot")) {
            return d.argCount() == 1 && d.arg(0).matches("/+");
        }
        if (d.is("Alias")) {
            return d.argCount() == 2 && d.arg(1).matches("/+");
        }
        if (d.is("AliasMatch")) {
            return d.argCount() == 2 && d.arg(1).matches("/+(\\$\\d)?");
        }
        return false;
    }

    /**
     * What a section's own access directives say about everyone: its Require lines (any of them
     * grants, as httpd ORs them), else its mod_access_compat Allow/Deny lines.
     */
    private static Access access(Directive sec) {
        boolean granted = false;
        boolean denied = false;
        boolean other = false;
        Access compat = Access.UNSET;
        for (Directive d : Tree.effective(sec.children())) {
            String n = d.name().toLowerCase(Locale.ROOT);
            List<String> v = d.values().stream().map(x -> x.toLowerCase(Locale.ROOT)).toList();
            switch (n) {
                case "require" -> {
                    if (v.equals(List.of("all", "granted"))) {
                        granted = true;
                    } else if (v.equals(List.of("all", "denied"))) {
                        denied = true;
                    } else {
                        other = true;
                    }
                }
                case "requireall", "requireany", "requirenone" -> other = true;
                case "allow" -> compat = v.equals(List.of("from", "all")) && compat == Access.UNSET ? Access.GRANTED
                        : Access.RESTRICTED;
                case "deny" -> compat = v.equals(List.of("from", "all")) ? Access.DENIED : Access.RESTRICTED;
                default -> {
                }
            }
        }
        if (granted) {
            return Access.GRANTED;
        }
        if (other) {
            return Access.RESTRICTED;
        }
        return denied ? Access.DENIED : compat;
    }
}
