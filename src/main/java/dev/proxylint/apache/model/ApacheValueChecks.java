package dev.proxylint.apache.model;

import dev.proxylint.syntax.Directive;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The values httpd 2.4's own directive handlers refuse while they read the configuration, with
 * httpd's message (CFG136). Each check follows the handler of httpd 2.4.62's source named beside
 * it; only what the handler refuses whatever modules are loaded and whatever the file system holds
 * is judged (no module names, no files; provider names are looked up in {@link ApacheAuthProviders} with the
 * modules the config loads).
 */
public final class ApacheValueChecks {
    private ApacheValueChecks() {
    }

    /**
     * mod_rewrite reads its own arguments (parseargline: quotes, a backslash joins a space to the
     * word) and needs a second one: one unquoted word, also {@code ^/a\ /b} with its escaped space,
     * runs to the end of the line and is refused with the argument text as written. A quoted first
     * word ends at its closing quote, and the empty rest is an empty second argument (accepted).
     */
    private static String badArgumentLine(String name, Directive d) {
        return name + ": bad argument line '" + (d.argCount() > 0 ? argumentText(d, 0) : "") + "'";
    }

    /** The directive's text as written from its argument i to the end of its last one. */
    static String argumentText(Directive d, int i) {
        var first = d.argument(i).span();
        var last = d.argument(d.argCount() - 1).span();
        return first.file().text().substring(first.start(), last.end());
    }

    /**
     * mod_expires' check_code: {@code A3600}/{@code M86400}, or {@code <base> [plus] {<num> <type>}*}
     * where base, plus and each type are known by their first letter or two, as httpd compares them.
     */
    static String expiresCode(String code) {
        if (!code.isEmpty() && (code.charAt(0) == 'A' || code.charAt(0) == 'M')) {
            return null; // the old form, taken as it is
        }
        String[] w = code.trim().split("\\s+");
        int i = 0;
        String base = i < w.length ? w[i++] : "";
        if (!prefixIgnoreCase(base, "now", 1) && !prefixIgnoreCase(base, "access", 1)
                && !prefixIgnoreCase(base, "modification", 1)) {
            return "bad expires code, unrecognised <base> '" + base + "'";
        }
        String word = i < w.length ? w[i++] : "";
        if (prefixIgnoreCase(word, "plus", 1)) {
            word = i < w.length ? w[i++] : "";
        }
        while (!word.isEmpty()) {
            if (!Character.isDigit(word.charAt(0))) {
                return "bad expires code, numeric value expected <num> '" + word + "'";
            }
            String type = i < w.length ? w[i++] : "";
            if (type.isEmpty()) {
                return "bad expires code, missing <type>";
            }
            if (!(prefixIgnoreCase(type, "years", 1) || prefixIgnoreCase(type, "months", 2)
                    || prefixIgnoreCase(type, "weeks", 1) || prefixIgnoreCase(type, "days", 1)
                    || prefixIgnoreCase(type, "hours", 1) || prefixIgnoreCase(type, "minutes", 2)
                    || prefixIgnoreCase(type, "seconds", 1))) {
                return "bad expires code, unrecognised <type>'" + type + "'";
            }
            word = i < w.length ? w[i++] : "";
        }
        return null;
    }

