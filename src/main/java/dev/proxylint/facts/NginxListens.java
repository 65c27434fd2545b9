package dev.proxylint.facts;

import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.syntax.Directive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The addresses nginx servers listen on and the default server of each address. nginx picks the
 * server of a connection in two steps: first the address and port the connection arrived on, then
 * the name among the servers listening there; the default server of an address is the one whose
 * {@code listen} carries {@code default_server} (or the old {@code default}), else the first server
 * in configuration order that listens there. Addresses are compared as nginx groups them: a port
 * alone, {@code *:port} and {@code 0.0.0.0:port} are the same wildcard address, which is a different
 * address from any specific one ({@code 127.0.0.1:443}: a connection to 127.0.0.1 goes to the servers
 * listening on 127.0.0.1:443, not to the wildcard ones); IPv6 addresses are separate from IPv4 ones.
 * Host names are compared by name, not resolved; a server without {@code listen} listens on *:80.
 */
public final class NginxListens {

    private NginxListens() {
    }

    /**
     * One address a server listens on.
     *
     * @param address       the normalised address ("*:443", "127.0.0.1:443", "[::]:443", "unix:/path")
     * @param directive     the listen directive; null for the implicit *:80 of a server without one
     * @param defaultServer whether it carries default_server (or default)
     */
    public record Listen(String address, Directive directive, boolean defaultServer) {
    }

    /**
     * The default server of an address.
     *
     * @param server   the server
     * @param listen   its listen directive for the address (null: implicit *:80)
     * @param explicit whether the listen says default_server; false when it is the first server there
     */
    public record Default(Scope server, Directive listen, boolean explicit) {
    }

    /** The addresses of one server, in the order of its listen directives (one per address). */
    public static List<Listen> of(Scope server) {
        List<Listen> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Directive l : server.own("listen")) {
            if (l.argCount() == 0) {
                continue;
            }
            String a = address(l.arg(0));
            if (seen.contains(a)) {
                continue;
            }
            seen.add(a);
            boolean def = false;
            for (int i = 1; i < l.argCount(); i++) {
                if (l.arg(i).equals("default_server") || l.arg(i).equals("default")) {
                    def = true;
                }
            }
            out.add(new Listen(a, l, def));
        }
        if (out.isEmpty()) {
            out.add(new Listen("*:80", null, false));
        }
        return out;
    }

    /** The default server of every address of the model's http servers, in order of first appearance. */
    public static Map<String, Default> defaults(NginxModel model) {
        Map<String, Default> first = new LinkedHashMap<>();
        Map<String, Default> flagged = new LinkedHashMap<>();
        for (Scope s : model.servers()) {
            if (!http(s)) {
                continue; // stream and mail servers have their own sockets
            }
            for (Listen l : of(s)) {
                if (!first.containsKey(l.address())) {
                    first.put(l.address(), new Default(s, l.directive(), false));
                }
                if (l.defaultServer()) {
                    flagged.putIfAbsent(l.address(), new Default(s, l.directive(), true));
                }
            }
        }
        Map<String, Default> out = new LinkedHashMap<>(first);
        out.putAll(flagged);
        return out;
    }

    /** Whether a server of {@link NginxModel#servers()} is an http one (or a fragment's), not stream or mail. */
    public static boolean http(Scope server) {
        Scope p = server.parent();
        return p == null || p.kind() == Scope.Kind.HTTP || p.kind() == Scope.Kind.MAIN;
    }

    /**
     * The address nginx groups a listen argument under: "443" and "*:443" and "0.0.0.0:443" are
     * "*:443"; an address without a port gets port 80; IPv6 literals keep their brackets
     * ("[::]:443"); unix sockets stay as they are. Host names and IPv6 literals are lower-cased.
     */
    public static String address(String arg) {
        // a fleet repeats a few listen arguments ("443", "[::]:443 ssl") in every server, and several
        // facts and rules ask for the addresses of every server: normalise each distinct one once
        return ADDRESSES.get(arg, NginxListens::normalise);
    }

    private static final dev.proxylint.source.BoundedMemo<String> ADDRESSES = new dev.proxylint.source.BoundedMemo<>(4096);

    private static String normalise(String arg) {
        String a = arg.toLowerCase(Locale.ROOT);
        if (a.startsWith("unix:")) {
            return arg;
        }
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            if (close < 0) {
                return a;
            }
            String host = a.substring(0, close + 1);
            String rest = a.substring(close + 1);
            return host + (rest.startsWith(":") ? rest : ":80");
        }
        if (allDigits(a)) {
            return "*:" + a;
        }
        int colon = a.lastIndexOf(':');
        String host = colon < 0 ? a : a.substring(0, colon);
        String port = colon < 0 ? "80" : a.substring(colon + 1);
        if (host.equals("*") || host.equals("0.0.0.0")) {
            host = "*";
        }
        return host + ":" + port;
    }

    private static boolean allDigits(String a) {
        for (int i = 0; i < a.length(); i++) {
            if (!Character.isDigit(a.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
