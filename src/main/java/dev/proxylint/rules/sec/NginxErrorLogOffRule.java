package dev.proxylint.rules.sec;

import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.BaseRule;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.source.TextEdit;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Work;
import java.util.ArrayList;
import java.util.List;

/**
 * SEC120: {@code error_log off}. nginx has no "off" for the error log: the first argument is always
 * a destination ({@code stderr}, {@code memory:}, {@code syslog:} or a file), so {@code off} is a
 * file named {@code off} under the prefix, written at the level given (default {@code error}). Every
 * context that takes {@code error_log} is visited (main, http, server, location, stream, mail).
 */
public final class NginxErrorLogOffRule extends BaseRule {
    public NginxErrorLogOffRule() {
        super(Dialect.NGINX, "SEC120");
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
            for (Directive d : s.own("error_log")) {
                if (d.argCount() == 0 || !"off".equalsIgnoreCase(d.arg(0)) || !ctx.once("SEC120", d)) {
                    continue;
                }
                String off = d.arg(0);
                ctx.report("SEC120", d.span(), "error_log " + off + " writes the error log to a file named " + off
                        + "; it does not turn logging off. nginx takes the first argument as a destination, so "
                        + "errors go to <prefix>/" + off + " (e.g. /usr/share/nginx/" + off + "), a file no log "
                        + "rotation knows about, which grows until the disk is full. To discard the log, write "
                        + "error_log /dev/null; a real log at level crit or error is usually the better choice.",
                        List.of(), new Fix("Send the error log to /dev/null",
                                List.of(TextEdit.replace(d.args().get(0).span(), "/dev/null"))));
            }
        }
    }
}