    /** C's {@code strncasecmp(word, full, n) == 0}: the first n characters agree, a shorter word must end where full does. */
    private static boolean prefixIgnoreCase(String word, String full, int n) {
        for (int k = 0; k < n; k++) {
            char a = k < word.length() ? Character.toLowerCase(word.charAt(k)) : '\0';
            if (a != full.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static final List<String> OPTION_WORDS = List.of("indexes", "includes", "includesnoexec",
            "followsymlinks", "symlinksifownermatch", "execcgi", "multiviews", "runscripts");
    private static final Set<String> LOG_LEVELS = Set.of("emerg", "alert", "crit", "error", "warn", "notice", "info",
            "debug", "trace1", "trace2", "trace3", "trace4", "trace5", "trace6", "trace7", "trace8");
    private static final Set<String> HEADER_ACTIONS = Set.of("set", "setifempty", "add", "append", "merge", "unset",
            "echo", "edit", "edit*", "note");
    private static final String HEADER_ACTION_ERROR = "first argument must be 'add', 'set', 'setifempty', 'append', "
            + "'merge', 'unset', 'echo', 'note', 'edit', or 'edit*'.";
    /** mod_headers' format letters (%D %t %e %s %l %i %b). */
    private static final String HEADER_FORMATS = "Dteslib";
    /** mod_proxy's set_worker_param and set_balancer_param keys (2.4.62); mod_proxy_hcheck adds hc*. */
    private static final Set<String> PROXY_PARAMS = Set.of("loadfactor", "retry", "ttl", "min", "max", "smax",
            "acquire", "timeout", "iobuffersize", "receivebuffersize", "keepalive", "disablereuse", "enablereuse",
            "addressttl", "route", "redirect", "status", "flushpackets", "flushwait", "ping", "lbset",
            "connectiontimeout", "flusher", "upgrade", "responsefieldsize", "secret", "stickysession",
            "stickysessionsep", "nofailover", "maxattempts", "lbmethod", "scolonpathdelim", "failonstatus",
            "failontimeout", "nonce", "growth", "forcerecovery", "mapping");
    private static final Pattern ABSOLUTE_URL = Pattern.compile("(?i)[a-z][a-z0-9+.-]*://[^/]+.*");
    private static final Pattern TIMEOUT = Pattern.compile("[0-9]+(ms|s|mi|h)?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    /** The format letters of mod_log_config itself (log_config_pre_config), and two-letter ^ti, ^to. */
    private static final Set<String> LOG_CONFIG_LETTERS = Set.of("h", "a", "A", "l", "u", "t", "f", "b", "B", "i",
            "o", "n", "L", "e", "V", "v", "p", "P", "H", "m", "q", "X", "C", "k", "r", "D", "T", "U", "s", "R", "^ti",
            "^to");

    /**
     * The letters a LogFormat may use: mod_log_config's, mod_logio's (%I %O %S %^FB) when
     * {@code logio} and mod_ssl's (%c %x) when {@code ssl}. They are registered in the pre-config
     * hooks, after every LoadModule is read and before any LogFormat is: the modules loaded anywhere
     * in the config count.
     */
    public static Set<String> logLetters(boolean logio, boolean ssl) {
        Set<String> out = new java.util.HashSet<>(LOG_CONFIG_LETTERS);
        if (logio) {
            out.addAll(List.of("I", "O", "S", "^FB"));
        }
        if (ssl) {
            out.addAll(List.of("c", "x"));
        }
        return out;
    }

    /**
     * mod_log_config's parse_log_string and parse_log_item: each {@code %} item takes modifiers
     * ({@code ! < > ,}, digits, a {@code {...}} argument) and then its letter, a {@code ^} and two
     * more first; the first item whose letter no loaded module registered is refused
     * ({@code Unrecognized LogFormat directive %Q}; {@code letters} null leaves letters unjudged), a
     * string that ends before the letter too.
     */
    static String logFormat(String fmt, Set<String> letters) {
        int i = 0;
        int n = fmt.length();
        while (i < n) {
            if (fmt.charAt(i) != '%') {
                i++;
                continue;
            }
            i++;
            if (i < n && fmt.charAt(i) == '%') {
                i++;
                continue;
            }
            boolean letter = false;
            while (i < n && !letter) {
                char c = fmt.charAt(i);
                if (c == '!' || c == '<' || c == '>' || c == ',' || (c >= '0' && c <= '9')) {
                    i++;
                } else if (c == '{') {
                    int close = fmt.indexOf('}', i + 1);
                    i = close < 0 ? n : close + 1; // ap_getword takes the rest when no } follows
                } else {
                    letter = true;
                    if (c == '^' && i + 2 < n && (letters == null || letters.contains(fmt.substring(i, i + 3)))) {
                        i += 3; // ^ and two (mod_logio's ^FB)
                    } else {
                        if (letters != null && !letters.contains(String.valueOf(c))) {
                            return "Unrecognized LogFormat directive %" + c;
                        }
                        i++;
                    }
                }
            }
            if (!letter) {
                return "Ran off end of LogFormat parsing args to some directive";
            }
        }
        return null;
    }

    /** mod_log_config's add_custom_log: the condition clause, then the format. */
    static String customLog(List<String> words, Set<String> letters) {
        if (words.size() == 3) {
            String env = words.get(2);
            String lower = env.toLowerCase(Locale.ROOT);
            if (lower.startsWith("env=")) {
                if (env.length() == 4 || env.equals(env.substring(0, 4) + "!")) {
                    return "missing environment variable name";
                }
            } else if (lower.startsWith("expr=")) {
                if (env.length() == 5) {
                    return "missing condition";
                }
                String err = ApacheExpr.check(env.substring(5), false);
                if (err != null) {
                    return err;
                }
            } else {
                return "error in condition clause";
            }
        }
        return words.size() >= 2 ? logFormat(words.get(1), letters) : null;
    }

    /**
     * mod_setenvif's add_setenvif and add_browser: a header name (SetEnvIf only), a regular
     * expression, then at least one variable. Each word is read with ap_getword_conf, which stops
     * at an empty one, so an empty quoted word ends the list there.
     */
    static String setEnvIf(String name, List<String> words, boolean header) {
        int i = 0;
        if (header) {
            if (words.isEmpty() || words.get(0).isEmpty()) {
                return "Missing header-field name for " + name;
            }
            i = 1;
        }
        if (words.size() <= i || words.get(i).isEmpty()) {
            return "Missing regular expression for " + name;
        }
        if (words.size() <= i + 1 || words.get(i + 1).isEmpty()) {
            return "Missing envariable expression for " + name;
        }
        return null;
    }

    /**
     * httpd's message for a value its handler refuses, or null.
     *
     * @param inLocation whether the directive stands in a {@code <Location>} or {@code <LocationMatch>}
     *                   (mod_proxy's {@code cmd->path} for ProxyPass)
     * @param inPath     whether it stands in any section with a path (Directory, Location, Files, If, Proxy)
     * @param workers    the scheme://host:port of the ProxyPass targets read so far (updated): httpd shares
     *                   a worker between targets of one origin and ignores the parameters of the later ones
     */
    public static String check(Directive d, boolean inLocation, boolean inPath, Set<String> workers) {
        return check(d, inLocation, inPath, workers, null);
    }

    /**
     * As {@link #check(Directive, boolean, boolean, Set)}, with the log format letters that the
     * loaded modules register ({@link #logLetters}), or null to leave letters unjudged.
     */
    public static String check(Directive d, boolean inLocation, boolean inPath, Set<String> workers,
            Set<String> logLetters) {
        switch (d.name().toLowerCase(Locale.ROOT)) {
            case "options":
                return options(d.values());
            case "allowoverride":
                return allowOverride(d.values());
            case "sslprotocol":
            case "sslproxyprotocol":
                return sslProtocol(d.name(), d.values());
            case "rewriterule":
                if (d.argCount() == 0 || d.argCount() == 1 && !d.argument(0).quoted()) {
                    return badArgumentLine("RewriteRule", d);
                }
                return d.argCount() == 3 ? flags("RewriteRule", d.arg(2), true) : null;
            case "rewritecond":
                if (d.argCount() == 0 || d.argCount() == 1 && !d.argument(0).quoted()) {
                    return badArgumentLine("RewriteCond", d);
                }
                if (d.argCount() == 3) {
                    String err = flags("RewriteCond", d.arg(2), false);
                    if (err != null) {
                        return err;
                    }
                }
                if (d.argCount() >= 2 && d.arg(0).equalsIgnoreCase("expr")) {
                    String err = ApacheExpr.condition(d.arg(1));
                    return err == null ? null : "RewriteCond: cannot compile expression \"" + d.arg(1) + "\" " + err;
                }
                return null;
            case "setenvif":
                return setEnvIf("SetEnvIf", d.values(), true);
            case "setenvifnocase":
                return setEnvIf("SetEnvIfNoCase", d.values(), true);
            case "browsermatch":
                return setEnvIf("BrowserMatch", d.values(), false);
            case "browsermatchnocase":
                return setEnvIf("BrowserMatchNoCase", d.values(), false);
            case "logformat":
                return d.argCount() >= 1 ? logFormat(d.values().get(0), logLetters) : null;
            case "customlog":
            case "globallog":
                return customLog(d.values(), logLetters);
            case "addoutputfilterbytype":
                return d.argCount() < 2 ? "AddOutputFilterByType requires at least two arguments" : null;
            case "header":
                return header(d.values(), true);
            case "requestheader":
                return header(d.values(), false);
            case "loglevel":
                return logLevel(d.values());
            case "proxypass":
            case "proxypassmatch":
                return proxyPass(d.values(), inLocation, workers);
            case "redirect":
                return redirect(d.values(), 302, false, inPath);
            case "redirectmatch":
                return redirect(d.values(), 302, true, inPath);
            case "redirectpermanent":
                return redirect(d.values(), 301, false, inPath);
            case "redirecttemp":
                return redirect(d.values(), 302, false, inPath);
            case "listen":
                return d.argCount() >= 1 ? listen(d.arg(0)) : null;
            case "sslopensslconfcmd":
                // ssl_cmd_SSLOpenSSLConfCmd asks SSL_CONF_cmd_value_type, in OpenSSL's file mode
                return d.argCount() == 2 && !OPENSSL_CONF_COMMANDS.contains(d.arg(0).toLowerCase(Locale.ROOT))
                        ? "'" + d.arg(0) + "': invalid OpenSSL configuration command" : null;
            case "servertokens":
                return d.argCount() == 1 && !Set.of("prod", "productonly", "major", "minor", "min", "minimal", "os", "full")
                        .contains(d.arg(0).toLowerCase(Locale.ROOT))
                                ? "ServerTokens takes 1 argument: 'Prod(uctOnly)', 'Major', 'Minor', 'Min(imal)', 'OS', "
                                        + "or 'Full'"
                                : null;
            case "sslverifyclient":
            case "sslproxyverify":
                return d.argCount() == 1 && !Set.of("none", "optional", "require", "optional_no_ca")
                        .contains(d.arg(0).toLowerCase(Locale.ROOT))
                                ? d.name() + ": Invalid argument '" + d.arg(0) + "'" : null;
            case "ssloptions":
                for (String w : d.values()) {
                    String o = w.startsWith("+") || w.startsWith("-") ? w.substring(1) : w;
                    if (!Set.of("stdenvvars", "exportcertdata", "fakebasicauth", "strictrequire", "optrenegotiate",
                            "legacydnstringformat").contains(o.toLowerCase(Locale.ROOT))) {
                        return "SSLOptions: Illegal option '" + o + "'";
                    }
                }
                return null;
            case "hostnamelookups":
                return d.argCount() == 1 && !Set.of("on", "off", "double").contains(d.arg(0).toLowerCase(Locale.ROOT))
                        ? "parameter must be 'on', 'off', or 'double'" : null;
            case "keepalivetimeout":
                // ap_timeout_parameter_parse: a number with an optional ms, s, mi or h
                return d.argCount() == 1 && !TIMEOUT.matcher(d.arg(0)).matches()
                        ? "KeepAliveTimeout has wrong format" : null;
            case "limitrequestbody":
                return d.argCount() == 1 && !DIGITS.matcher(d.arg(0)).matches()
                        ? "LimitRequestBody requires a non-negative integer." : null;
            case "expiresbytype":
                if (d.argCount() != 2) {
                    return null;
                }
                if (d.arg(0).indexOf('/') < 0) {
                    return "Invalid mimetype: should contain a slash";
                }
                String typeCode = expiresCode(d.arg(1));
                return typeCode == null ? null : "'ExpiresByType " + d.arg(0) + " " + d.arg(1) + "': " + typeCode;
            case "expiresdefault":
                String defaultCode = d.argCount() == 1 ? expiresCode(d.arg(0)) : null;
                return defaultCode == null ? null : "'ExpiresDefault " + d.arg(0) + "': " + defaultCode;
            case "traceenable":
                return oneOf(d, Set.of("on", "off", "extended"), "TraceEnable must be one of 'on', 'off', or 'extended'");
            case "serversignature":
                return oneOf(d, Set.of("on", "off", "email"), "ServerSignature: use one of: off | on | email");
            case "usecanonicalname":
                return oneOf(d, Set.of("on", "off", "dns"), "parameter must be 'on', 'off', or 'dns'");
            case "usecanonicalphysicalport":
            case "enablemmap":
            case "enablesendfile":
                return oneOf(d, Set.of("on", "off"), "parameter must be 'on' or 'off'");
            case "acceptpathinfo":
                return oneOf(d, Set.of("on", "off", "default"), "AcceptPathInfo must be set to on, off or default");
            case "proxyvia":
                return oneOf(d, Set.of("on", "off", "full", "block"), "ProxyVia must be one of: off | on | full | block");
            case "fileetag":
                for (String w : d.values()) {
                    String k = w.startsWith("+") || w.startsWith("-") ? w.substring(1) : w;
                    if (!Set.of("none", "all", "size", "lmtime", "mtime", "lastmodified", "inode", "digest")
                            .contains(k.toLowerCase(Locale.ROOT))) {
                        return "Unknown keyword '" + k + "' for FileETag directive";
                    }
                }
                return null;
            case "errordocument":
                if (d.argCount() == 2) {
                    long code = atoi(d.arg(0));
                    // ap_index_of_response maps codes outside 100-599 to the 500 slot
                    if (code != 500 && (code < 100 || code > 599)) {
                        return "Unsupported HTTP response code " + d.arg(0);
                    }
                    // core's set_error_document reads the page as a string expression, except
                    // "default" and the full URL a 401 ignores
                    String page = d.arg(1);
                    boolean url = !page.startsWith("/") && page.indexOf(' ') < 0 && isUrl(page);
                    if (!page.equalsIgnoreCase("default") && !(code == 401 && url)) {
                        return expression("Cannot parse expression in ErrorDocument: ", page, true);
                    }
                }
                return null;
            case "setenvifexpr": {
                String expr = d.argCount() > 0 ? d.arg(0) : "";
                if (expr.isEmpty()) {
                    return "Missing expression for SetEnvIfExpr";
                }
                String err = ApacheExpr.condition(expr);
                if (err != null) {
                    return "Could not parse expression \"" + expr + "\": " + err;
                }
                return d.argCount() < 2 || d.arg(1).isEmpty() ? "Missing envariable expression for SetEnvIfExpr" : null;
            }
            case "filterprovider":
                return d.argCount() == 3 ? expression("Error parsing FilterProvider expression:", d.arg(2), false) : null;
            case "sethandler":
                return d.argCount() == 1 ? expression("Can't parse expression : ", d.arg(0), true) : null;
            case "authname":
                if (d.argCount() == 1) {
                    String err = ApacheExpr.string(d.arg(0));
                    return err == null ? null : "Cannot parse expression '" + d.arg(0) + "' in AuthName: " + err;
                }
                return null;
            case "logmessage":
                return logMessage(d.values());
            case "limitrequestline":
            case "limitrequestfieldsize":
            case "limitrequestfields": {
                String shown = Map.of("limitrequestline", "LimitRequestLine", "limitrequestfieldsize",
                        "LimitRequestFieldsize", "limitrequestfields", "LimitRequestFields")
                        .get(d.name().toLowerCase(Locale.ROOT));
                return d.argCount() == 1 && atoi(d.arg(0)) < 0
                        ? shown + " \"" + d.arg(0) + "\" must be a non-negative integer" : null;
            }
            case "alias":
                if (d.argCount() == 1) {
                    // in a section with a path, one argument is the target as a string expression
                    return !inPath ? "Alias must have two arguments when used globally"
                            : expression("Cannot parse alias expression '" + d.arg(0) + "': ", d.arg(0), true);
                }
                return null;
            case "balancermember":
                return balancerMember(d.values(), inPath);
            case "sslengine":
                // 2.4.71 accepts Optional with a notice that it is no longer supported
                return d.argCount() == 1 && !Set.of("on", "off", "optional").contains(d.arg(0).toLowerCase(Locale.ROOT))
                        && d.arg(0).indexOf(':') < 0 ? "Argument must be On or Off" : null;
            case "deflatecompressionlevel":
                return d.argCount() == 1 && outside(atoi(d.arg(0)), 1, 9)
                        ? "Compression Level must be between 1 and 9" : null;
            case "deflatememlevel":
                return d.argCount() == 1 && outside(atoi(d.arg(0)), 1, 9)
                        ? "DeflateMemLevel must be between 1 and 9" : null;
            case "deflatewindowsize":
                return d.argCount() == 1 && outside(atoi(d.arg(0)), 1, 15)
                        ? "DeflateWindowSize must be between 1 and 15" : null;
            case "requestreadtimeout":
                return requestReadTimeout(d.values());
            case "loadmodule":
                return builtInModule(d);
            case "sslsessioncache":
                if (d.argCount() == 1) {
                    String type = d.arg(0);
                    int colon = type.indexOf(':');
                    type = (colon < 0 ? type : type.substring(0, colon)).toLowerCase(Locale.ROOT);
                    // none and nonenotnull are mod_ssl's own; the rest are the socache providers of httpd 2.4
                    if (!Set.of("none", "nonenotnull", "default", "shmcb", "shm", "dbm", "dc", "memcache", "redis")
                            .contains(type)) {
                        return "SSLSessionCache: '" + type + "' session cache not supported (the known names are "
                                + "the socache providers: shmcb, dbm, memcache, redis, dc, and none)";
                    }
                }
                return null;
            default:
                return ApacheHandlerChecks.check(d, inPath);
        }
    }

    /**
     * The modules compiled into Debian's apache2 besides core and http_core ({@code apache2 -l}:
     * mod_so.c ... mod_unixd.c), by the name mod_so compares ({@code log_config} for log_config_module).
     */
    public static final Set<String> DEBIAN_BUILT_IN = Set.of("so", "watchdog", "log_config", "logio", "version", "unixd");

    /**
     * mod_so's load_module refuses a module that is compiled in ("module log_config_module is
     * built-in and can't be loaded", before it opens the file). Judged for Debian's module directory
     * only, whose build proxylint knows; the official httpd image, for one, builds mod_log_config as a
     * shared module and loads it with LoadModule.
     */
    private static String builtInModule(Directive d) {
        if (d.argCount() != 2 || !d.arg(1).startsWith("/usr/lib/apache2/modules/")) {
            return null;
        }
        String name = d.arg(0);
        return name.endsWith("_module") && DEBIAN_BUILT_IN.contains(name.substring(0, name.length() - "_module".length()))
                ? "module " + name + " is built-in and can't be loaded" : null;
    }

    /** A one-word directive whose handler compares its argument, without case, to a few words. */
    private static String oneOf(Directive d, Set<String> words, String message) {
        return d.argCount() == 1 && !words.contains(d.arg(0).toLowerCase(Locale.ROOT)) ? message : null;
    }

    private static boolean outside(long v, long lo, long hi) {
        return v < lo || v > hi;
    }

    /** C's atoi/atol: optional spaces and sign, then digits; 0 when there are none. */
    public static long atoi(String s) {
        return dev.proxylint.facts.TimeValues.apacheAtoiSeconds(s).orElse(0);
    }

    /** mod_reqtimeout's set_reqtimeouts: handshake=, header=, body= with a timeout or range and MinRate. */
    static String requestReadTimeout(List<String> words) {
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq < 0) {
                return "Invalid RequestReadTimeout parameter. Parameter must be in the form 'key=value'";
            }
            String key = w.substring(0, eq);
            String val = w.substring(eq + 1);
            String err = reqTimeoutStage(key, val);
            if (err != null) {
                return "RequestReadTimeout: " + key + "=" + val + ": " + err;
            }
        }
        return null;
    }

    private static String reqTimeoutStage(String key, String val) {
        if (!Set.of("handshake", "header", "body").contains(key.toLowerCase(Locale.ROOT))) {
            return "Unknown RequestReadTimeout parameter";
        }
        int rate = val.toLowerCase(Locale.ROOT).indexOf(",minrate=");
        if (rate < 0) {
            return val.indexOf('-') >= 0 ? "Must set MinRate option if using timeout range" : strtolError(val);
        }
        String r = val.substring(rate + 9);
        String err = strtolError(r);
        if (err != null) {
            return err;
        }
        if (atoi(r) == 0) {
            return "Minimum data rate must be larger than 0";
        }
        String initial = val.substring(0, rate);
        int dash = initial.indexOf('-');
        if (dash >= 0) {
            err = strtolError(initial.substring(dash + 1));
            if (err != null) {
                return err;
            }
            String first = initial.substring(0, dash);
            err = strtolError(first);
            if (err == null && atoi(initial.substring(dash + 1)) != 0 && atoi(first) >= atoi(initial.substring(dash + 1))) {
                return "Maximum timeout must be larger than initial timeout";
            }
            return err;
        }
        return strtolError(initial);
    }

    /** mod_reqtimeout's parse_int: strtol must read the whole word and give a value of 0 or more. */
    private static String strtolError(String v) {
        int i = 0;
        while (i < v.length() && Character.isWhitespace(v.charAt(i))) {
            i++;
        }
        int start = i;
        if (i < v.length() && (v.charAt(i) == '+' || v.charAt(i) == '-')) {
            i++;
        }
        int digits = i;
        while (i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
            i++;
        }
        if (i == digits) {
            return "Value '" + v + "' not numerical";
        }
        if (i < v.length()) {
            return "Cannot parse '" + v.substring(i) + "'";
        }
        return atoi(v.substring(start)) < 0 ? "Value must be non-negative" : null;
    }

    /** mod_proxy's add_member: [balancer URL] member URL, then key=value worker parameters. */
    static String balancerMember(List<String> words, boolean inProxy) {
        int urls = 0;
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq < 0) {
                urls++;
                if (urls > (inProxy ? 1 : 2)) {
                    return "Invalid BalancerMember parameter. Parameter must be in the form 'key=value'";
                }
                continue;
            }
            String key = w.substring(0, eq);
            if (key.regionMatches(true, 0, "hc", 0, 2)) {
                continue; // mod_proxy_hcheck's
            }
            String err = workerParam(key, w.substring(eq + 1));
            if (err != null) {
                return "BalancerMember " + err;
            }
        }
        return null;
    }

