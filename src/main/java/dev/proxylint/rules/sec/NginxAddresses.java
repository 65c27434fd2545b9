package dev.proxylint.rules.sec;

import java.util.Locale;

/**
 * Host parts of nginx addresses and targets: IP literals told apart from names, and which IPs stay on
 * the host or its private network. Pure string work, no DNS.
 */
final class NginxAddresses {
    private NginxAddresses() {
    }

    /** The four octets of a dotted IPv4 literal, or null. */
    static int[] ipv4(String host) {
        String[] p = host.split("\\.", -1);
        if (p.length != 4) {
            return null;
        }
        int[] o = new int[4];
        for (int i = 0; i < 4; i++) {
            if (p[i].isEmpty() || p[i].length() > 3 || !p[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            o[i] = Integer.parseInt(p[i]);
            if (o[i] > 255) {
                return null;
            }
        }
        return o;
    }

    /** Whether a host (without brackets or port) is an IPv4 or IPv6 literal. */
    static boolean isIp(String host) {
        return ipv4(host) != null || host.contains(":");
    }

    /**
     * Whether an IP literal or name is on this host or a private network: loopback, RFC 1918,
     * link-local (169.254/16, fe80::/10), shared address space (100.64/10), unique local (fc00::/7),
     * {@code localhost}. Public addresses and other names answer false.
     */
    static boolean isLocal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        int[] o = ipv4(h);
        if (o != null) {
            return o[0] == 127 || o[0] == 10 || (o[0] == 172 && o[1] >= 16 && o[1] <= 31)
                    || (o[0] == 192 && o[1] == 168) || (o[0] == 169 && o[1] == 254)
                    || (o[0] == 100 && o[1] >= 64 && o[1] <= 127) || o[0] == 0;
        }
        if (h.contains(":")) {
            if (h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
                return true;
            }
            if (h.startsWith("::ffff:")) {
                return isLocal(h.substring(7));
            }
            return h.startsWith("fc") || h.startsWith("fd") || h.startsWith("fe8") || h.startsWith("fe9")
                    || h.startsWith("fea") || h.startsWith("feb");
        }
        return false;
    }

    /**
     * A host name that DNS can move (SEC123, SEC223): DNS characters only, not an IP literal, not
     * localhost or another local name.
     */
    static boolean movableName(String host) {
        return !host.isEmpty() && host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '.'
                || c == '_') && !isIp(host) && !isLocal(host);
    }

    /**
     * The host of an address or upstream target: scheme, path, brackets and port removed
     * ("http://api.example.com:8080/x" → "api.example.com", "[::1]:53" → "::1"); null for unix sockets.
     */
    static String host(String target) {
        String t = target;
        int scheme = t.indexOf("://");
        if (scheme >= 0) {
            t = t.substring(scheme + 3);
        }
        if (t.startsWith("unix:")) {
            return null;
        }
        int slash = t.indexOf('/');
        if (slash >= 0) {
            t = t.substring(0, slash);
        }
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            return close < 0 ? t.substring(1) : t.substring(1, close);
        }
        int colon = t.lastIndexOf(':');
        if (colon >= 0 && t.indexOf(':') == colon) {
            t = t.substring(0, colon);
        }
        return t;
    }
}
