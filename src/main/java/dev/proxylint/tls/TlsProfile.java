package dev.proxylint.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A recommended TLS configuration (Mozilla Server Side TLS), loaded from
 * {@code mozilla-profiles.properties}, plus the directive text that implements it on each server.
 */
public record TlsProfile(String name, String guidelineVersion, Set<TlsVersion> protocols, List<String> ciphers,
        List<String> ciphersuites, long hstsMinAge, boolean serverPreferredOrder) {

    private static final Map<String, TlsProfile> PROFILES = load();
    private static String defaultName;

    /** The profile with this name (case-insensitive), e.g. "intermediate". */
    public static Optional<TlsProfile> byName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(PROFILES.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Mozilla intermediate: proxylint's default. */
    public static TlsProfile defaultProfile() {
        return PROFILES.get(defaultName);
    }

    public static List<String> names() {
        return List.copyOf(PROFILES.keySet());
    }

    /** The TLS 1.2 cipher list as one OpenSSL cipher string ("" when the profile has none). */
    public String cipherString() {
        return String.join(":", ciphers);
    }

    public String ciphersuitesString() {
        return String.join(":", ciphersuites);
    }

    /** {@code SSLProtocol -all +TLSv1.2 +TLSv1.3} (use "SSLProxyProtocol" for the proxy side). */
    public String apacheProtocolLine(String directive) {
        StringBuilder b = new StringBuilder(directive).append(" -all");
        for (TlsVersion v : protocols) {
            b.append(" +").append(v.label());
        }
        return b.toString();
    }

    public String apacheProtocolLine() {
        return apacheProtocolLine("SSLProtocol");
    }

    /** {@code ssl_protocols TLSv1.2 TLSv1.3;} */
    public String nginxProtocolLine() {
        StringBuilder b = new StringBuilder("ssl_protocols");
        for (TlsVersion v : protocols) {
            b.append(' ').append(v.label());
        }
        return b.append(';').toString();
    }

    /** Apache cipher lines: SSLCipherSuite for TLS 1.2 (if any) and for TLS 1.3, SSLHonorCipherOrder. */
    public List<String> apacheCipherLines() {
        List<String> out = new ArrayList<>();
        if (!ciphers.isEmpty()) {
            out.add("SSLCipherSuite " + cipherString());
        }
        out.add("SSLCipherSuite TLSv1.3 " + ciphersuitesString());
        out.add("SSLHonorCipherOrder " + (serverPreferredOrder ? "on" : "off"));
        return out;
    }

    /** nginx cipher lines: ssl_ciphers (if any), ssl_conf_command Ciphersuites, ssl_prefer_server_ciphers. */
    public List<String> nginxCipherLines() {
        List<String> out = new ArrayList<>();
        if (!ciphers.isEmpty()) {
            out.add("ssl_ciphers " + cipherString() + ";");
        }
        out.add("ssl_conf_command Ciphersuites " + ciphersuitesString() + ";");
        out.add("ssl_prefer_server_ciphers " + (serverPreferredOrder ? "on" : "off") + ";");
        return out;
    }

    /** {@code Strict-Transport-Security} value meeting the profile's floor. */
    public String hstsValue() {
        return "max-age=" + hstsMinAge;
    }

    private static Map<String, TlsProfile> load() {
        Properties p = new Properties();
        try (InputStream in = TlsProfile.class.getResourceAsStream("mozilla-profiles.properties")) {
            if (in == null) {
                throw new IllegalStateException("missing mozilla-profiles.properties");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, TlsProfile> out = new LinkedHashMap<>();
        for (String n : p.getProperty("profiles").trim().split(" ")) {
            EnumSet<TlsVersion> protos = EnumSet.noneOf(TlsVersion.class);
            for (String v : p.getProperty(n + ".protocols").trim().split(" ")) {
                protos.add(TlsVersion.parse(v).orElseThrow(() -> new IllegalStateException("bad protocol " + v)));
            }
            out.put(n, new TlsProfile(n, p.getProperty(n + ".guideline"), Collections.unmodifiableSet(protos),
                    list(p.getProperty(n + ".ciphers")), list(p.getProperty(n + ".ciphersuites")),
                    Long.parseLong(p.getProperty(n + ".hsts_min_age").trim()),
                    Boolean.parseBoolean(p.getProperty(n + ".server_preferred_order").trim())));
        }
        defaultName = p.getProperty("default").trim();
        return Collections.unmodifiableMap(out);
    }

    private static List<String> list(String v) {
        if (v == null || v.isBlank()) {
            return List.of();
        }
        return List.of(v.trim().split(":"));
    }
}