    /** mod_proxy's set_worker_param for the parameters whose values it checks; null when fine or unknown. */
    static String workerParam(String key, String val) {
        switch (key.toLowerCase(Locale.ROOT)) {
            case "loadfactor": {
                double f;
                try {
                    f = Double.parseDouble(leadingNumber(val));
                } catch (NumberFormatException e) {
                    f = 0;
                }
                int i = (int) (f * 100.0);
                return i < 100 || i > 10000 ? "LoadFactor must be a number between 1..100" : null;
            }
            case "retry":
                return atoi(val) < 0 ? "Retry must be a positive value" : null;
            case "ttl":
                return atoi(val) < 1 ? "TTL must be at least one second" : null;
            case "min":
                return atoi(val) < 0 ? "Min must be a positive number" : null;
            case "max":
                return atoi(val) < 0 ? "Max must be a positive number" : null;
            case "smax":
                return atoi(val) < 0 ? "Smax must be a positive number" : null;
            case "timeout":
                return atoi(val) < 1 ? "Timeout must be at least one second" : null;
            case "acquire": {
                long us = timeoutMicros(val, "ms");
                return us == -1 ? "Acquire timeout has wrong format"
                        : us < 1000 ? "Acquire must be at least one millisecond" : null;
            }
            case "ping": {
                long us = timeoutMicros(val, "s");
                return us == -1 ? "Ping/Pong timeout has wrong format"
                        : us < 1000 ? "Ping/Pong timeout must be at least one millisecond" : null;
            }
            case "connectiontimeout": {
                long us = timeoutMicros(val, "s");
                return us == -1 ? "Connectiontimeout has wrong format"
                        : us < 1000 ? "Connectiontimeout must be at least one millisecond." : null;
            }
            case "iobuffersize":
                return atoi(val) < 512 && atoi(val) != 0 ? "IOBufferSize must be >= 512 bytes, or 0 for system default."
                        : null;
            case "receivebuffersize":
                return atoi(val) < 512 && atoi(val) != 0
                        ? "ReceiveBufferSize must be >= 512 bytes, or 0 for system default." : null;
            case "keepalive":
                return onOff(val) ? null : "KeepAlive must be On|Off";
            case "disablereuse":
                return onOff(val) ? null : "DisableReuse must be On|Off";
            case "enablereuse":
                return onOff(val) ? null : "EnableReuse must be On|Off";
            case "flushpackets":
                return onOff(val) || val.equalsIgnoreCase("auto") ? null : "flushpackets must be on|off|auto";
            case "flushwait":
                return outside(atoi(val), 0, 1000)
                        ? "flushwait must be <= 1000, or 0 for system default of 10 millseconds." : null;
            case "lbset":
                return outside(atoi(val), 0, 99) ? "lbset must be between 0 and 99" : null;
            case "status":
                for (int i = 0; i < val.length(); i++) {
                    char c = val.charAt(i);
                    if (c == '+' || c == '-') {
                        i++;
                        if (i >= val.length()) {
                            return "Unknown status parameter option"; // a sign with no flag after it
                        }
                        c = val.charAt(i);
                    }
                    // proxy_wstat_tbl's flags, compared upper-cased
                    if ("OINGUDSEHRFC".indexOf(Character.toUpperCase(c)) < 0) {
                        return "Unknown status parameter option";
                    }
                }
                return null;
            default:
                return null;
        }
    }

