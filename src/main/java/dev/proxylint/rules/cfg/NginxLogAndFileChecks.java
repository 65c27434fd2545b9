package dev.proxylint.rules.cfg;

import dev.proxylint.facts.TimeValues;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Directive;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CFG123 for the parameters of logs and file handling that nginx 1.22 reads itself: access_log's
 * buffer=/flush=/gzip/if= (ngx_http_log_set_log, and stream's twin), syslog: targets of
 * access_log and error_log (ngx_syslog_parse_args), open_log_file_cache, aio, directio,
 * disable_symlinks, the *_store_access and dav_access permissions (ngx_conf_set_access_slot),
 * userid_expires, and the third argument of fastcgi_param and its twins. Messages are nginx's.
 */
final class NginxLogAndFileChecks {
    private NginxLogAndFileChecks() {
    }

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    /** ngx_parse_offset: digits with an optional k, m or g. */
    private static final Pattern OFFSET = Pattern.compile("[0-9]{1,15}[kKmMgG]?");
    private static final Set<String> FACILITIES = Set.of("kern", "user", "mail", "daemon", "auth", "intern", "lpr",
            "news", "uucp", "clock", "authpriv", "ftp", "ntp", "audit", "alert", "cron", "local0", "local1", "local2",
            "local3", "local4", "local5", "local6", "local7");
    private static final Set<String> SEVERITIES = Set.of("emerg", "alert", "crit", "error", "warn", "notice", "info",
            "debug");
    private static final Set<String> ACCESS = Set.of("proxy_store_access", "fastcgi_store_access",
            "uwsgi_store_access", "scgi_store_access", "dav_access");
    private static final Set<String> PARAMS = Set.of("fastcgi_param", "uwsgi_param", "scgi_param", "grpc_set_header");

    /** Checks one directive accepted where it stands; true when it is one of those handled here. */
    static boolean check(RuleContext ctx, String id, Directive d, boolean whole, Set<String> threadPools) {
        String problem;
        Arg at = d.argCount() > 0 ? d.args().get(0) : null;
        switch (d.name()) {
            case "access_log" -> {
                Bad b = accessLog(d);
                problem = b == null ? null : b.message;
                at = b == null ? at : b.at;
            }
            case "error_log" -> problem = d.argCount() > 0 ? syslog(d.arg(0)) : null;
            case "open_log_file_cache" -> {
                Bad b = openLogFileCache(d);
                problem = b == null ? null : b.message;
                at = b == null ? at : b.at;
            }
            case "aio" -> {
                String v = d.argCount() == 1 ? d.arg(0) : null;
                problem = null;
                if ("on".equals(v)) {
                    // a build question, not a syntax one: hence a warning (rules/CFG123.md)
                    ctx.report(new dev.proxylint.rules.Finding(id, dev.proxylint.rules.Level.WARNING, "\"aio on\" needs "
                            + "nginx built with file AIO (--with-file-aio): nginx.org's packages have it, but Debian's "
                            + "and Ubuntu's nginx do not and refuse to start (\"aio on\" is unsupported on this "
                            + "platform). aio threads works with both.", at.span()));
                }
                if (v != null && !v.equals("on") && !v.equals("off") && !v.equals("threads")) {
                    if (!v.startsWith("threads=")) {
                        problem = "\"aio\" directive invalid value: nginx refuses to start. aio takes on, off, threads "
                                + "or threads=POOL.";
                    } else if (whole && v.indexOf('$') < 0 && !v.equals("threads=default")
                            && !threadPools.contains(v.substring(8))) {
                        problem = "unknown thread pool \"" + v.substring(8) + "\": nginx refuses to start. A pool other "
                                + "than default is defined at the top level, as in thread_pool " + (v.length() > 8
                                        ? v.substring(8) : "name") + " threads=32;";
                    }
                }
            }
            case "directio" -> {
                String v = d.argCount() == 1 ? d.arg(0) : null;
                problem = v != null && !v.equals("off") && !OFFSET.matcher(v).matches()
                        ? "\"directio\" directive invalid value: nginx refuses to start. directio takes off or a size "
                                + "(k, m or g), as in directio 4m."
                        : null;
            }
            case "disable_symlinks" -> {
                Bad b = disableSymlinks(d);
                problem = b == null ? null : b.message;
                at = b == null || b.at == null ? (d.argCount() > 0 ? d.args().get(0) : null) : b.at;
            }
            case "userid_expires" -> {
                String v = d.argCount() == 1 ? d.arg(0) : null;
                problem = v != null && !v.equals("max") && !v.equals("off") && TimeValues.nginxSeconds(v).isEmpty()
                        ? "\"userid_expires\" directive invalid value: nginx refuses to start. It takes max, off or a "
                                + "time, as in 365d."
                        : null;
            }
            default -> {
                if (ACCESS.contains(d.name())) {
                    problem = null;
                    for (Arg a : d.args()) {
                        if (!accessWord(a.value())) {
                            problem = "invalid value \"" + a.value() + "\": nginx refuses to start. " + d.name()
                                    + " takes user:, group: and all: each with r or rw, as in user:rw group:r.";
                            at = a;
                            break;
                        }
                    }
                } else if (PARAMS.contains(d.name()) && !d.is("grpc_set_header")) {
                    problem = d.argCount() == 3 && !d.arg(2).equals("if_not_empty")
                            ? "invalid parameter \"" + d.arg(2) + "\": nginx refuses to start. The third argument of "
                                    + d.name() + " can only be if_not_empty."
                            : null;
                    at = d.argCount() == 3 ? d.args().get(2) : at;
                } else {
                    return false;
                }
            }
        }
        if (problem != null) {
            ctx.report(id, at != null ? at.span() : d.nameSpan(), problem);
        }
        return true;
    }

    private record Bad(Arg at, String message) {
    }

    /** access_log: off alone, a syslog: target, and from the third argument nginx's parameters. */
    private static Bad accessLog(Directive d) {
        List<Arg> args = d.args();
        if (args.isEmpty()) {
            return null;
        }
        String path = args.get(0).value();
        if (path.equals("off")) {
            return args.size() > 1 ? new Bad(args.get(1), "invalid parameter \"" + args.get(1).value() + "\": nginx "
                    + "refuses to start. access_log off takes nothing after it.") : null;
        }
        String sys = syslog(path);
        if (sys != null) {
            return new Bad(args.get(0), sys);
        }
        long size = 0;
        boolean flush = false;
        for (int i = 2; i < args.size(); i++) {
            Arg a = args.get(i);
            String v = a.value();
            if (v.startsWith("buffer=")) {
                String s = v.substring(7);
                if (!NginxParameterChecks.SIZE.matcher(s).matches() || NginxParameterChecks.size(s) == 0) {
                    return new Bad(a, "invalid buffer size \"" + s + "\": nginx refuses to start. buffer= takes a "
                            + "size above 0, as in buffer=32k.");
                }
                size = NginxParameterChecks.size(s);
            } else if (v.startsWith("flush=")) {
                String s = v.substring(6);
                var ms = TimeValues.nginxMillis(s);
                if (ms.isEmpty() || ms.getAsLong() == 0) {
                    return new Bad(a, "invalid flush time \"" + s + "\": nginx refuses to start. flush= takes a time "
                            + "above 0, as in flush=5s.");
                }
                flush = true;
            } else if (v.equals("gzip") || v.startsWith("gzip=")) {
                if (size == 0) {
                    size = 64 * 1024;
                }
                if (v.length() > 4) {
                    String s = v.substring(5);
                    if (!DIGITS.matcher(s).matches() || Long.parseLong(s) < 1 || Long.parseLong(s) > 9) {
                        return new Bad(a, "invalid compression level \"" + s + "\": nginx refuses to start. gzip= takes "
                                + "a level from 1 to 9.");
                    }
                }
            } else if (!v.startsWith("if=")) {
                return new Bad(a, "invalid parameter \"" + v + "\": nginx refuses to start. After the format access_log "
                        + "takes buffer=, gzip[=level], flush= and if=.");
            }
        }
        if (flush && size == 0) {
            return new Bad(args.get(0), "no buffer is defined for access_log \"" + path + "\": nginx refuses to start. "
                    + "flush= needs buffer= (or gzip).");
        }
        if (size > 0 && path.startsWith("syslog:")) {
            return new Bad(args.get(0), "logs to syslog cannot be buffered: nginx refuses to start. Drop buffer= and "
                    + "gzip from a syslog: access_log.");
        }
        if (size > 0 && path.indexOf('$') >= 0) {
            return new Bad(args.get(0), "buffered logs cannot have variables in name: nginx refuses to start. Drop "
                    + "buffer= and gzip, or name the file without variables.");
        }
        return null;
    }

    /** ngx_syslog_parse_args's verdict on a syslog: target, or null (also for anything else). */
    static String syslog(String target) {
        if (!target.startsWith("syslog:")) {
            return null;
        }
        boolean server = false;
        boolean facility = false;
        boolean severity = false;
        boolean tag = false;
        String end = ": nginx refuses to start.";
        for (String p : target.substring(7).split(",", -1)) {
            if (p.startsWith("server=")) {
                if (server) {
                    return "duplicate syslog \"server\"" + end;
                }
                server = true;
                String u = p.substring(7);
                String err = u.regionMatches(true, 0, "unix:", 0, 5) || u.startsWith("[") ? null
                        : NginxParameterChecks.urlError(u, false);
                if (err != null) {
                    return err + " in syslog server \"" + u + "\"" + end + " server= takes an address, as in "
                            + "server=127.0.0.1:514 or server=unix:/dev/log.";
                }
            } else if (p.startsWith("facility=")) {
                if (facility) {
                    return "duplicate syslog \"facility\"" + end;
                }
                facility = true;
                if (!FACILITIES.contains(p.substring(9))) {
                    return "unknown syslog facility \"" + p.substring(9) + "\"" + end + " Facilities are kern, user, "
                            + "daemon, auth, local0 to local7 and the like, in lower case.";
                }
            } else if (p.startsWith("severity=")) {
                if (severity) {
                    return "duplicate syslog \"severity\"" + end;
                }
                severity = true;
                if (!SEVERITIES.contains(p.substring(9))) {
                    return "unknown syslog severity \"" + p.substring(9) + "\"" + end + " Severities are emerg, alert, "
                            + "crit, error, warn, notice, info and debug.";
                }
            } else if (p.startsWith("tag=")) {
                if (tag) {
                    return "duplicate syslog \"tag\"" + end;
                }
                tag = true;
                String t = p.substring(4);
                if (t.length() > 32) {
                    return "syslog tag length exceeds 32" + end;
                }
                for (int i = 0; i < t.length(); i++) {
                    char c = Character.toLowerCase(t.charAt(i));
                    if (c < '0' || (c > '9' && c < 'a' && c != '_') || c > 'z') {
                        return "syslog \"tag\" only allows alphanumeric characters and underscore" + end;
                    }
                }
            } else if (!p.equals("nohostname")) {
                return "unknown syslog parameter \"" + p + "\"" + end + " syslog: takes server=, facility=, severity=, "
                        + "tag= and nohostname, separated by commas.";
            }
        }
        return server ? null : "no syslog server specified" + end + " Add server=, as in syslog:server=unix:/dev/log.";
    }

    /** ngx_http_log_open_file_cache: max=, inactive=, min_uses=, valid=, off; without off a max= above 0. */
    private static Bad openLogFileCache(Directive d) {
        boolean off = false;
        long max = 0;
        for (Arg a : d.args()) {
            String v = a.value();
            boolean ok;
            if (v.startsWith("max=")) {
                ok = DIGITS.matcher(v.substring(4)).matches();
                max = ok ? Long.parseLong(v.substring(4)) : max;
            } else if (v.startsWith("min_uses=")) {
                ok = DIGITS.matcher(v.substring(9)).matches();
            } else if (v.startsWith("inactive=")) {
                ok = TimeValues.nginxSeconds(v.substring(9)).isPresent();
            } else if (v.startsWith("valid=")) {
                ok = TimeValues.nginxSeconds(v.substring(6)).isPresent();
            } else {
                ok = v.equals("off");
                off |= ok;
            }
            if (!ok) {
                return new Bad(a, "invalid \"open_log_file_cache\" parameter \"" + v + "\": nginx refuses to start. It "
                        + "takes max=N, inactive=TIME, min_uses=N, valid=TIME or off.");
            }
        }
        if (!off && max == 0) {
            return new Bad(null, "\"open_log_file_cache\" must have \"max\" parameter: nginx refuses to start. Say how "
                    + "many descriptors to keep, as in open_log_file_cache max=1000 inactive=20s.");
        }
        return null;
    }

    /** ngx_http_disable_symlinks: a mode (off, on, if_not_owner) and optionally from=, not with off. */
    private static Bad disableSymlinks(Directive d) {
        String mode = null;
        boolean from = false;
        for (Arg a : d.args()) {
            String v = a.value();
            if (v.equals("off") || v.equals("on") || v.equals("if_not_owner")) {
                mode = v;
            } else if (v.startsWith("from=")) {
                from = true;
            } else {
                return new Bad(a, "invalid parameter \"" + v + "\": nginx refuses to start. disable_symlinks takes off, "
                        + "on or if_not_owner, and optionally from=PART.");
            }
        }
        if (mode == null) {
            return new Bad(null, "\"disable_symlinks\" must have \"off\", \"on\" or \"if_not_owner\" parameter: nginx "
                    + "refuses to start.");
        }
        if (d.argCount() == 2 && !from) {
            return new Bad(d.args().get(1), "duplicate parameters \"" + d.arg(0) + " " + d.arg(1) + "\": nginx refuses "
                    + "to start. Give one mode.");
        }
        if (from && mode.equals("off")) {
            return new Bad(null, "\"from=\" cannot be used with \"off\" parameter: nginx refuses to start.");
        }
        return null;
    }

    /** One word of ngx_conf_set_access_slot: user:, group: or all:, then r or rw. */
    private static boolean accessWord(String v) {
        int colon = v.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String who = v.substring(0, colon);
        String right = v.substring(colon + 1);
        return (who.equals("user") || who.equals("group") || who.equals("all"))
                && (right.equals("r") || right.equals("rw"));
    }
}
