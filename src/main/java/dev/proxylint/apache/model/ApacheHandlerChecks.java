package dev.proxylint.apache.model;

import dev.proxylint.syntax.Directive;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * More of httpd 2.4's directive handlers, beside {@link ApacheValueChecks}: mod_access_compat
 * (Order, Allow, Deny, Satisfy), mod_rewrite (RewriteOptions, RewriteBase, RewriteMap's int:
 * maps), the server-wide settings of mod_proxy, mod_autoindex (IndexOptions, IndexOrderDefault),
 * mod_ssl's numbers and cipher-suite protocol, and core's ServerName, HttpProtocolOptions,
 * ProtocolsHonorOrder, MaxRanges and friends, LimitXMLRequestBody and Mutex. Each check does what
 * the handler of httpd 2.4.62 does (read from its source; 2.4.71 agrees, as the differential test
 * against Debian's apache2 shows), and only where the handler refuses whatever the file system
 * and the loaded modules are.
 */
final class ApacheHandlerChecks {
    private ApacheHandlerChecks() {
    }

    /** mod_rewrite's four internal maps (rewritemap_init registers them, nothing else does in httpd). */
    private static final Set<String> INTERNAL_MAPS = Set.of("toupper", "tolower", "escape", "unescape");
    private static final Set<String> REWRITE_OPTIONS = Set.of("inherit", "inheritbefore", "inheritdown",
            "inheritdownbefore", "ignoreinherit", "allownoslash", "allowanyuri", "mergebase", "ignorecontextinfo",
            "legacyprefixdocroot", "unsafeprefixstat");
    private static final Set<String> INDEX_OPTIONS = Set.of("fancyindexing", "foldersfirst", "htmltable",
            "iconsarelinks", "ignorecase", "ignoreclient", "scanhtmltitles", "suppresscolumnsorting",
            "suppressdescription", "suppresshtmlpreamble", "suppressicon", "suppresslastmodified", "suppresssize",
            "suppressrules", "trackmodified", "versionsort", "xhtml", "showforbidden", "addaltclass",
            "iconwidth", "iconheight", "useolddateformat");
    /** The mechanisms ap_parse_mutex knows on Linux (APR has fcntl, flock, System V and POSIX semaphores, pthread). */
    private static final Set<String> MUTEX_MECHANISMS = Set.of("none", "no", "default", "yes", "fcntl", "file",
            "flock", "posixsem", "sem", "sysvsem", "pthread");
    /** What httpd 2.4.71 on Debian prints after "Invalid Mutex argument X". */
    private static final String MUTEX_LIST = " (Mutex mechanisms are: 'none', 'default', 'flock:/path/to/file', "
            + "'fcntl:/path/to/file', 'file:/path/to/file', 'pthread', 'sysvsem', 'posixsem', 'sem')";
    /** AP_MAX_LIMIT_XML_BODY on a 64-bit build: APR_SIZE_MAX / 6 - 1. */
    private static final long MAX_XML_BODY = 3_074_457_345_618_258_601L;

    /** httpd's message for a value the handler of this directive refuses, or null. */
    static String check(Directive d, boolean inPath) {
        List<String> v = d.values();
        String one = v.size() == 1 ? v.get(0) : null;
        switch (d.name().toLowerCase(Locale.ROOT)) {
            case "order":
                return one != null && !Set.of("allow,deny", "deny,allow", "mutual-failure")
                        .contains(one.toLowerCase(Locale.ROOT)) ? "unknown order" : null;
            case "allow":
            case "deny":
                return allowDeny(v);
            case "satisfy":
                return one != null && !one.equalsIgnoreCase("all") && !one.equalsIgnoreCase("any")
                        ? "Satisfy either 'any' or 'all'." : null;
            case "rewriteoptions":
                for (String w : v) {
                    String l = w.toLowerCase(Locale.ROOT);
                    if (!REWRITE_OPTIONS.contains(l) && !l.startsWith("maxredirects=")) {
                        return "RewriteOptions: unknown option '" + w + "'";
                    }
                }
                return null;
            case "rewritebase":
                if (one == null) {
                    return null;
                }
                if (!inPath) {
                    return "RewriteBase: only valid in per-directory config files";
                }
                return one.isEmpty() ? "RewriteBase: empty URL not allowed"
                        : one.charAt(0) != '/' ? "RewriteBase: argument is not a valid URL" : null;
            case "rewritemap":
                if (v.size() >= 2 && v.get(1).regionMatches(true, 0, "int:", 0, 4)
                        && !INTERNAL_MAPS.contains(v.get(1).substring(4))) {
                    return "RewriteMap: internal map not found:" + v.get(1).substring(4);
                }
                return null;
            case "servername":
                return one == null ? null : serverName(one);
            case "httpprotocoloptions":
                return httpProtocolOptions(v);
            case "protocolshonororder":
                return one != null && !one.equalsIgnoreCase("on") && !one.equalsIgnoreCase("off")
                        ? "ProtocolsHonorOrder must be 'on' or 'off'" : null;
            case "maxranges":
            case "maxrangeoverlaps":
            case "maxrangereversals": {
                if (one == null || Set.of("none", "default", "unlimited").contains(one.toLowerCase(Locale.ROOT))
                        || ApacheValueChecks.atoi(one) > 0) {
                    return null;
                }
                String n = switch (d.name().toLowerCase(Locale.ROOT)) {
                    case "maxranges" -> "MaxRanges";
                    case "maxrangeoverlaps" -> "MaxRangeOverlaps";
                    default -> "MaxRangeReversals";
                };
                return n + " requires 'none', 'default', 'unlimited' or a positive integer";
            }
            case "limitxmlrequestbody": {
                if (one == null) {
                    return null;
                }
                long n = ApacheValueChecks.atoi(one);
                return n < 0 ? "LimitXMLRequestBody requires a non-negative integer."
                        : n > MAX_XML_BODY ? "LimitXMLRequestBody must not exceed " + MAX_XML_BODY : null;
            }
            case "mutex":
                if (v.isEmpty()) {
                    return null;
                }
                String mech = v.get(0);
                int colon = mech.indexOf(':');
                String m = (colon < 0 ? mech : mech.substring(0, colon)).toLowerCase(Locale.ROOT);
                return MUTEX_MECHANISMS.contains(m) ? null : "Invalid Mutex argument " + mech + MUTEX_LIST;
            case "proxytimeout":
                return one != null && ApacheValueChecks.atoi(one) < 1 ? "Proxy Timeout must be at least 1 second." : null;
            case "proxyreceivebuffersize":
                return one != null && ApacheValueChecks.atoi(one) < 512 && ApacheValueChecks.atoi(one) != 0
                        ? "ProxyReceiveBufferSize must be >= 512 bytes, or 0 for system default." : null;
            case "proxyiobuffersize":
                return one != null && ApacheValueChecks.atoi(one) < 512 && ApacheValueChecks.atoi(one) != 0
                        ? "ProxyIOBufferSize must be >= 512 bytes, or 0 for system default." : null;
            case "proxybadheader":
                return one != null && !Set.of("iserror", "ignore", "startbody").contains(one.toLowerCase(Locale.ROOT))
                        ? "ProxyBadHeader must be one of: IsError | Ignore | StartBody" : null;
            case "proxystatus":
                return one != null && !Set.of("off", "on", "full").contains(one.toLowerCase(Locale.ROOT))
                        ? "ProxyStatus must be one of: off | on | full" : null;
            case "balancergrowth":
                return one != null && (ApacheValueChecks.atoi(one) < 0 || ApacheValueChecks.atoi(one) > 1000)
                        ? "BalancerGrowth must be between 0 and 1000" : null;
            case "proxyerroroverride":
                return proxyErrorOverride(v);
            case "indexorderdefault":
                if (v.size() != 2) {
                    return null;
                }
                if (!v.get(0).equalsIgnoreCase("ascending") && !v.get(0).equalsIgnoreCase("descending")) {
                    return "First keyword must be 'Ascending' or 'Descending'";
                }
                return Set.of("name", "date", "size", "description").contains(v.get(1).toLowerCase(Locale.ROOT)) ? null
                        : "Second keyword must be 'Name', 'Date', 'Size', or 'Description'";
            case "indexoptions":
                return indexOptions(v);
            case "sslverifydepth":
            case "sslproxyverifydepth":
                return one != null && ApacheValueChecks.atoi(one) < 0 ? d.name() + ": Invalid argument '" + one + "'"
                        : null;
            case "sslsessioncachetimeout":
                return one != null && ApacheValueChecks.atoi(one) < 0 ? "SSLSessionCacheTimeout: Invalid argument" : null;
            case "sslciphersuite":
            case "sslproxyciphersuite":
                // two arguments: the first names the protocol the list is for, spelled exactly
                if (v.size() == 2) {
                    if (v.get(0).equals("TLSv1.3")) {
                        return inPath && d.name().equalsIgnoreCase("SSLCipherSuite")
                                ? "TLSv1.3 ciphers cannot be set inside a directory context" : null;
                    }
                    return v.get(0).equals("SSL") ? null : "protocol '" + v.get(0) + "' not supported";
                }
                return null;
            default:
                return null;
        }
    }

    /** mod_access_compat's allow_cmd: "from", then each host, network, env= or all. */
    static String allowDeny(List<String> v) {
        if (v.size() < 2) {
            return null; // the argument count rule's
        }
        if (!v.get(0).equalsIgnoreCase("from")) {
            return "allow and deny must be followed by 'from'";
        }
        for (String where : v.subList(1, v.size())) {
            String l = where.toLowerCase(Locale.ROOT);
            if (l.startsWith("env=") || l.equals("all")) {
                continue;
            }
            int slash = where.indexOf('/');
            String err;
            if (slash >= 0) {
                err = subnet(where.substring(0, slash), where.substring(slash + 1));
                if (err == null) {
                    continue;
                }
                return err.equals(NOT_IP) ? "An IP address was expected" : err;
            }
            err = subnet(where, null);
            if (err == null) {
                continue;
            }
            if (!err.equals(NOT_IP)) {
                return err;
            }
            if (where.indexOf('#') >= 0) {
                return "No comments are allowed here";
            }
        }
        return null;
    }

    private static final String NOT_IP = "";
    private static final String BAD_IP = "The specified IP address is invalid.";
    private static final String BAD_MASK = "The specified network mask is invalid.";

    /**
     * APR's apr_ipsubnet_create: {@link #NOT_IP} for text that does not look like an address (then
     * it is a host name), APR's message for a bad address or mask, or null. Without a mask an IPv4
     * network may be partial ({@code 10.1} or {@code 10.1.}); with one the address is a full one.
     */
    static String subnet(String ip, String mask) {
        if (ip.isEmpty()) {
            return NOT_IP;
        }
        boolean v6 = ip.indexOf(':') >= 0;
        if (!v6) {
            for (int i = 0; i < ip.length(); i++) {
                char c = ip.charAt(i);
                if (c != '.' && (c < '0' || c > '9')) {
                    return NOT_IP;
                }
            }
        }
        if (v6) {
            int[] groups = ipv6(ip);
            if (groups == null || isV4Mapped(groups)) {
                return BAD_IP;
            }
        } else if (!ipv4(ip) && (mask != null || !network(ip))) {
            return BAD_IP;
        }
        if (mask == null) {
            return null;
        }
        int digits = 0;
        while (digits < mask.length() && Character.isDigit(mask.charAt(digits))) {
            digits++;
        }
        if (digits > 0 && digits == mask.length() && digits < 5) {
            int bits = Integer.parseInt(mask);
            if (bits > 0 && bits <= (v6 ? 128 : 32)) {
                return null;
            }
        }
        return !v6 && ipv4(mask) ? null : BAD_MASK;
    }

    /** inet_pton(AF_INET): exactly four decimal parts of 0 to 255. */
    static boolean ipv4(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) {
            return false;
        }
        for (String x : p) {
            if (x.isEmpty() || x.length() > 3 || !x.chars().allMatch(Character::isDigit) || Integer.parseInt(x) > 255) {
                return false;
            }
        }
        return true;
    }

    /** APR's legacy network form: up to four parts of 0 to 255, a dot may end it ({@code 10.1.}). */
    private static boolean network(String s) {
        if (s.length() >= 16) {
            return false;
        }
        int parts = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start || ++parts > 4 || Integer.parseInt(s.substring(start, i)) > 255) {
                return false;
            }
            if (i < s.length()) {
                i++; // the dot (only digits and dots reach here)
            }
        }
        return true;
    }

    /** inet_pton(AF_INET6): eight groups of up to four hex digits, one "::", an IPv4 tail; null when refused. */
    static int[] ipv6(String s) {
        int[] g = new int[8];
        int n = 0;
        int gap = -1;
        int i = 0;
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (s.startsWith(":")) {
            return null;
        }
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0) {
                i++;
            }
            if (i < s.length() && s.charAt(i) == '.') {
                String tail = s.substring(start);
                if (n > 6 || !ipv4(tail)) {
                    return null;
                }
                String[] p = tail.split("\\.");
                g[n++] = Integer.parseInt(p[0]) << 8 | Integer.parseInt(p[1]);
                g[n++] = Integer.parseInt(p[2]) << 8 | Integer.parseInt(p[3]);
                i = s.length();
                break;
            }
            if (i == start || i - start > 4 || n == 8) {
                return null;
            }
            g[n++] = Integer.parseInt(s.substring(start, i), 16);
            if (i == s.length()) {
                break;
            }
            i++; // ':'
            if (i < s.length() && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = n;
                i++;
            } else if (i == s.length()) {
                return null; // a single trailing colon
            }
        }
        if (gap < 0) {
            return n == 8 ? g : null;
        }
        if (n == 8) {
            return null;
        }
        int[] out = new int[8];
        System.arraycopy(g, 0, out, 0, gap);
        System.arraycopy(g, gap, out, 8 - (n - gap), n - gap);
        return out;
    }

    private static boolean isV4Mapped(int[] g) {
        return g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
    }

    /** core's server_hostname_port: no wildcard (apr_fnmatch_test), a port of 1 to 65535. */
    static String serverName(String arg) {
        if (fnmatchTest(arg)) {
            return "Invalid ServerName \"" + arg + "\" use ServerAlias to set multiple server names.";
        }
        int scheme = arg.indexOf("://");
        String part = scheme < 0 ? arg : arg.substring(scheme + 3);
        int colon = part.indexOf(':');
        if (colon >= 0) {
            long port = ApacheValueChecks.atoi(part.substring(colon + 1));
            if (port <= 0 || port >= 65536) {
                return "The port number \"" + arg + "\" is outside the appropriate range (i.e., 1..65535).";
            }
        }
        return null;
    }

    /** apr_fnmatch_test: a ? or *, or a [ with a ] after it; a backslash escapes the next character. */
    static boolean fnmatchTest(String p) {
        boolean open = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '?' || c == '*') {
                return true;
            } else if (c == '\\') {
                if (++i >= p.length()) {
                    return false;
                }
            } else if (c == '[') {
                open = true;
            } else if (c == ']' && open) {
                return true;
            }
        }
        return false;
    }

    /** core's set_http_protocol_options: its six words, no two of a pair in one directive. */
    static String httpProtocolOptions(List<String> v) {
        Set<String> seen = new java.util.HashSet<>();
        for (String w : v) {
            String l = w.toLowerCase(Locale.ROOT);
            if (!Set.of("allow0.9", "require1.0", "strict", "unsafe", "registeredmethods", "lenientmethods").contains(l)) {
                return "HttpProtocolOptions accepts 'Unsafe' or 'Strict' (default), 'RegisteredMethods' or "
                        + "'LenientMethods' (default), and 'Require1.0' or 'Allow0.9' (default)";
            }
            seen.add(l);
            if (seen.contains("allow0.9") && seen.contains("require1.0")) {
                return "HttpProtocolOptions 'Allow0.9' and 'Require1.0' are mutually exclusive";
            }
            if (seen.contains("strict") && seen.contains("unsafe")) {
                return "HttpProtocolOptions 'Strict' and 'Unsafe' are mutually exclusive";
            }
            if (seen.contains("registeredmethods") && seen.contains("lenientmethods")) {
                return "HttpProtocolOptions 'RegisteredMethods' and 'LenientMethods' are mutually exclusive";
            }
        }
        return null;
    }

    /** mod_proxy's set_proxy_error_override: On or Off first, then status codes of 400 to 599 after On. */
    static String proxyErrorOverride(List<String> v) {
        if (v.isEmpty()) {
            return null;
        }
        boolean on = v.get(0).equalsIgnoreCase("on");
        if (!on && !v.get(0).equalsIgnoreCase("off")) {
            return "ProxyErrorOverride first parameter must be one of: off | on";
        }
        for (String w : v.subList(1, v.size())) {
            if (w.equalsIgnoreCase("on") || w.equalsIgnoreCase("off")) {
                on = w.equalsIgnoreCase("on");
                continue;
            }
            if (w.isEmpty() || !Character.isDigit(w.charAt(0))) {
                return "ProxyErrorOverride: status codes to intercept must be numeric";
            }
            if (!on) {
                return "ProxyErrorOverride: status codes must follow a value of 'on'";
            }
            long code = ApacheValueChecks.atoi(w);
            if (code < 400 || code > 599) {
                return "ProxyErrorOverride: status codes to intercept must be valid HTTP Status Codes >=400 && <600";
            }
        }
        return null;
    }

    /** mod_autoindex's add_opts. */
    static String indexOptions(List<String> v) {
        for (String word : v) {
            char action = !word.isEmpty() && (word.charAt(0) == '+' || word.charAt(0) == '-') ? word.charAt(0) : 0;
            String w = action != 0 ? word.substring(1) : word;
            String l = w.toLowerCase(Locale.ROOT);
            if (INDEX_OPTIONS.contains(l) || l.startsWith("type=") || l.startsWith("charset=")) {
                continue;
            }
            if (l.equals("none")) {
                if (action != 0) {
                    return "Cannot combine '+' or '-' with 'None' keyword";
                }
                continue;
            }
            String err = widthOption(l, action, "iconwidth", "IconWidth", 0);
            if (err == null) {
                err = widthOption(l, action, "iconheight", "IconHeight", 0);
            }
            if (err == null) {
                err = widthOption(l, action, "namewidth", "NameWidth", 5);
            }
            if (err == null) {
                err = widthOption(l, action, "descriptionwidth", "DescriptionWidth", 12);
            }
            if (err == null) {
                return "Invalid directory indexing option";
            }
            if (!err.isEmpty()) {
                return err;
            }
        }
        return null;
    }

    /** One of the width options: "" when it is fine, httpd's message, or null when it is not this option. */
    private static String widthOption(String l, char action, String key, String shown, int min) {
        if (l.equals(key)) {
            // IconWidth alone takes the default; NameWidth and DescriptionWidth only as -NameWidth
            return min == 0 || action == '-' ? "" : shown + " with no value may only appear as '-" + shown + "'";
        }
        if (!l.startsWith(key + "=")) {
            return null;
        }
        if (action == '-') {
            return "Cannot combine '-' with " + shown + "=n";
        }
        String val = l.substring(key.length() + 1);
        if (min > 0 && !val.startsWith("*")) {
            long width = ApacheValueChecks.atoi(val);
            if (width != 0 && width < min) {
                return shown + " value must be greater than " + min;
            }
        }
        return "";
    }
}
