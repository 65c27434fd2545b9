package dev.proxylint.rules.cfg;

import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Directive;

/**
 * The values of {@code valid_referers} that nginx 1.22 refuses (part of CFG123), checked per
 * block as the referer module merges it. While reading the directive it refuses an empty word
 * ({@code invalid referer ""}) and a lone {@code ~} ({@code empty regex in "~"}). When it merges a
 * block that has valid_referers of its own, it refuses {@code none} or {@code blocked} unless the
 * block's lines (all of them together) name at least one host: a plain or wildcard name, or
 * {@code server_names} while the server has a name that is not a regex (a server without
 * server_name has the empty name, which counts). Regexes do not count. Checked against nginx -t.
 */
final class NginxValidReferers {
    private NginxValidReferers() {
    }

    static void check(RuleContext ctx, String id) {
        NginxModel model = ctx.facts().nginx();
        for (Scope s : model.owning("valid_referers")) {
            if (s.kind() != Scope.Kind.SERVER && s.kind() != Scope.Kind.LOCATION) {
                continue; // elsewhere the directive is not allowed (CFG121)
            }
            Arg gate = null;
            boolean host = false;
            boolean refusedWord = false;
            for (Directive d : s.own("valid_referers")) {
                for (Arg a : d.args()) {
                    String v = a.value();
                    if (v.isEmpty() || v.equals("~")) {
                        ctx.report(id, a.span(), (v.isEmpty() ? "invalid referer \"\"" : "empty regex in \"~\"")
                                + ": nginx refuses to start. valid_referers takes none, blocked, server_names, "
                                + "host names (with * wildcards and an optional /path) and ~regexes.");
                        refusedWord = true;
                    } else if (v.equals("none") || v.equals("blocked")) {
                        gate = gate == null ? a : gate;
                    } else if (v.equals("server_names")) {
                        host |= hasPlainName(s, model);
                    } else if (!v.startsWith("~")) {
                        host = true;
                    }
                }
            }
            if (gate != null && !host && !refusedWord) {
                ctx.report(id, gate.span(), "The \"none\" or \"blocked\" referers are specified in the "
                        + "\"valid_referers\" directive without any valid referer: nginx refuses to start. "
                        + "In this block valid_referers names no host (regexes do not count, and a block's own "
                        + "valid_referers replace the outer ones): add the host names that may refer, e.g. "
                        + "server_names or *.example.com.");
            }
        }
    }

    /** Whether server_names gives this block's server a plain (not regex) name. */
    private static boolean hasPlainName(Scope s, NginxModel model) {
        Scope server = s.kind() == Scope.Kind.SERVER ? s : s.enclosing(Scope.Kind.SERVER);
        if (server == null || model.incomplete()) {
            return true; // unknown: an unread include may hold a name
        }
        boolean any = false;
        for (Directive d : server.own("server_name")) {
            for (Arg a : d.args()) {
                any = true;
                if (!a.value().startsWith("~")) {
                    return true;
                }
            }
        }
        return !any; // no server_name: the server's name is "", a plain one
    }
}
