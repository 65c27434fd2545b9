package dev.proxylint.apache.model;

import dev.proxylint.syntax.Directive;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The authorization ("authz") and authentication ("authn") providers that httpd's modules register
 * and that {@code Require} and {@code Auth*Provider} look up by name, case-sensitively, while httpd
 * reads the configuration ({@code Unknown Authz provider: All}). Facts from the
 * ap_register_auth_provider calls of httpd 2.4.62's modules and, for the third-party modules Debian
 * packages, from loading each into Debian's apache2 2.4.71 (2026-12-07).
 */
final class ApacheAuthProviders {
    private ApacheAuthProviders() {
    }

    /** Module identifier to the authz providers it registers. */
    static final Map<String, Set<String>> AUTHZ = Map.ofEntries(
            Map.entry("authz_core_module", Set.of("all", "env", "method", "expr")),
            Map.entry("authz_host_module", Set.of("ip", "host", "forward-dns", "local")),
            Map.entry("authz_user_module", Set.of("user", "valid-user")),
            Map.entry("authz_groupfile_module", Set.of("group", "file-group")),
            Map.entry("authz_owner_module", Set.of("file-owner")),
            Map.entry("authz_dbm_module", Set.of("dbm-group", "dbm-file-group")),
            Map.entry("authz_dbd_module", Set.of("dbd-group", "dbd-login", "dbd-logout")),
            Map.entry("authnz_ldap_module", Set.of("ldap-user", "ldap-group", "ldap-dn", "ldap-attribute",
                    "ldap-filter")),
            Map.entry("ssl_module", Set.of("ssl", "ssl-verify-client")),
            // Debian's third-party module packages
            Map.entry("auth_openidc_module", Set.of("claim")),
            Map.entry("authnz_pam_module", Set.of("pam-account")),
            Map.entry("authnz_external_module", Set.of("external-group", "external-file-group")));

    /** Module identifier to the authn providers it registers. */
    static final Map<String, Set<String>> AUTHN = Map.ofEntries(
            Map.entry("authn_file_module", Set.of("file")),
            Map.entry("authn_dbm_module", Set.of("dbm")),
            Map.entry("authn_dbd_module", Set.of("dbd")),
            Map.entry("authn_anon_module", Set.of("anon")),
            Map.entry("authn_socache_module", Set.of("socache")),
            Map.entry("authnz_ldap_module", Set.of("ldap")),
            Map.entry("authnz_pam_module", Set.of("PAM")),
            Map.entry("authnz_external_module", Set.of("external")));

    /** The authn providers that can serve Digest authentication (they give a realm hash). */
    static final Set<String> DIGEST = Set.of("file", "dbm", "dbd", "socache");

    /**
     * Provider names of widely used modules that neither httpd nor Debian ships (Shibboleth,
     * mod_authz_unixgroup, mod_auth_cas, mod_authnz_jwt, newer mod_auth_openidc builds): a snippet
     * may be read by a server that loads them, so a snippet that names one is not judged.
     */
    static final Set<String> ELSEWHERE = Set.of("shibboleth", "shib-session", "shib-user", "shib-attr",
            "shib-plugin", "authnContextClassRef", "authnContextDeclRef", "unix-group", "unix-file-group",
            "cas-attribute", "claims_expr", "jwt-claim", "jwt-claim-array");

    /** httpd's built-in method names (lookup_builtin_method), compared case-sensitively. */
    static final Set<String> METHODS = Set.of("GET", "HEAD", "PUT", "POST", "DELETE", "CONNECT", "OPTIONS",
            "TRACE", "PATCH", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "VERSION-CONTROL",
            "CHECKOUT", "UNCHECKOUT", "CHECKIN", "UPDATE", "LABEL", "REPORT", "MKWORKSPACE", "MKACTIVITY",
            "BASELINE-CONTROL", "MERGE");

