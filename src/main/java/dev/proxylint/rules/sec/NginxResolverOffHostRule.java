package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.List;

/**
 * SEC122: a {@code resolver} with a public IP address. nginx's resolver is a stub without DNSSEC
 * validation, so every answer it gets from across the network is taken as it comes. Arguments with {@code =} are parameters ({@code valid=}, {@code ipv6=}, ...); host
 * names are not judged (nginx resolves them once at start-up, from the system's resolver).
 */
public final class NginxResolverOffHostRule extends BaseRule {
    public NginxResolverOffHostRule() {
        super(Dialect.NGINX, "SEC122");
    }

    @Override
    public void check(RuleContext ctx) {
        List<Scope> todo = new ArrayList<>();
        todo.add(ctx.facts().nginx().main());
        while (!todo.isEmpty()) {
            Scope s = todo.remove(todo.size() - 1);
            Work.tick();
            if (s.kind() == Scope.Kind.MAP) {
                continue;
            }
            todo.addAll(s.children());
            for (Directive d : s.own("resolver")) {
                List<String> public_ = publicAddresses(d);
                if (public_.isEmpty() || !ctx.once("SEC122", d)) {
                    continue;
                }
                String list = String.join(", ", public_);
                ctx.report("SEC122", d.span(), "resolver sends nginx's DNS queries across the network to " + list
                        + ". nginx's resolver is a stub that does not validate answers (no DNSSEC), so a forged "
                        + "answer from anyone on the path (or a spoofer who wins the race) sends proxied requests, "
                        + "OCSP fetches and upstream traffic to the attacker's address. Point it at a resolver on this "
                        + "host or your private network (127.0.0.53, a local unbound or dnsmasq, the VPC resolver).",
                        List.of(), null);
            }
        }
    }

    /** The resolver's address arguments that are public IP literals, as written. */
    static List<String> publicAddresses(Directive d) {
        List<String> out = new ArrayList<>();
        for (String a : d.values()) {
            if (a.contains("=")) {
                continue;
            }
            String host = NginxAddresses.host(a);
            if (host != null && NginxAddresses.isIp(host) && !NginxAddresses.isLocal(host)) {
                out.add(a);
            }
        }
        return out;
    }
}
