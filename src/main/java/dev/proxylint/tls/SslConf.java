package dev.proxylint.tls;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What OpenSSL 3.0's SSL_CONF_cmd accepts for a server's configuration commands: nginx's
 * {@code ssl_conf_command} and {@code ssl_ecdh_curve}, mod_ssl's {@code SSLOpenSSLConfCmd}. Both
 * servers hand the value to OpenSSL as it is and refuse to start when OpenSSL refuses it.
 *
 * <p>Facts of OpenSSL 3.0 (Debian 12's 3.0.19), read by running {@code nginx -t} on each name and
 * value (2026-12-07 and 2026-12-08):
 * <ul>
 * <li>command names in any case;</li>
 * <li>groups (Groups, Curves, ssl_ecdh_curve): colon-separated, case-sensitive names with their aliases
 * (P-256 is prime256v1 is secp256r1), each group once, no empty element;</li>
 * <li>MinProtocol/MaxProtocol: one protocol name, spelled exactly;</li>
 * <li>Protocol, Options, VerifyMode: comma-separated words in any case, each with an optional
 * {@code +} or {@code -}, blanks around a word ignored, no empty element (so no trailing comma);</li>
 * <li>SignatureAlgorithms, ClientSignatureAlgorithms: colon-separated; a TLS 1.3 scheme name
 * (case-sensitive, {@code rsa_pss_rsae_sha256}) or SIG+HASH in either order (RSA, RSA-PSS or PSS,
 * DSA, ECDSA; SHA1, SHA224, SHA256, SHA384, SHA512 upper or lower case) where OpenSSL has that
 * pair; each scheme once (ECDSA+SHA256 is ecdsa_secp256r1_sha256, RSA-PSS+SHA256 is
 * rsa_pss_rsae_sha256); an element of 40 characters or more is refused;</li>
 * <li>NumTickets: C's atoi of the value must not be negative ({@code x} is 0; 4294967295 wraps to -1);</li>
 * <li>RecordPadding: atoi from 0 to 16384.</li>
 * </ul>
 * File names, cipher strings (judged by the TLS rules) and DH parameters are not judged here.
 */
public final class SslConf {
    private SslConf() {
    }

    /** Group name to the group it names (aliases share one). */
    private static final Map<String, String> GROUPS = groups();

    private static Map<String, String> groups() {
        Map<String, String> g = new HashMap<>();
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
    /** MinProtocol/MaxProtocol: exact spelling. */
    private static final Set<String> VERSIONS = Set.of("None", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3",
            "DTLSv1", "DTLSv1.2");
    /** Protocol: any case. */
    private static final Set<String> PROTOCOL_WORDS = Set.of("all", "sslv2", "sslv3", "tlsv1", "tlsv1.1", "tlsv1.2",
            "tlsv1.3", "dtlsv1", "dtlsv1.2");
    private static final Set<String> VERIFY_WORDS = Set.of("peer", "request", "require", "once",
            "requestposthandshake", "requireposthandshake");
    /** TLS 1.3 scheme names OpenSSL 3.0 looks up (case-sensitive); the key is the scheme. */
    private static final Set<String> SCHEMES = Set.of("ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384",
            "ecdsa_secp521r1_sha512", "ed25519", "ed448", "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384",
            "rsa_pss_rsae_sha512", "rsa_pss_pss_sha256", "rsa_pss_pss_sha384", "rsa_pss_pss_sha512",
            "rsa_pkcs1_sha256", "rsa_pkcs1_sha384", "rsa_pkcs1_sha512", "rsa_pkcs1_sha224", "rsa_pkcs1_sha1");
    /** The hashes of SIG+HASH, by the names OpenSSL's object table gives them (short and long name). */
    private static final Map<String, String> HASHES = Map.of("SHA1", "sha1", "sha1", "sha1", "SHA224", "sha224",
            "sha224", "sha224", "SHA256", "sha256", "sha256", "sha256", "SHA384", "sha384", "sha384", "sha384",
            "SHA512", "sha512", "sha512", "sha512");
    private static final Map<String, String> SIGS = Map.of("RSA", "rsa", "RSA-PSS", "pss", "PSS", "pss", "DSA", "dsa",
            "ECDSA", "ecdsa");

    /** The scheme a SIG+HASH pair stands for (the first entry of OpenSSL's table with that pair), or null. */
    private static String pair(String sig, String hash) {
        return switch (sig) {
            case "rsa" -> "rsa_pkcs1_" + hash;
            case "pss" -> hash.equals("sha1") || hash.equals("sha224") ? null : "rsa_pss_rsae_" + hash;
            case "dsa" -> "dsa_" + hash;
            case "ecdsa" -> switch (hash) {
                case "sha256" -> "ecdsa_secp256r1_sha256";
                case "sha384" -> "ecdsa_secp384r1_sha384";
                case "sha512" -> "ecdsa_secp521r1_sha512";
                default -> "ecdsa_" + hash;
            };
            default -> null;
        };
    }

    /** Why OpenSSL 3.0 refuses a groups list, or null. */
    public static String groupsError(String list) {
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

    /** Whether OpenSSL knows the command (any case). */
    public static boolean knownCommand(String name) {
        return COMMANDS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Why SSL_CONF_cmd refuses a command, or null (file names and cipher lists are not judged here). */
    public static String command(String name, String value) {
        String n = name.toLowerCase(Locale.ROOT);
        if (!COMMANDS.contains(n)) {
            return "OpenSSL knows no command \"" + name + "\" (Options, Groups, MinProtocol, Ciphersuites, "
                    + "SignatureAlgorithms ...).";
        }
        return switch (n) {
            case "groups", "curves" -> groupsError(value);
            case "minprotocol", "maxprotocol" -> VERSIONS.contains(value) ? null : "\"" + value + "\" is no protocol "
                    + "OpenSSL knows (None, TLSv1, TLSv1.1, TLSv1.2, TLSv1.3, spelled exactly).";
            case "options" -> words(value, OPTIONS, "option", "-SessionTicket,ServerPreference");
            case "protocol" -> words(value, PROTOCOL_WORDS, "protocol", "-ALL,TLSv1.2,TLSv1.3");
            case "verifymode" -> words(value, VERIFY_WORDS, "verify mode", "Peer,Once");
            case "signaturealgorithms", "clientsignaturealgorithms" -> sigalgsError(value);
            case "numtickets" -> atoi(value) < 0 ? "NumTickets reads \"" + value + "\" as " + atoi(value)
                    + ", and a negative number of tickets is refused." : null;
            case "recordpadding" -> {
                int v = atoi(value);
                yield v < 0 || v > 16384 ? "RecordPadding reads \"" + value + "\" as " + v + "; the block size must be "
                        + "0 to 16384." : null;
            }
            default -> null;
        };
    }

    /** A comma-separated list of words of {@code known} (any case, +/- allowed), or why not. */
    private static String words(String value, Set<String> known, String what, String example) {
        for (String raw : value.split(",", -1)) {
            String o = raw.strip();
            if (o.startsWith("-") || o.startsWith("+")) {
                o = o.substring(1);
            }
            if (o.isEmpty()) {
                return "The " + what + " list has an empty element.";
            }
            if (!known.contains(o.toLowerCase(Locale.ROOT))) {
                return "OpenSSL knows no " + what + " \"" + o + "\" (the words are split by commas: " + example + ").";
            }
        }
        return null;
    }

    /** Why OpenSSL 3.0 refuses a signature algorithm list, or null. */
    public static String sigalgsError(String list) {
        Set<String> seen = new HashSet<>();
        for (String raw : list.split(":", -1)) {
            String e = raw.strip();
            if (e.isEmpty()) {
                return "The list has an empty element.";
            }
            if (e.length() > 39) {
                return "\"" + e + "\" is longer than the 39 characters OpenSSL reads.";
            }
            String scheme;
            int plus = e.indexOf('+');
            if (plus < 0) {
                scheme = SCHEMES.contains(e) ? e : null;
            } else {
                String sig = null;
                String hash = null;
                for (String part : new String[] {e.substring(0, plus), e.substring(plus + 1)}) {
                    if (SIGS.containsKey(part)) {
                        sig = SIGS.get(part);
                    } else {
                        hash = HASHES.get(part);
                    }
                }
                scheme = sig == null || hash == null || plus == e.length() - 1 ? null : pair(sig, hash);
            }
            if (scheme == null) {
                return "OpenSSL 3.0 knows no signature algorithm \"" + e + "\" (a scheme such as rsa_pss_rsae_sha256 "
                        + "or ed25519, case-sensitive, or SIG+HASH: RSA+SHA256, RSA-PSS+SHA256, ECDSA+SHA384).";
            }
            if (!seen.add(scheme)) {
                return "\"" + e + "\" names a signature algorithm a second time (" + scheme + ").";
            }
        }
        return null;
    }

    /**
     * C's atoi as glibc computes it: blanks skipped, a sign, the digits up to the first other
     * character (none: 0), strtol's saturation at the limits of a 64-bit long, then the cast to int.
     */
    public static int atoi(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) >= '\t' && s.charAt(i) <= '\r')) {
            i++;
        }
        boolean neg = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        boolean saturated = false;
        for (; i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            int d = s.charAt(i) - '0';
            if (!saturated && v > (Long.MAX_VALUE - d) / 10) {
                saturated = true;
            }
            if (!saturated) {
                v = v * 10 + d;
            }
        }
        if (saturated) {
            return (int) (neg ? Long.MIN_VALUE : Long.MAX_VALUE);
        }
        return (int) (neg ? -v : v);
    }
}
