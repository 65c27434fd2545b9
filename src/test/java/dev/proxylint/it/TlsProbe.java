package dev.proxylint.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the real {@code openssl s_client} whether a server completes a handshake with exactly one
 * protocol version.
 *
 * <p>OpenSSL 3.0 refuses TLS 1.0 and 1.1 at security level 1 and above (their signatures use SHA-1 /
 * MD5+SHA-1), and level 1 is the library default. To see the SERVER's own protocol setting the
 * client therefore always offers {@code -cipher DEFAULT:@SECLEVEL=0}; whether the server refuses
 * TLS 1.0 then depends only on the server's config (its protocol list and its own cipher string's
 * security level).
 */
public final class TlsProbe {
    /** The s_client switches, in order of age. */
    public static final List<String> PROTOCOLS = List.of("tls1", "tls1_1", "tls1_2", "tls1_3");

    /** The openssl s_client/s_server switch of a version without its dash: TLSv1.1 -> "tls1_1". */
    public static String switchOf(dev.proxylint.tls.TlsVersion v) {
        return switch (v) {
            case TLSv1 -> "tls1";
            case TLSv1_1 -> "tls1_1";
            case TLSv1_2 -> "tls1_2";
            case TLSv1_3 -> "tls1_3";
            default -> v.label();
        };
    }

    private static final Pattern PROTOCOL_LINE = Pattern.compile("^\\s*Protocol\\s*:\\s*(\\S+)", Pattern.MULTILINE);
    private static final Pattern NEW_LINE = Pattern.compile("^New, (\\S+), Cipher is (\\S+)", Pattern.MULTILINE);

    /** negotiated is e.g. "TLSv1.2" or null; output is s_client's whole output for messages. */
    public record Result(String requested, boolean accepted, String negotiated, String cipher, String output) {
    }

    private TlsProbe() {
    }

    public static boolean accepts(String host, int port, String protocol) {
        return probe(host, port, protocol).accepted();
    }

    /** One bounded (15 s) {@code openssl s_client -connect host:port -<protocol>} run. */
    public static Result probe(String host, int port, String protocol) {
        return probe(host, port, protocol, "localhost");
    }

