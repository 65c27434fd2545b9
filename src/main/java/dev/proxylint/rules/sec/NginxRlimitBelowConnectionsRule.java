package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import java.util.List;
import java.util.Set;

/**
 * SEC125: {@code worker_rlimit_nofile} below {@code worker_connections} (512 when unset). Each
 * connection of a worker, client or upstream, is a file descriptor, and the worker sets its
 * descriptor limit to worker_rlimit_nofile, so it runs out of descriptors before it reaches its
 * connection limit. One finding per configuration, on the worker_rlimit_nofile line.
 */
public final class NginxRlimitBelowConnectionsRule extends BaseRule {
    static final long DEFAULT_WORKER_CONNECTIONS = 512;

    public NginxRlimitBelowConnectionsRule() {
        super(Dialect.NGINX, "SEC125");
    }

    @Override
    public void check(RuleContext ctx) {
        NginxModel m = ctx.facts().nginx();
        if (m.fragment() || m.incomplete()) {
            return;
        }
        Directive rlimit = m.main().ownLast("worker_rlimit_nofile");
        long limit = number(rlimit);
        if (limit < 0) {
            return;
        }
        Directive connections = null;
        for (Scope s : m.main().children()) {
            if (s.kind() == Scope.Kind.EVENTS && s.ownLast("worker_connections") != null) {
                connections = s.ownLast("worker_connections");
            }
        }
        long c = connections == null ? DEFAULT_WORKER_CONNECTIONS : number(connections);
        if (c < 0 || limit >= c || !ctx.once("SEC125", rlimit)) {
            return;
        }
        String wc = connections == null ? "the default worker_connections 512" : "worker_connections " + c;
        ctx.report("SEC125", rlimit.span(), "worker_rlimit_nofile " + limit + " is below " + wc + ". Every "
                + "connection of a worker (client and upstream alike) is a file descriptor, and each worker sets "
                + "its limit to " + limit + ", so under load it fails with \"Too many open files\" and stops "
                + "accepting long before its connection limit; nginx warns at start-up only when its own limit "
                + "is lower still. Give workers at least twice worker_connections (proxied requests use two "
                + "connections, static files and temp files more descriptors).", List.of(),
                new Fix("Set worker_rlimit_nofile to twice worker_connections",
                        List.of(TextEdit.replace(rlimit.args().get(0).span(), Long.toString(2 * c)))));
    }

    /** The directive's first argument as a non-negative integer, or -1. */
    private static long number(Directive d) {
        if (d == null || d.arg(0) == null || d.arg(0).isEmpty() || d.arg(0).length() > 12
                || !d.arg(0).chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(d.arg(0));
    }
}