    private static boolean onOff(String v) {
        return v.equalsIgnoreCase("on") || v.equalsIgnoreCase("off");
    }

    private static String leadingNumber(String v) {
        int i = 0;
        while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.' || (i == 0 && "+-".indexOf(v.charAt(0)) >= 0))) {
            i++;
        }
        return i == 0 ? "0" : v.substring(0, i);
    }

    /** ap_timeout_parameter_parse in microseconds, or -1 when it refuses the text. */
    public static long timeoutMicros(String v, String defaultUnit) {
        int i = 0;
        boolean neg = false;
        if (i < v.length() && (v.charAt(i) == '+' || v.charAt(i) == '-')) {
            neg = v.charAt(i) == '-';
            i++;
        }
        int digits = i;
        long n = 0;
        while (i < v.length() && Character.isDigit(v.charAt(i))) {
            if (n > 1_000_000_000_000L) {
                return -1;
            }
            n = n * 10 + (v.charAt(i) - '0');
            i++;
        }
        if (neg && i > digits && n > 0) {
            return -1;
        }
        String unit = i < v.length() ? v.substring(i) : defaultUnit;
        if (unit.startsWith("s")) {
            return n * 1_000_000;
        } else if (unit.startsWith("h")) {
            return n * 3_600_000_000L;
        } else if (unit.startsWith("ms")) {
            return n * 1000;
        } else if (unit.startsWith("mi")) {
            return n * 60_000_000;
        }
        return -1;
    }

    /** core.c set_options. */
    static String options(List<String> words) {
        boolean first = true;
        boolean merge = false;
        boolean allNone = false;
        for (String word : words) {
            String w = word;
            if (w.startsWith("+") || w.startsWith("-")) {
                w = w.substring(1);
                if (!merge && !first && !allNone) {
                    return "Either all Options must start with + or -, or no Option may.";
                }
                merge = true;
            } else if (!first && merge) {
                return "Either all Options must start with + or -, or no Option may.";
            }
            String l = w.toLowerCase(Locale.ROOT);
            if (l.equals("none") || l.equals("all")) {
                String n = l.equals("none") ? "None" : "All";
                if (!first) {
                    return "'Options " + n + "' must be the first " + (l.equals("none") ? "Option" : "option") + " given.";
                } else if (merge) {
                    return "You may not use 'Options +" + n + "' or 'Options -" + n + "'.";
                }
                allNone = true;
            } else if (!OPTION_WORDS.contains(l)) {
                return "Illegal option " + w;
            }
            first = false;
        }
        return null;
    }

    /** core.c set_override and set_allow_opts. */
    static String allowOverride(List<String> words) {
        for (String w : words) {
            int eq = w.indexOf('=');
            String k = eq < 0 ? w : w.substring(0, eq);
            String v = eq < 0 ? null : w.substring(eq + 1);
            switch (k.toLowerCase(Locale.ROOT)) {
                case "options" -> {
                    if (v != null) {
                        for (String o : v.split(",")) {
                            if (!o.isEmpty() && !OPTION_WORDS.contains(o.toLowerCase(Locale.ROOT))
                                    && !o.equalsIgnoreCase("none") && !o.equalsIgnoreCase("all")) {
                                return "Illegal option " + o;
                            }
                        }
                    }
                }
                case "nonfatal" -> {
                    if (v == null) {
                        return "=Override, =Unknown or =All expected after " + w;
                    }
                }
                case "limit", "fileinfo", "authconfig", "indexes", "none", "all" -> {
                    // httpd compares the word with its '=' part cut off: Limit=x is Limit
                }
                default -> {
                    return "Illegal override option " + k;
                }
            }
        }
        return null;
    }

    /** ssl_engine_config.c ssl_cmd_protocol_parse (names in any case). */
    static String sslProtocol(String name, List<String> words) {
        for (String word : words) {
            char action = word.startsWith("+") || word.startsWith("-") ? word.charAt(0) : 0;
            String w = action != 0 ? word.substring(1) : word;
            switch (w.toLowerCase(Locale.ROOT)) { // mod_ssl's strcEQ ignores case
                case "sslv2" -> {
                    if (action != '-') {
                        return "SSLProtocol: SSLv2 is no longer supported";
                    }
                }
                case "sslv3" -> {
                    // Debian's OpenSSL 3 is built without SSLv3 (OPENSSL_NO_SSL3)
                    if (action != '-') {
                        return "SSLv3 not supported by this version of OpenSSL";
                    }
                }
                case "tlsv1", "tlsv1.1", "tlsv1.2", "tlsv1.3", "all" -> {
                }
                default -> {
                    return name + ": Illegal protocol '" + w + "'";
                }
            }
        }
        return null;
    }

    /** mod_rewrite.c cmd_parseflagfield with cmd_rewriterule_setflag / cmd_rewritecond_setflag. */
    static String flags(String directive, String field, boolean rule) {
        if (field.length() < 2 || field.charAt(0) != '[' || field.charAt(field.length() - 1) != ']') {
            return directive + ": bad flag delimiters";
        }
        for (String part : field.substring(1, field.length() - 1).split(",", -1)) {
            String f = part.strip();
            if (f.isEmpty()) {
                continue;
            }
            int eq = f.indexOf('=');
            String key = eq < 0 ? f : f.substring(0, eq);
            String val = eq < 0 ? "" : f.substring(eq + 1);
            String err = rule ? ruleFlag(key, val) : condFlag(key);
            if (err != null) {
                return directive + ": " + err;
            }
        }
        return null;
    }

    private static String condFlag(String key) {
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "nocase", "nc", "ornext", "or", "novary", "nv" -> null;
            default -> "unknown flag '" + key + "'";
        };
    }

    private static String ruleFlag(String key, String val) {
        if (key.isEmpty()) {
            return null;
        }
        String rest = key.substring(1).toLowerCase(Locale.ROOT);
        boolean ok = switch (Character.toLowerCase(key.charAt(0))) {
            case 'b' -> {
                if (rest.equals("ne") && val.isEmpty()) {
                    yield false;
                }
                yield rest.isEmpty() || rest.equals("ackrefescaping") || rest.equals("ne") || rest.equals("np")
                        || rest.equals("ackrefernoplus") || rest.equals("ctls");
            }
            case 'c' -> rest.isEmpty() || rest.equals("hain") || rest.equals("o") || rest.equals("ookie");
            case 'd' -> true; // httpd takes any D... flag as discardpath
            case 'e' -> rest.isEmpty() || rest.equals("nv") || rest.equals("nd");
            case 'f' -> rest.isEmpty() || rest.equals("orbidden");
            case 'g' -> rest.isEmpty() || rest.equals("one");
            case 'h' -> rest.isEmpty() || rest.equals("andler");
            case 'l' -> rest.isEmpty() || rest.equals("ast");
            case 'n' -> rest.isEmpty() || rest.equals("e") || rest.equals("oescape") || rest.equals("ext")
                    || rest.equals("s") || rest.equals("osubreq") || rest.equals("c") || rest.equals("ocase");
            case 'p' -> rest.isEmpty() || rest.equals("roxy") || rest.equals("t") || rest.equals("assthrough");
            case 'q' -> rest.equals("sa") || rest.equals("sappend") || rest.equals("sd") || rest.equals("sdiscard")
                    || rest.equals("sl") || rest.equals("slast");
            case 'r' -> rest.isEmpty() || rest.equals("edirect");
            case 's' -> rest.isEmpty() || rest.equals("kip");
            case 't' -> rest.isEmpty() || rest.equals("ype");
            case 'u' -> rest.equals("nsafeprefixstat") || rest.equals("nsafeallow3f") || rest.equals("nc");
            default -> false;
        };
        if (!ok && key.equalsIgnoreCase("BNE")) {
            return "flag 'BNE' wants a list of characters (i.e. [BNE=...])";
        }
        return ok ? null : "unknown flag '" + key + "'";
    }

    /** mod_headers.c header_cmd and header_inout_cmd. */
    static String header(List<String> words, boolean response) {
        int i = 0;
        if (words.isEmpty()) {
            return null; // the argument count is CFG132's
        }
        String name = response ? "Header" : "RequestHeader";
        String action = words.get(i++);
        if (response && (action.equalsIgnoreCase("always") || action.equalsIgnoreCase("onsuccess"))) {
            action = i < words.size() ? words.get(i++) : "";
        }
        List<String> rest = words.subList(Math.min(i, words.size()), words.size());
        if (rest.size() > 4) {
            return name + " has too many arguments";
        }
        String a = action.toLowerCase(Locale.ROOT);
        if (!HEADER_ACTIONS.contains(a)) {
            return HEADER_ACTION_ERROR;
        }
        String value = rest.size() > 1 ? rest.get(1) : null;
        String subs = rest.size() > 2 ? rest.get(2) : null;
        String env = rest.size() > 3 ? rest.get(3) : null;
        if (a.equals("edit") || a.equals("edit*")) {
            if (subs == null) {
                return "Header edit requires a match and a substitution";
            }
        } else {
            if (env != null) {
                return "Too many arguments to directive";
            }
            env = subs;
        }
        if (a.equals("unset")) {
            if (value != null) {
                if (env != null) {
                    return "header unset takes two arguments";
                }
                env = value;
                value = null;
            }
        } else if (a.equals("echo")) {
            if (value != null) {
                if (env != null) {
                    return "Header echo takes two arguments";
                }
                env = value;
                value = null;
            }
            if (!response) {
                return "Header echo only valid on Header directives";
            }
        } else if (value == null) {
            return "Header requires three arguments";
        }
        if (env != null) {
            String l = env.toLowerCase(Locale.ROOT);
            if (l.startsWith("env=")) {
                if (env.length() == 4 || env.substring(4).equals("!")) {
                    return "error: missing environment variable name. envclause should be in the form env=envar ";
                }
            } else if (l.startsWith("expr=")) {
                String err = expression("Can't parse envclause/expression: ", env.substring(5), false);
                if (err != null) {
                    return err;
                }
            } else if (!l.equals("early")) {
                return "Unknown parameter: " + env;
            }
        }
        // the value (the substitution of an edit) is a string expression when it starts with expr=
        String shown = a.equals("edit") || a.equals("edit*") ? subs : value;
        if (shown != null && shown.startsWith("expr=")) {
            return expression("Can't parse value expression : ", shown.substring(5), true);
        }
        if (value != null && !a.equals("edit") && !a.equals("edit*")) {
            return format(value);
        }
        return null;
    }

    /** httpd's message for an expression its handler refuses (after the handler's prefix), or null. */
    private static String expression(String prefix, String text, boolean string) {
        String err = ApacheExpr.check(text, string);
        return err == null ? null : prefix + err;
    }

    /** mod_log_debug's LogMessage: a string expression, then hook= and expr= in either order. */
    static String logMessage(List<String> words) {
        if (words.isEmpty()) {
            return null;
        }
        String err = ApacheExpr.string(words.get(0));
        if (err != null) {
            return "Could not parse message expression '" + words.get(0) + "': " + err;
        }
        for (String w : words.subList(1, Math.min(3, words.size()))) {
            if (w.regionMatches(true, 0, "expr=", 0, 5)) {
                err = ApacheExpr.condition(w.substring(5));
                if (err != null) {
                    return "Could not parse expression '" + w.substring(5) + "': " + err;
                }
            }
        }
        return null;
    }

    /** mod_headers.c parse_format_tag: a % is followed by %, the end, or [{...}] and a known letter. */
    private static String format(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) != '%') {
                continue;
            }
            i++;
            if (i >= v.length() || v.charAt(i) == '%') {
                continue;
            }
            if (v.charAt(i) == '{') {
                int close = v.indexOf('}', i);
                i = close < 0 ? v.length() : close + 1;
            }
            if (i >= v.length() || HEADER_FORMATS.indexOf(v.charAt(i)) < 0) {
                String c = i < v.length() ? String.valueOf(v.charAt(i)) : "";
                return "Unrecognized header format %" + c;
            }
        }
        return null;
    }

    /** core.c set_loglevel with log.c ap_parse_log_level (module names are not judged). */
    static String logLevel(List<String> words) {
        for (String w : words) {
            int colon = w.lastIndexOf(':');
            String level = colon < 0 ? w : w.substring(colon + 1);
            if (colon >= 0 && level.isEmpty()) {
                return "Module specifier '" + w.substring(0, colon) + "' must be followed by a log level keyword";
            }
            if (!LOG_LEVELS.contains(level.toLowerCase(Locale.ROOT))) {
                String err = "Log level keyword must be one of emerg/alert/crit/error/warn/notice/info/debug/"
                        + "trace1/.../trace8";
                return colon < 0 ? err : w.substring(0, colon) + ":" + level + ": " + err;
            }
        }
        return null;
    }

    /** mod_proxy.c add_pass and set_worker_param. */
    static String proxyPass(List<String> words, boolean inLocation, Set<String> workers) {
        String f = inLocation ? "" : null;
        String r = null;
        String unknown = null;
        for (String w : words) {
            if (f == null) {
                if (w.equals("~")) {
                    continue;
                }
                f = w;
            } else if (r == null) {
                r = w;
            } else if (w.equalsIgnoreCase("nocanon") || w.equalsIgnoreCase("interpolate")
                    || w.equalsIgnoreCase("noquery")) {
                continue;
            } else if (w.indexOf('=') < 0) {
                return inLocation && r.startsWith("/")
                        ? "ProxyPass|ProxyPassMatch can not have a path when defined in a location."
                        : "Invalid ProxyPass|ProxyPassMatch parameter. Parameter must be in the form 'key=value'.";
            } else {
                String key = w.substring(0, w.indexOf('=')).toLowerCase(Locale.ROOT);
                if (!PROXY_PARAMS.contains(key) && !key.startsWith("hc") && unknown == null) {
                    unknown = "ProxyPass unknown Worker parameter";
                }
                boolean balancer = r.regionMatches(true, 0, "balancer://", 0, 11); // balancer parameters instead
                String err = unknown == null && !balancer ? workerParam(key, w.substring(w.indexOf('=') + 1)) : null;
                if (err != null) {
                    unknown = "ProxyPass " + err;
                }
            }
        }
        if (r == null) {
            return f == null ? null : "ProxyPass|ProxyPassMatch needs a path when not defined in a location";
        }
        if (r.equals("!") || r.contains("$") || r.regionMatches(true, 0, "unix:", 0, 5)) {
            return null; // no proxying, or resolved per request, or a socket path
        }
        if (!ABSOLUTE_URL.matcher(r).matches()) {
            return "ProxyPass URL must be absolute!: " + r;
        }
        int slash = r.indexOf('/', r.indexOf("://") + 3);
        String origin = (slash < 0 ? r : r.substring(0, slash)).toLowerCase(Locale.ROOT);
        return workers.add(origin) ? unknown : null;
    }

    /**
     * mod_alias.c add_redirect_internal, shared by Redirect, RedirectMatch, RedirectPermanent and
     * RedirectTemp. In a section with a path, a redirect status and one target, or a target alone,
     * make the target a string expression ({@link #redirectIsExpression}); otherwise the words are
     * read as outside. The regex itself is ApacheRegexRule's.
     */
    static String redirect(List<String> words, int initialStatus, boolean regex, boolean inPath) {
        if (words.isEmpty() || words.size() > 3) {
            return null;
        }
        if (inPath && redirectIsExpression(words)) {
            String url = words.get(words.size() - 1);
            return expression("Cannot parse redirect expression '" + url + "': ", url, true);
        }
        String arg1 = words.get(0);
        String arg2 = words.size() > 1 ? words.get(1) : null;
        String arg3 = words.size() > 2 ? words.get(2) : null;
        int named = redirectStatus(arg1);
        int status = named < 0 ? initialStatus : named;
        int grok = redirectGrok(arg1);
        if (arg3 != null && grok == 0) {
            return "Redirect: invalid first argument (of three)";
        }
        if (grok < 0 && arg2 == null) {
            return null;
        }
        String url = arg3;
        if (arg3 == null && grok == 0) {
            url = arg2;
        }
        if (status >= 300 && status <= 399) {
            if (url == null) {
                return "URL to redirect to is missing";
            }
            if (!regex && !isUrl(url) && !url.startsWith("/")) {
                return "Redirect to non-URL";
            }
        } else if (url != null) {
            return "Redirect URL not valid for this status";
        }
        return null;
    }

    /**
     * The names of OpenSSL's SSL_CONF commands in file mode (ssl/ssl_conf.c, ssl_conf_cmds: the
     * entries with a file name, compared without case; mod_ssl's context is a server with
     * certificates, so none is refused for its flags). OpenSSL 3.0 as Debian 12 ships it, checked
     * name by name with apache2 -t (2026-12-07), plus the names later releases added
     * (CertValidation, SetValidFlags, SetValidHost, AddValidHost, SetValidIP, AddCAPath, AddCAFile),
     * which proxylint accepts as it cannot see which OpenSSL httpd links. The switches of the
     * command line (no_tls1, sigalgs, ...) have no file name.
     */
    static final Set<String> OPENSSL_CONF_COMMANDS = Set.of("signaturealgorithms", "clientsignaturealgorithms",
            "curves", "groups", "ecdhparameters", "cipherstring", "ciphersuites", "protocol", "minprotocol",
            "maxprotocol", "options", "verifymode", "certificate", "privatekey", "serverinfofile", "chaincapath",
            "chaincafile", "chaincastore", "verifycapath", "verifycafile", "verifycastore", "requestcafile",
            "clientcafile", "requestcapath", "clientcapath", "requestcastore", "clientcastore", "dhparameters",
            "recordpadding", "numtickets", "certvalidation", "setvalidflags", "setvalidhost", "addvalidhost",
            "setvalidip", "addcapath", "addcafile");

    /**
     * Whether a redirect directive in a section with a path takes its target as a string expression
     * (and compiles no regex): a redirect status (a keyword or a 3xx code) and one target, or a lone
     * word that is no status.
     */
    public static boolean redirectIsExpression(List<String> words) {
        if (words.isEmpty() || words.size() > 2) {
            return false;
        }
        int grok = redirectGrok(words.get(0));
        return grok > 0 ? words.size() == 2 : grok == 0 && words.size() == 1;
    }

    /** add_redirect_internal's grokarg1: 1 for a redirect status, -1 for another status, 0 for no status. */
    public static int redirectGrok(String arg1) {
        int status = redirectStatus(arg1);
        return status < 0 ? 0 : status >= 300 && status <= 399 ? 1 : -1;
    }

    /** The status a redirect's first word names (permanent, temp, seeother, gone, or digits), else -1. */
    private static int redirectStatus(String arg1) {
        String l = arg1.toLowerCase(Locale.ROOT);
        return switch (l) {
            case "permanent" -> 301;
            case "temp" -> 302;
            case "seeother" -> 303;
            case "gone" -> 410;
            default -> !l.isEmpty() && Character.isDigit(l.charAt(0)) ? leadingInt(l) : -1;
        };
    }

    /**
     * listen.c ap_set_listener: the address as apr_parse_addr_port reads it, and a port is required.
     * A {@code ${VAR}} left in the word may be defined where httpd runs (Debian's envvars), so it is
     * not judged.
     */
    static String listen(String a) {
        if (a.indexOf('$') >= 0) {
            return null;
        }
        AddrPort ap = addrPort(a);
        if (ap == null) {
            return "Invalid address or port";
        }
        return ap.port() == 0 ? "Port must be specified" : null;
    }

    /**
     * vhost.c get_addresses, for each word of {@code <VirtualHost ...>}: {@code :*} (or a lone
     * {@code *}) is a wildcard port, the rest goes to apr_parse_addr_port, and a word that is only a
     * port has no address. A host name that does not resolve is only logged by httpd ("Could not
     * resolve host name ... -- ignoring!"), so it is accepted here too; scope ids are fine with APR 1.7.
     */
    public static String virtualHostAddress(String w) {
        if (w.isEmpty() || w.indexOf('$') >= 0) {
            return null;
        }
        int n = w.length();
        if (n >= 2 && w.charAt(n - 1) == '*' && w.charAt(n - 2) == ':') {
            w = w.substring(0, n - 2);
        }
        AddrPort ap = addrPort(w);
        if (ap == null) {
            return "The address or port is invalid";
        }
        return ap.host() == null ? "Missing address for VirtualHost" : null;
    }

    /** An address as apr_parse_addr_port returns it: host null when the word is only a port, port 0 when none. */
    record AddrPort(String host, int port) {
    }

    /**
     * APR 1.7's apr_parse_addr_port: trailing digits after a colon (or the whole word) are the port,
     * 1 to 65535 as atoi reads them; a word that starts with {@code [} must end with the matching
     * {@code ]} (before the port) and hold an IPv6 address that inet_pton6 takes, with an optional
     * {@code %scope}. Null where APR returns APR_EINVAL.
     */
    static AddrPort addrPort(String s) {
        int last = s.length() - 1;
        int ch = last;
        while (ch >= 0 && s.charAt(ch) >= '0' && s.charAt(ch) <= '9') {
            ch--;
        }
        if (ch < 0) {
            int p = portAtoi(s);
            return p < 1 || p > 65535 ? null : new AddrPort(null, p);
        }
        int port = 0;
        int lastChar = last;
        if (s.charAt(ch) == ':' && ch < last) {
            if (ch == 0) {
                return null;
            }
            port = portAtoi(s.substring(ch + 1));
            if (port < 1 || port > 65535) {
                return null;
            }
            lastChar = ch - 1;
        }
        String host = s.substring(0, lastChar + 1);
        if (!host.startsWith("[")) {
            return new AddrPort(host, port);
        }
        int end = host.indexOf(']');
        if (end != lastChar) {
            return null;
        }
        int scope = host.indexOf('%');
        if (scope == end - 1) {
            return null;
        }
        String addr = host.substring(1, scope >= 0 ? scope : end);
        return inetPton6(addr) ? new AddrPort(addr, port) : null;
    }

    /** glibc's atoi of a run of digits, as a port: strtol (saturating at LONG_MAX) cast to int. */
    private static int portAtoi(String digits) {
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                v = Long.MAX_VALUE;
                break;
            }
            v = v * 10 + d;
        }
        return (int) v;
    }

    /**
     * APR's inet_pton6 (network_io/unix/inet_pton.c): up to eight groups of hex digits whose value fits
     * 16 bits, one {@code ::}, an optional dotted IPv4 address last; exactly 16 bytes in the end.
     */
    static boolean inetPton6(String src) {
        int i = 0;
        int n = src.length();
        if (n > 0 && src.charAt(0) == ':') {
            if (n < 2 || src.charAt(1) != ':') {
                return false;
            }
            i = 1;
        }
        int bytes = 0;
        int colon = -1;
        int curtok = i;
        boolean sawDigit = false;
        int val = 0;
        for (; i < n; i++) {
            char c = src.charAt(i);
            int h = Character.digit(c, 16);
            if (h >= 0 && c < 128) {
                val = (val << 4) | h;
                if (val > 0xffff) {
                    return false;
                }
                sawDigit = true;
                continue;
            }
            if (c == ':') {
                curtok = i + 1;
                if (!sawDigit) {
                    if (colon >= 0) {
                        return false;
                    }
                    colon = bytes;
                    continue;
                }
                if (bytes + 2 > 16) {
                    return false;
                }
                bytes += 2;
                sawDigit = false;
                val = 0;
                continue;
            }
            if (c == '.' && bytes + 4 <= 16 && inetPton4(src.substring(curtok))) {
                bytes += 4;
                sawDigit = false;
                i = n;
                break;
            }
            return false;
        }
        if (sawDigit) {
            if (bytes + 2 > 16) {
                return false;
            }
            bytes += 2;
        }
        if (colon >= 0) {
            bytes = 16;
        }
        return bytes == 16;
    }

    /** APR's inet_pton4: four dotted decimal octets of at most 255 each. */
    private static boolean inetPton4(String src) {
        int octets = 0;
        boolean sawDigit = false;
        int cur = 0;
        for (int i = 0; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c >= '0' && c <= '9') {
                cur = cur * 10 + (c - '0');
                if (cur > 255) {
                    return false;
                }
                if (!sawDigit) {
                    if (++octets > 4) {
                        return false;
                    }
                    sawDigit = true;
                }
            } else if (c == '.' && sawDigit) {
                if (octets == 4) {
                    return false;
                }
                cur = 0;
                sawDigit = false;
            } else {
                return false;
            }
        }
        return octets >= 4;
    }

    /** The address and port a Listen binds, for spotting a second Listen on them: "*:80" is "80". */
    public static String listenKey(String a) {
        AddrPort ap = addrPort(a.toLowerCase(Locale.ROOT));
        if (ap == null) {
            return a; // refused on its own
        }
        String host = ap.host() == null || ap.host().equals("*") ? "" : ap.host();
        return host + " " + ap.port();
    }

    private static int leadingInt(String s) {
        int n = 0;
        for (int i = 0; i < s.length() && Character.isDigit(s.charAt(i)) && n < 100000; i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return n;
    }

    /** util.c ap_is_url: a non-empty scheme of letters, digits, + - . before a colon. */
    private static boolean isUrl(String u) {
        int x = 0;
        for (; x < u.length() && u.charAt(x) != ':'; x++) {
            char c = u.charAt(x);
            if (!Character.isLetterOrDigit(c) && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return x < u.length() && x > 0;
    }
}
