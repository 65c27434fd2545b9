package dev.proxylint.rules.tmo;

import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The time values of an Apache config, in file order, found once per config and shared by SYN003
 * and TMO106: Timeout and ProxyTimeout, and the timeout=, connectiontimeout=, ping= and acquire=
 * keys of ProxyPass, ProxyPassMatch, ProxySet and BalancerMember.
 */
final class ApacheTimeArgs {
    private ApacheTimeArgs() {
    }

    /**
     * One time value.
     *
     * @param d     its directive
     * @param a     its argument
     * @param key   null for the argument of Timeout or ProxyTimeout, else the lower-case key
     *              (timeout, connectiontimeout, ping, acquire)
     * @param val   the value (after the = of a key)
     */
    record TimeArg(Directive d, Arg a, String key, String val) {
        /** A whole-seconds value that httpd reads with atoi: Timeout, ProxyTimeout and timeout=. */
        boolean atoiSeconds() {
            return key == null || key.equals("timeout");
        }

        /** Whether httpd refuses a value below one second (ProxyTimeout, timeout=). */
        boolean atLeastOne() {
            return key != null || d.is("ProxyTimeout");
        }

        /** The words for the setting: the directive's name, or {@code timeout=}. */
        String label() {
            return key == null ? d.name() : key + "=";
        }

        /** What a rewritten value starts with: nothing, or {@code timeout=}. */
        String prefix() {
            return key == null ? "" : key + "=";
        }
    }

    static List<TimeArg> of(RuleContext ctx) {
        return ctx.facts().shared("tmo.apacheTimeArgs", () -> {
            List<TimeArg> out = new ArrayList<>();
            Tree.walk(ctx.config().items(), d -> {
                if ((d.is("Timeout") || d.is("ProxyTimeout")) && d.argCount() >= 1 && !d.hasBlock()) {
                    out.add(new TimeArg(d, d.args().get(0), null, d.arg(0)));
                }
                if (d.is("ProxyPass") || d.is("ProxyPassMatch") || d.is("ProxySet") || d.is("BalancerMember")) {
                    for (Arg a : d.args()) {
                        String v = a.value();
                        int eq = v.indexOf('=');
                        if (eq <= 0) {
                            continue;
                        }
                        String key = v.substring(0, eq).toLowerCase(Locale.ROOT);
                        switch (key) {
                            case "timeout", "connectiontimeout", "ping", "acquire" ->
                                    out.add(new TimeArg(d, a, key, v.substring(eq + 1)));
                            default -> {
                            }
                        }
                    }
                }
            });
            return List.copyOf(out);
        });
    }
}