    /**
     * Names that the config registers itself ({@code <AuthzProviderAlias ldap-group admins>},
     * {@code AuthnzFcgiDefineProvider authz name ...}, mod_lua's and mod_perl's own provider
     * directives): every word of a directive or section whose name ends in "Provider" or
     * "ProviderAlias", except the Auth*Provider lists that only look names up. Both kinds at once:
     * being generous here only means fewer findings.
     */
    static void collectDefined(Directive d, Set<String> into) {
        String l = d.name().toLowerCase(Locale.ROOT);
        if ((l.endsWith("provider") || l.endsWith("provideralias")) && !l.equals("authbasicprovider")
                && !l.equals("authdigestprovider") && !l.equals("authformprovider")) {
            into.addAll(d.values());
        }
    }

    /** The providers of a kind that these modules register. */
    static Set<String> of(Map<String, Set<String>> table, Iterable<String> modules) {
        Set<String> out = new HashSet<>();
        for (String m : modules) {
            Set<String> p = table.get(m);
            if (p != null) {
                out.addAll(p);
            }
        }
        return out;
    }

    /** Every provider of a kind any known module registers. */
    static Set<String> all(Map<String, Set<String>> table) {
        return of(table, table.keySet());
    }

    /**
     * The error httpd's add_authz_provider and the provider's own parser give a Require line, or
     * null. {@code known} is null when the providers cannot be known (a module proxylint does not
     * know is loaded); {@code op} is the enclosing authz section as httpd prints it, or null inside
     * a section that ands its members ({@code <RequireAll>}). {@code registered} holds the methods
     * that the config registered before this line (ap_method_register).
     */
    static String require(List<String> words, Set<String> known, String orSection, Set<String> registered) {
        if (words.isEmpty()) {
            return null;
        }
        int i = 0;
        boolean negate = false;
        if (words.get(0).equalsIgnoreCase("not")) {
            negate = true;
            i = 1;
        }
        String name = i < words.size() ? words.get(i) : "";
        List<String> rest = words.subList(Math.min(i + 1, words.size()), words.size());
        if (known != null && !known.contains(name)) {
            return "Unknown Authz provider: " + name;
        }
        String err = switch (name) {
            case "all" -> rest.size() == 1 && (rest.get(0).equalsIgnoreCase("granted")
                    || rest.get(0).equalsIgnoreCase("denied")) ? null
                            : "Argument for 'Require all' must be 'granted' or 'denied'";
            case "ip" -> requireIp(rest);
            case "method" -> {
                for (String m : rest) {
                    if (!METHODS.contains(m) && !registered.contains(m)) {
                        yield "Invalid Method '" + m + "'";
                    }
                }
                yield null;
            }
            default -> null;
        };
        if (err != null) {
            return err;
        }
        return negate && orSection != null ? "negative Require directive has no effect in " + orSection + " directive"
                : null;
    }

    /** mod_authz_host's ip_parse_config: at least one address or network, each as APR parses it. */
    private static String requireIp(List<String> rest) {
        if (rest.isEmpty()) {
            return "'require ip' requires an argument";
        }
        for (String w : rest) {
            int slash = w.indexOf('/');
            String err = slash < 0 ? ApacheHandlerChecks.subnet(w, null)
                    : ApacheHandlerChecks.subnet(w.substring(0, slash), w.substring(slash + 1));
            if (err != null) {
                return "ip address '" + w + "' appears to be invalid" + (err.isEmpty() ? "" : ": " + err);
            }
        }
        return null;
    }

    /** The error of AuthBasicProvider, AuthFormProvider or AuthDigestProvider, or null. */
    static String authn(String directive, List<String> names, Set<String> known) {
        boolean digest = directive.equalsIgnoreCase("AuthDigestProvider");
        for (String n : names) {
            if (known != null && !known.contains(n)) {
                return "Unknown Authn provider: " + n;
            }
            if (digest && AUTHN.values().stream().anyMatch(p -> p.contains(n)) && !DIGEST.contains(n)) {
                return "The '" + n + "' Authn provider doesn't support Digest Authentication";
            }
        }
        return null;
    }
}