    /** {@link #probe(String, int, String)} with the SNI name {@code serverName}. */
    public static Result probe(String host, int port, String protocol, String serverName) {
        ServerSupport.requireBinary(ServerSupport.OPENSSL);
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("unknown protocol switch " + protocol + ", expected one of " + PROTOCOLS);
        }
        List<String> cmd = new ArrayList<>(List.of(ServerSupport.OPENSSL.toString(), "s_client",
                "-connect", hostPort(host, port), "-" + protocol, "-servername", serverName));
        if (!protocol.equals("tls1_3")) {
            cmd.add("-cipher");
            cmd.add("DEFAULT:@SECLEVEL=0");
        }
        ProcResult r = ServerSupport.run(cmd, null, Duration.ofSeconds(15));
        return parse(protocol, r.output());
    }

    /**
     * One bounded {@code openssl s_client -tls1_3 -ciphersuites SUITE}: whether the server completes a
     * TLS 1.3 handshake when the client offers only that suite.
     */
    public static boolean acceptsTls13Suite(String host, int port, String suite) {
        Result r = run(host, port, "tls1_3", List.of("-ciphersuites", suite));
        return r.accepted() && suite.equals(r.cipher());
    }

    /** {@link #acceptsTls13Suite(String, int, String)} with the SNI name {@code serverName}. */
    public static boolean acceptsTls13Suite(String host, int port, String suite, String serverName) {
        Result r = run(host, port, "tls1_3", serverName, List.of("-ciphersuites", suite));
        return r.accepted() && suite.equals(r.cipher());
    }

    /**
     * One bounded {@code openssl s_client -tls1_2 -cipher CIPHER:@SECLEVEL=0}: whether the server
     * completes a TLS 1.2 handshake when the client offers only that suite (OpenSSL name).
     */
    public static boolean acceptsTls12Cipher(String host, int port, String cipher) {
        Result r = run(host, port, "tls1_2", List.of("-cipher", cipher + ":@SECLEVEL=0"));
        return r.accepted() && cipher.equals(r.cipher());
    }

    /** {@link #acceptsTls12Cipher} with the SNI name {@code serverName}. */
    public static boolean acceptsTls12Cipher(String host, int port, String cipher, String serverName) {
        Result r = run(host, port, "tls1_2", serverName, List.of("-cipher", cipher + ":@SECLEVEL=0"));
        return r.accepted() && cipher.equals(r.cipher());
    }

    /**
     * One bounded {@code openssl s_client -tls1_2 -cipher LIST:@SECLEVEL=0}, the client offering the
     * suites of {@code cipherList} (OpenSSL names, ':'-separated) in that order.
     */
    public static Result tls12Offering(String host, int port, String cipherList) {
        return run(host, port, "tls1_2", List.of("-cipher", cipherList + ":@SECLEVEL=0"));
    }

    /**
     * s_client with its defaults (TLS 1.2 and 1.3 offered, OpenSSL's default suites): the result,
     * {@code requested} being the version that was negotiated, if any.
     */
    public static Result defaultClient(String host, int port) {
        ServerSupport.requireBinary(ServerSupport.OPENSSL);
        ProcResult r = ServerSupport.run(List.of(ServerSupport.OPENSSL.toString(), "s_client",
                "-connect", host + ":" + port, "-servername", "localhost"), null, Duration.ofSeconds(15));
        Matcher m = NEW_LINE.matcher(r.output());
        boolean ok = m.find() && !m.group(2).equals("(NONE)") && !m.group(2).equals("0000");
        return new Result("default", ok, ok ? m.group(1) : null, ok ? m.group(2) : null, r.output());
    }

    private static Result run(String host, int port, String protocol, List<String> extra) {
        return run(host, port, protocol, "localhost", extra);
    }

    private static Result run(String host, int port, String protocol, String serverName, List<String> extra) {
        ServerSupport.requireBinary(ServerSupport.OPENSSL);
        List<String> cmd = new ArrayList<>(List.of(ServerSupport.OPENSSL.toString(), "s_client",
                "-connect", hostPort(host, port), "-" + protocol, "-servername", serverName));
        cmd.addAll(extra);
        return parse(protocol, ServerSupport.run(cmd, null, Duration.ofSeconds(15)).output());
    }

    /** "127.0.0.1:443", "[::1]:443". */
    static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Parses s_client output; package-visible for unit tests on recorded outputs.
     *
     * <p>Success is read from the {@code New, <x>, Cipher is <cipher>} line: {@code (NONE)} means no
     * handshake. Its {@code <x>} is NOT the negotiated version but the version that introduced the
     * cipher (a TLS 1.1 or 1.2 session with ECDHE-RSA-AES256-SHA prints "New, TLSv1.0"), so the
     * version comes from the session block's {@code Protocol  : TLSv1.1} line; that line is also
     * printed after a FAILED handshake (naming the attempted version), and a TLS 1.3 run may end
     * before printing it, in which case the New line (which then says TLSv1.3) is used.
     */
    static Result parse(String requested, String out) {
        Matcher m = NEW_LINE.matcher(out);
        if (!m.find()) {
            return new Result(requested, false, null, null, out);
        }
        String cipher = m.group(2);
        if (m.group(1).equals("(NONE)") || cipher.equals("(NONE)") || cipher.equals("0000")) {
            return new Result(requested, false, null, null, out);
        }
        Matcher p = PROTOCOL_LINE.matcher(out);
        String negotiated = p.find() ? p.group(1) : m.group(1);
        boolean accepted = versionMatches(requested, negotiated);
        return new Result(requested, accepted, negotiated, cipher, out);
    }

    private static boolean versionMatches(String requested, String negotiated) {
        String want = switch (requested) {
            case "tls1" -> "tlsv1.0";
            case "tls1_1" -> "tlsv1.1";
            case "tls1_2" -> "tlsv1.2";
            default -> "tlsv1.3";
        };
        String got = negotiated.toLowerCase(Locale.ROOT);
        return got.equals(want) || (got.equals("tlsv1") && want.equals("tlsv1.0"));
    }
}
