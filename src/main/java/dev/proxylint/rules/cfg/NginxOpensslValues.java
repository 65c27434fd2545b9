package dev.proxylint.rules.cfg;

import dev.proxylint.facts.NginxListens;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.rules.RuleContext;
import dev.proxylint.syntax.Directive;
import dev.proxylint.tls.OpensslVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CFG123's OpenSSL values: nginx hands {@code ssl_ecdh_curve} to SSL_CTX_set1_curves_list and each
 * {@code ssl_conf_command} to SSL_CONF_cmd when it sets up a server's TLS context, and refuses to
 * start when OpenSSL refuses them. That happens for a server that has a TLS context: a
 * {@code listen ... ssl}, {@code ssl on}, or a certificate in effect (nginx 1.22 builds the context
 * for a certificate inherited from http too); a server without one never reads them. Facts of
 * OpenSSL 3.0 (Debian 12's 3.0.19, read by running nginx -t on each name, 2026-12-07): the group
 * names, case-sensitive, with their aliases (P-256 is prime256v1 is secp256r1), each group once,
 * no empty element; the SSL_CONF command names (any case), the Options words (any case, with
 * {@code +}/{@code -}, split by commas) and the protocol names of MinProtocol/MaxProtocol (exact).
 * Under {@code --openssl-version 1.1.1} these are not judged.
 */
final class NginxOpensslValues {
    private NginxOpensslValues() {
    }

    /** Group name to the group it names (aliases share one). */
    private static final Map<String, String> GROUPS = groups();

    private static Map<String, String> groups() {
        Map<String, String> g = new java.util.HashMap<>();
        for (String n : List.of("secp160k1", "secp160r1", "secp160r2", "secp192k1", "secp224k1", "secp256k1",
                "sect163k1", "sect163r1", "sect163r2", "sect193r1", "sect193r2", "sect233k1", "sect233r1", "sect239k1",
                "sect283k1", "sect283r1", "sect409k1", "sect409r1", "sect571k1", "sect571r1", "brainpoolP256r1",
                "brainpoolP384r1", "brainpoolP512r1", "ffdhe2048", "ffdhe3072", "ffdhe4096", "ffdhe6144", "ffdhe8192")) {
            g.put(n, n);
        }
        for (String n : List.of("P-256", "prime256v1", "secp256r1")) {
            g.put(n, "P-256");
        }
        for (String[] a : new String[][] {{"P-384", "secp384r1"}, {"P-521", "secp521r1"}, {"P-224", "secp224r1"},
                {"P-192", "prime192v1"}, {"X25519", "x25519"}, {"X448", "x448"}}) {
            g.put(a[0], a[0]);
            g.put(a[1], a[0]);
        }
        return Map.copyOf(g);
    }

    /** SSL_CONF_cmd's command names for a server's configuration file (lower case: compared without case). */
    private static final Set<String> COMMANDS = Set.of("certificate", "privatekey", "serverinfofile", "chaincafile",
            "chaincapath", "chaincastore", "verifycafile", "verifycapath", "verifycastore", "requestcafile",
            "requestcapath", "requestcastore", "clientcafile", "clientcapath", "clientcastore", "cipherstring",
            "ciphersuites", "curves", "groups", "ecdhparameters", "dhparameters", "signaturealgorithms",
            "clientsignaturealgorithms", "protocol", "minprotocol", "maxprotocol", "options", "verifymode",
            "recordpadding", "numtickets");
    private static final Set<String> OPTIONS = Set.of("sessionticket", "emptyfragments", "bugs", "compression",
            "serverpreference", "noresumptiononrenegotiation", "dhsingle", "ecdhsingle", "unsafelegacyrenegotiation",
            "unsafelegacyserverconnect", "clientrenegotiation", "encryptthenmac", "norenegotiation", "allownodhekex",
            "prioritizechacha", "middleboxcompat", "antireplay", "extendedmastersecret", "canames", "ktls");
    private static final Set<String> PROTOCOLS = Set.of("None", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3",
            "DTLSv1", "DTLSv1.2");

    static void check(RuleContext ctx, String id) {
        if (ctx.settings().openssl() != OpensslVersion.V3_0) {
            return;
        }
        NginxModel model = ctx.facts().nginx();
        for (Scope s : model.servers()) {
            if (!NginxListens.http(s) || !hasTlsContext(s)) {
                continue;
            }
            Directive curve = s.effective("ssl_ecdh_curve");
            if (curve != null && curve.argCount() == 1 && ctx.once(id, curve)) {
                String why = groupsError(curve.arg(0));
                if (why != null && !curve.arg(0).equals("auto")) {
                    ctx.report(id, curve.argument(0).span(), "SSL_CTX_set1_curves_list(\"" + curve.arg(0)
                            + "\") failed: nginx refuses to start. " + why);
                }
            }
            for (Directive c : s.effectiveArray("ssl_conf_command")) {
                if (c.argCount() != 2 || !ctx.once(id, c)) {
                    continue;
                }
                String why = command(c.arg(0), c.arg(1));
                if (why != null) {
                    ctx.report(id, c.argument(why.startsWith("OpenSSL knows no command") ? 0 : 1).span(),
                            "SSL_CONF_cmd(\"" + c.arg(0) + "\", \"" + c.arg(1) + "\") failed: nginx refuses to start. "
                                    + why);
                }
            }
        }
    }

    /** Whether nginx 1.22 builds a TLS context for the server (and so applies its OpenSSL settings). */
    private static boolean hasTlsContext(Scope s) {
        for (Directive l : s.own("listen")) {
            if (l.args().stream().skip(1).anyMatch(a -> a.value().equals("ssl"))) {
                return true;
            }
        }
        Directive on = s.effective("ssl");
        return on != null && on.argCount() == 1 && on.arg(0).equals("on") || s.effective("ssl_certificate") != null;
    }

    /** Why OpenSSL 3.0 refuses a groups list, or null. */
    static String groupsError(String list) {
        Set<String> seen = new HashSet<>();
        for (String raw : list.split(":", -1)) {
            String g = raw.strip();
            if (g.isEmpty()) {
                return "The list has an empty element (a colon too many).";
            }
            String group = GROUPS.get(g);
            if (group == null) {
                return "OpenSSL 3.0 knows no group \"" + g + "\" (names are case-sensitive: X25519, X448, "
                        + "prime256v1 or P-256, secp384r1 or P-384, secp521r1 or P-521, ffdhe2048 ...).";
            }
            if (!seen.add(group)) {
                return "The group \"" + g + "\" is named twice (P-256, prime256v1 and secp256r1 are one group).";
            }
        }
        return null;
    }

    /** Why SSL_CONF_cmd refuses a command, or null (file names and cipher lists are not judged here). */
    static String command(String name, String value) {
        String n = name.toLowerCase(Locale.ROOT);
        if (!COMMANDS.contains(n)) {
            return "OpenSSL knows no command \"" + name + "\" (Options, Groups, MinProtocol, Ciphersuites, "
                    + "SignatureAlgorithms ...).";
        }
        switch (n) {
            case "groups", "curves" -> {
                return groupsError(value);
            }
            case "minprotocol", "maxprotocol" -> {
                return PROTOCOLS.contains(value) ? null : "\"" + value + "\" is no protocol OpenSSL knows (None, "
                        + "TLSv1, TLSv1.1, TLSv1.2, TLSv1.3, spelled exactly).";
            }
            case "options" -> {
                for (String raw : value.split(",", -1)) {
                    String o = raw.strip();
                    if (o.startsWith("-") || o.startsWith("+")) {
                        o = o.substring(1);
                    }
                    if (!OPTIONS.contains(o.toLowerCase(Locale.ROOT))) {
                        return o.isEmpty() ? "The option list has an empty element."
                                : "OpenSSL knows no option \"" + o + "\" (options are split by commas: "
                                        + "-SessionTicket,ServerPreference).";
                    }
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }
}
