package dev.proxylint.rules.cfg;

import dev.proxylint.facts.NginxListens;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Directive;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CFG123's buffer arithmetic of the proxy, fastcgi, uwsgi and scgi modules. When nginx merges the
 * settings of each server and location (ngx_http_proxy_merge_loc_conf and its twins), it takes
 * size = max(*_buffer_size, the size of one of *_buffers) and refuses to start unless there are at
 * least two buffers, size &lt;= *_busy_buffers_size &lt;= (number - 1) * buffer size,
 * *_temp_file_write_size &gt;= size and *_max_temp_file_size is 0 or &gt;= size; an unset busy or
 * temp-file-write size is 2 * size. The defaults (x86_64's 4 KiB page): buffer size 4k, 8 buffers of
 * 4k, max temp file 1024m; so {@code proxy_buffer_size 16k} alone makes busy 32k, more than 7 * 4k.
 * This happens whether or not the block proxies anything, at the end of the http block (nginx
 * names that line); the finding is on the directive that made the numbers disagree.
 */
final class NginxUpstreamBuffers {
    private NginxUpstreamBuffers() {
    }

    private static final List<String> MODULES = List.of("proxy", "fastcgi", "uwsgi", "scgi");
    private static final long PAGE = 4096;
    private static final Pattern SIZE = Pattern.compile("[0-9]{1,12}[kKmM]?");
    private static final Pattern COUNT = Pattern.compile("[0-9]{1,9}");

    static void check(RuleContext ctx, String id) {
        NginxModel model = ctx.facts().nginx();
        for (String m : MODULES) {
            String[] names = {m + "_buffer_size", m + "_buffers", m + "_busy_buffers_size", m + "_temp_file_write_size",
                m + "_max_temp_file_size"};
            boolean any = false;
            for (String n : names) {
                any |= !model.owning(n).isEmpty();
            }
            if (!any) {
                continue; // nginx's defaults agree with each other
            }
            Set<List<Directive>> seen = new HashSet<>();
            for (Scope server : model.servers()) {
                if (!NginxListens.http(server)) {
                    continue;
                }
                Deque<Scope> todo = new ArrayDeque<>();
                todo.push(server);
                while (!todo.isEmpty()) {
                    Scope s = todo.pop();
                    check(ctx, id, m, names, s, seen);
                    for (Scope c : s.children()) {
                        // (if and limit_except blocks cannot set these: they merge their location's values)
                        if (c.kind() == Scope.Kind.LOCATION) {
                            todo.push(c);
                        }
                    }
                }
            }
        }
    }

    private static long size(Directive d, int arg, long dflt) {
        if (d == null) {
            return dflt;
        }
        if (d.argCount() <= arg || !SIZE.matcher(d.arg(arg)).matches()) {
            return -1;
        }
        return NginxParameterChecks.size(d.arg(arg));
    }

    private static void check(RuleContext ctx, String id, String m, String[] names, Scope s, Set<List<Directive>> seen) {
        Directive bufferSize = s.effective(names[0]);
        Directive buffers = s.effective(names[1]);
        Directive busy = s.effective(names[2]);
        Directive write = s.effective(names[3]);
        Directive maxTemp = s.effective(names[4]);
        if (bufferSize == null && buffers == null && busy == null && write == null && maxTemp == null) {
            return;
        }
        // the same directives in effect give the same verdict: report it once, where it first arises
        List<Directive> key = java.util.Arrays.asList(bufferSize, buffers, busy, write, maxTemp);
        if (!seen.add(key)) {
            return;
        }
        long one = size(bufferSize, 0, PAGE);
        long num = 8;
        long bufSize = PAGE;
        if (buffers != null) {
            if (buffers.argCount() != 2 || !COUNT.matcher(buffers.arg(0)).matches()) {
                return;
            }
            num = Long.parseLong(buffers.arg(0));
            bufSize = size(buffers, 1, PAGE);
        }
        long busyConf = size(busy, 0, -2);
        long writeConf = size(write, 0, -2);
        long maxConf = size(maxTemp, 0, -2);
        if (one < 0 || bufSize < 0 || busy != null && busyConf < 0 || write != null && writeConf < 0
                || maxTemp != null && maxConf < 0) {
            return; // a value nginx refuses anyway (reported as such)
        }
        String all = "\"" + names[1] + "\"";
        String max = "the maximum of the value of \"" + names[0] + "\" and one of the " + all;
        if (num < 2) {
            report(ctx, id, buffers, "there must be at least 2 " + all, m + "_buffers " + buffers.arg(0) + " "
                    + buffers.arg(1) + " has " + num + ".");
            return;
        }
        long size = Math.max(one, bufSize);
        // the directive behind "size": the larger of the two, the one set here rather than the default
        Directive sizer = one >= bufSize && bufferSize != null ? bufferSize : buffers != null ? buffers : bufferSize;
        long busySize = busy == null ? 2 * size : busyConf;
        if (busySize < size) {
            report(ctx, id, busy, "\"" + names[2] + "\" must be equal to or greater than " + max,
                    "It is " + busySize + " bytes, the larger buffer " + size + ".");
            return;
        }
        if (busySize > (num - 1) * bufSize) {
            report(ctx, id, busy != null ? busy : sizer, "\"" + names[2] + "\" must be less than the size of all " + all
                    + " minus one buffer", (busy == null ? "Unset, it is twice the larger buffer, " : "It is ")
                    + busySize + " bytes, more than " + (num - 1) + " of " + num + " buffers of " + bufSize
                    + " bytes; raise " + m + "_buffers or set " + names[2] + " between " + size + " and "
                    + (num - 1) * bufSize + (busy == null && (num - 1) * bufSize < size ? " (no value fits: raise "
                            + m + "_buffers)" : "") + ".");
            return;
        }
        long writeSize = write == null ? 2 * size : writeConf;
        if (writeSize < size) {
            report(ctx, id, write, "\"" + names[3] + "\" must be equal to or greater than " + max,
                    "It is " + writeSize + " bytes, the larger buffer " + size + ".");
            return;
        }
        long maxSize = maxTemp == null ? 1024L * 1024 * 1024 : maxConf;
        if (maxSize != 0 && maxSize < size) {
            report(ctx, id, maxTemp, "\"" + names[4] + "\" must be equal to zero to disable temporary files usage or "
                    + "must be equal to or greater than " + max, "It is " + maxSize + " bytes, the larger buffer "
                    + size + ".");
        }
    }

    private static void report(RuleContext ctx, String id, Directive at, String nginx, String detail) {
        if (at != null && ctx.once(id, at)) {
            ctx.report(id, at.headSpan(), nginx + ": nginx refuses to start. " + detail);
        }
    }
}
