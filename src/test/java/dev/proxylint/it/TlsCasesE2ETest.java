package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.apache.model.ApacheModel;
import dev.proxylint.cases.CaseFile;
import dev.proxylint.engine.Frontends;
import dev.proxylint.engine.LintResult;
import dev.proxylint.facts.Tls13Setting;
import dev.proxylint.facts.TlsEndpoint;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.RuleSettings;
import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.Frontend;
import dev.proxylint.syntax.ResolveOptions;
import dev.proxylint.tls.CipherDirectives;
import dev.proxylint.syntax.Resolved;
import dev.proxylint.tls.CipherSuite;
import dev.proxylint.tls.CipherTable;
import dev.proxylint.tls.OpensslVersion;
import dev.proxylint.tls.TlsVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS 1.3 cases of {@code testdata/nginx/tls} and {@code testdata/apache/tls} ({@code tls13-*},
 * and their {@code .fixed.conf}) run on the real servers, each on its own 127.0.0.1 ports. For every
 * TLS endpoint the TLS 1.3 suites proxylint computes ({@link Tls13Setting#negotiable()}) must be
 * exactly the suites {@code openssl s_client -tls1_3 -ciphersuites S} completes a handshake with,
 * and what TLS113/TLS114 messages claim must happen: the server refuses the config (nginx at
 * {@code nginx -t}; Apache passes {@code apache2 -t} and fails at start with the AH code the message
 * names), every handshake fails, a default client fails, or a TLS 1.2 suite named in the TLS 1.3
 * list is negotiated although the cipher string leaves it out. Fixed configs must start and offer
 * exactly the profile's suites. For the {@code tls13-tls12-*} cases (and their fixes) the TLS 1.2 list
 * is checked as well: the suites a server accepts for TLS 1.2, one at a time, are exactly the ones
 * of proxylint's list ({@link TlsEndpoint#ciphers()}, TLS 1.3 list's TLS 1.2 names included) that an
 * RSA certificate can serve, in the same order (the test turns the server's cipher order on and lets
 * it choose from what is left), and the suites TLS103/TLS104 say came from a TLS 1.3 list are
 * negotiated. The configs are linted for the installed servers (nginx 1.22.1).
 */
class TlsCasesE2ETest {
    static final Path TESTDATA = Path.of("testdata");
    static final String NGINX_VERSION = "1.22.1";
    /** The OpenSSL the Debian servers of this machine are built with. */
    static final OpensslVersion SERVERS_OPENSSL = OpensslVersion.V3_0;
    static final CipherTable TABLE = CipherTable.of(SERVERS_OPENSSL);
    private static final Pattern NGINX_LISTEN = Pattern.compile("listen 443 ssl;");
    private static final Pattern APACHE_VHOST = Pattern.compile("<VirtualHost \\*:443>");
    private static final Pattern AH = Pattern.compile("AH\\d{5}");

    @TempDir
    static Path tmp;
    private static Tls.CertKey cert;
    /** case -> what was observed, for the summary line. */
    private static final Map<String, String> observed = new ConcurrentHashMap<>();

    @BeforeAll
    static void cert() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("cert"));
        ServerSupport.openUp(tmp);
        ServerSupport.openUp(d);
        cert = Tls.selfSigned(d);
    }

    static List<Path> cases() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dialect : List.of("nginx", "apache")) {
            try (Stream<Path> s = Files.list(TESTDATA.resolve(dialect).resolve("tls"))) {
                s.filter(p -> p.getFileName().toString().startsWith("tls13-")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> tls13CasesOnRealServers() throws IOException {
        List<Path> all = cases();
        assertTrue(all.size() >= 20, "expected the tls13-* cases, found " + all);
        return all.stream().map(p -> DynamicTest.dynamicTest(TESTDATA.relativize(p).toString(), () -> run(p)));
    }

    /**
     * What TLS114's doc says about name-based servers sharing an address: nginx keeps the default
     * server's TLS 1.3 list for every name (SNI switches the certificate only); Apache applies each
     * virtual host's list. proxylint judges each server's own list, which on nginx is not what a
     * non-default server offers.
     */
    @Test
    void sniSwitchesTls13SuitesOnApacheButNotOnNginx() throws IOException {
        String ccm = "TLS_AES_128_CCM_SHA256";
        String gcm = "TLS_AES_256_GCM_SHA384";
        String common = " ssl_certificate @CERT@; ssl_certificate_key @KEY@; ssl_protocols TLSv1.2 TLSv1.3;";
        NginxProcess n = NginxProcess.create(Files.createDirectories(tmp.resolve("nginx")))
                .var("CERT", cert.cert().toString()).var("KEY", cert.key().toString());
        n.http("server { listen 127.0.0.1:@PORT@ ssl; server_name localhost;" + common + " }\n"
                + "server { listen 127.0.0.1:@PORT@ ssl; server_name other;" + common
                + " ssl_conf_command Ciphersuites " + ccm + "; }\n");
        ApacheProcess a = ApacheProcess.create(Files.createDirectories(tmp.resolve("apache"))).modules("ssl", "socache_shmcb")
                .var("CERT", cert.cert().toString()).var("KEY", cert.key().toString());
        String vhost = "<VirtualHost 127.0.0.1:@PORT@>\n SSLEngine on\n SSLCertificateFile @CERT@\n"
                + " SSLCertificateKeyFile @KEY@\n";
        a.body("SSLProtocol -all +TLSv1.2 +TLSv1.3\n" + vhost + " ServerName localhost\n</VirtualHost>\n" + vhost
                + " ServerName other\n SSLCipherSuite TLSv1.3 " + ccm + "\n</VirtualHost>\n");
        try {
            n.start();
            a.start();
            assertEquals(List.of(false, true), List.of(sni(n.port(), "other", ccm), sni(n.port(), "other", gcm)),
                    "nginx, server_name other: CCM, GCM");
            assertEquals(List.of(true, false), List.of(sni(a.port(), "other", ccm), sni(a.port(), "other", gcm)),
                    "Apache, ServerName other: CCM, GCM");
            assertEquals(List.of(false, true), List.of(sni(a.port(), "localhost", ccm), sni(a.port(), "localhost", gcm)),
                    "Apache, ServerName localhost: CCM, GCM");
        } finally {
            n.stop();
            a.stop();
        }
    }

    private static boolean sni(int port, String name, String suite) {
        ProcResult r = ServerSupport.run(List.of(ServerSupport.OPENSSL.toString(), "s_client", "-connect",
                "127.0.0.1:" + port, "-tls1_3", "-ciphersuites", suite, "-servername", name), null,
                java.time.Duration.ofSeconds(15));
        TlsProbe.Result p = TlsProbe.parse("tls1_3", r.output());
        return p.accepted() && suite.equals(p.cipher());
    }

    /** One TLS endpoint of the running config, with its port. */
    record Endpoint(int port, TlsEndpoint endpoint, Tls13Setting tls13) {
    }

    static void run(Path casePath) throws Exception {
        boolean nginx = casePath.getParent().getParent().getFileName().toString().equals("nginx");
        String text = Files.readString(casePath);
        String name = casePath.getFileName().toString();
        ServerProcess<?> server;
        int count;
        if (nginx) {
            String body = NginxCaseConfig.httpBody(text);
            count = 0;
            Matcher m = NGINX_LISTEN.matcher(body);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, "listen 127.0.0.1:@PORT_S" + count++ + "@ ssl;");
            }
            m.appendTail(sb);
            if (tls12List(name)) {
                // server order, so that the TLS 1.2 order can be read off (checkTls12List)
                sb = new StringBuilder(sb.toString().replace(" ssl;", " ssl; ssl_prefer_server_ciphers on;"));
            }
            body = sb.toString().replaceAll("ssl_certificate [^;]*;", "ssl_certificate @CERT@;")
                    .replaceAll("ssl_certificate_key [^;]*;", "ssl_certificate_key @KEY@;");
            NginxProcess n = NginxProcess.create(Files.createDirectories(tmp.resolve("nginx")))
                    .http("server { listen 127.0.0.1:@PORT@; return 200; }\n" + body);
            server = n;
        } else {
            String body = text.replaceAll("(?m)^Listen 443\\s*$", "")
                    .replaceAll("SSLCertificateFile \\S+", "SSLCertificateFile @CERT@")
                    .replaceAll("SSLCertificateKeyFile \\S+", "SSLCertificateKeyFile @KEY@");
            count = 0;
            Matcher m = APACHE_VHOST.matcher(body);
            StringBuilder sb = new StringBuilder();
            StringBuilder listen = new StringBuilder();
            while (m.find()) {
                listen.append("Listen 127.0.0.1:@PORT_S").append(count).append("@\n");
                m.appendReplacement(sb, "<VirtualHost 127.0.0.1:@PORT_S" + count++ + "@>"
                        + (tls12List(name) ? "\n    SSLHonorCipherOrder on" : ""));
            }
            m.appendTail(sb);
            ApacheProcess a = ApacheProcess.create(Files.createDirectories(tmp.resolve("apache")))
                    .modules("ssl", "socache_shmcb")
                    .body("LogLevel warn ssl:info\n" + listen + "SSLSessionCache shmcb:@DIR@/tmp/ssl_scache(512000)\n" + sb);
            server = a;
        }
        assertTrue(count > 0, "no TLS server in " + casePath);
        server.var("CERT", cert.cert().toString()).var("KEY", cert.key().toString());
        for (int i = 0; i < count; i++) {
            server.port("S" + i);
        }
        Path config = server.writeConfig();
        Dialect d = nginx ? Dialect.NGINX : Dialect.APACHE;
        CaseFile c = CaseFile.read(casePath);
        Map<String, String> options = new java.util.LinkedHashMap<>(c.options());
        options.remove("openssl-version"); // the servers here are built with OpenSSL 3.0, whatever the case models
        if (nginx) {
            options.put("nginx-version", NGINX_VERSION);
        }
        LintResult lr = new CaseFile(config, d, "TLS", Set.of(), options).lint();
        List<Endpoint> eps = endpoints(d, config, options);
        assertEquals(count, eps.size(), "TLS endpoints proxylint sees in " + config);
        List<Finding> tls113 = lr.findings().stream().filter(f -> f.ruleId().equals("TLS113")).toList();
        List<Finding> tls114 = lr.findings().stream().filter(f -> f.ruleId().equals("TLS114")).toList();
        List<Finding> tls10x = lr.findings().stream().filter(f -> f.ruleId().matches("TLS10[34]")).toList();
        if (name.endsWith(".fixed.conf")) {
            assertTrue(tls113.isEmpty() && tls114.isEmpty(), "fixed config still reported: " + lr.findings());
        }
        try {
            if (!tls113.isEmpty()) {
                refused(server, nginx, tls113, name);
                return;
            }
            ProcResult t = server.configTest();
            assertTrue(t.ok(), "config test of " + name + " failed although proxylint reports no TLS113:\n" + t.output());
            server.start();
            List<String> seen = new ArrayList<>();
            for (Endpoint e : eps) {
                seen.add(check(server, e, tls114, tls10x, name));
            }
            observed.put(name, String.join("; ", seen));
        } finally {
            server.stop();
            System.out.println("[e2e] tls13 " + name + ": " + observed.get(name));
        }
    }

    /** TLS113: nginx -t fails naming SSL_CONF_cmd; Apache says Syntax OK and dies at start with the AH code named. */
    static void refused(ServerProcess<?> server, boolean nginx, List<Finding> tls113, String name) {
        ProcResult t = server.configTest();
        if (nginx) {
            assertFalse(t.ok(), "nginx -t accepted " + name + " although proxylint reports TLS113");
            assertTrue(t.output().contains("SSL_CONF_cmd(\"Ciphersuites\""), t.output());
            observed.put(name, "nginx -t failed: " + t.output().lines().filter(l -> l.contains("emerg")).findFirst().orElse(""));
            return;
        }
        assertTrue(t.ok() && t.output().contains("Syntax OK"), "apache2 -t: " + t.output());
        int code;
        try {
            code = server.startExpectingExit(15);
        } catch (IllegalStateException e) {
            throw new AssertionError("Apache kept running although proxylint reports TLS113 for " + name, e);
        }
        assertTrue(code != 0, "Apache exited with 0 although proxylint reports TLS113 for " + name);
        String log = server.errorLogText();
        for (Finding f : tls113) {
            Matcher m = AH.matcher(f.message());
            assertTrue(m.find(), "TLS113 message names no AH code: " + f.message());
            assertTrue(log.contains(m.group()), "error log lacks " + m.group() + ":\n" + log + "\nexit " + code);
        }
        observed.put(name, "apache2 -t Syntax OK, start failed: " + log.lines().filter(l -> AH.matcher(l).find()
                && l.contains("emerg")).map(l -> l.replaceAll("^.*\\] ", "")).findFirst().orElse(""));
    }

    /** Cases whose TLS 1.2 list is checked too (checkTls12List). */
    static boolean tls12List(String name) {
        return name.startsWith("tls13-tls12-");
    }

    /**
     * The TLS 1.3 suites accepted match proxylint's; the TLS114 message's claims hold; for the
     * tls13-tls12-* cases the TLS 1.2 list and TLS103/TLS104's claims about it hold.
     */
    static String check(ServerProcess<?> server, Endpoint e, List<Finding> tls114, List<Finding> tls10x, String name) {
        String host = "127.0.0.1";
        List<CipherSuite> all = TABLE.tls13Suites();
        Set<String> accepted = all.parallelStream().filter(s -> TlsProbe.acceptsTls13Suite(host, e.port(), s.name()))
                .map(CipherSuite::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> computed = e.tls13().negotiable().stream().map(CipherSuite::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(computed, accepted, "TLS 1.3 suites of " + e.endpoint().label() + " in " + name);
        Tls13Setting.Applied a = e.tls13().effective();
        Finding f = a == null ? null : tls114.stream().filter(x -> x.span().start() == a.directive().start())
                .findFirst().orElse(null);
        boolean tls12 = e.endpoint().protocols().allows(TlsVersion.TLSv1_2);
        String what = "tls1_3 " + (accepted.isEmpty() ? "none" : String.join(",", accepted));
        if (e.tls13().tls13Enabled() && computed.isEmpty()) {
            // claim: every handshake fails, TLS 1.2 too, and OpenSSL says why
            assertNotNull(f, "no TLS114 for an endpoint without TLS 1.3 suites in " + name);
            assertTrue(f.message().contains("refuses every handshake"), f.message());
            if (tls12) {
                assertFalse(TlsProbe.probe(host, e.port(), "tls1_2").accepted(), "TLS 1.2 handshake succeeded in " + name);
            }
            assertFalse(TlsProbe.defaultClient(host, e.port()).accepted());
            assertTrue(server.errorLogText().contains("No ciphers enabled for max supported SSL/TLS version"),
                    server.errorLogText());
            return what + ", tls1_2 refused too (No ciphers enabled for max supported SSL/TLS version)";
        }
        if (tls12) {
            assertTrue(TlsProbe.probe(host, e.port(), "tls1_2").accepted(), "TLS 1.2 refused in " + name);
        }
        if (e.tls13().tls13Enabled() && computed.stream().noneMatch(n -> TABLE.byIanaName(n).orElseThrow().tls13Default())) {
            // claim: a client offering the default suites fails, with no fallback to TLS 1.2
            assertNotNull(f, "no TLS114 in " + name);
            assertTrue(f.message().contains("no shared cipher"), f.message());
            TlsProbe.Result r = TlsProbe.defaultClient(host, e.port());
            assertFalse(r.accepted(), "a default client connected to " + name + ":\n" + r.output());
            what += ", default client refused";
        } else if (e.tls13().tls13Enabled()) {
            assertTrue(TlsProbe.defaultClient(host, e.port()).accepted(), "default client refused in " + name);
        }
        if (a != null && !a.result().tls12().isEmpty()) {
            assertNotNull(f, "no TLS114 for TLS 1.2 names in " + name);
        }
        List<Tls13Setting.Leading> lead = e.endpoint().tls12FromTls13();
        if (!lead.isEmpty()) {
            // claim: TLS 1.2 suites named in a TLS 1.3 list are offered for TLS 1.2, cipher string or not
            List<String> own = cipherStringOnly(e.endpoint());
            List<String> outside = new ArrayList<>();
            for (Tls13Setting.Leading l : lead) {
                assertTrue(TlsProbe.acceptsTls12Cipher(host, e.port(), l.suite().name()),
                        l.suite().name() + " not negotiated in " + name);
                if (!own.contains(l.suite().name())) {
                    outside.add(l.suite().name());
                }
            }
            assertFalse(outside.isEmpty(), "pick a TLS 1.2 name the cipher string excludes in " + name);
            what += ", tls1_2 " + String.join(",", outside) + " accepted (not in the cipher string)";
        }
        // claim: the suites TLS103/TLS104 say a TLS 1.3 list let in are negotiated for TLS 1.2
        int named = 0;
        for (Finding x : tls10x) {
            Matcher m = FROM_TLS13_LIST.matcher(x.message());
            while (m.find()) {
                named++;
                for (String suite : m.group(1).split(", ")) {
                    assertTrue(TlsProbe.acceptsTls12Cipher(host, e.port(), suite), x.ruleId() + " names " + suite
                            + " (from the TLS 1.3 list), which is not negotiated in " + name);
                }
            }
        }
        assertTrue(tls10x.isEmpty() || lead.isEmpty() || named > 0, "TLS103/TLS104 name no suite from the TLS 1.3 list: "
                + tls10x);
        if (tls12 && tls12List(name) && e.endpoint().ciphers() != null) {
            what += ", " + checkTls12List(e, name);
        }
        return what;
    }

    /** "AES128-SHA, AES256-SHA (let in by 'TLS_...' in the TLS 1.3 list)" in a TLS103/TLS104 message. */
    private static final Pattern FROM_TLS13_LIST = Pattern.compile("(?:^|[:;] )([A-Z0-9-]+(?:, [A-Z0-9-]+)*) "
            + "\\(let in by '[^']+' in the TLS 1\\.3 list\\)");

    /** The suites the cipher string alone selects (OpenSSL names). */
    static List<String> cipherStringOnly(TlsEndpoint e) {
        Directive cd = e.ciphersDirective();
        if (e.dialect() == Dialect.NGINX) {
            return cd == null ? CipherDirectives.nginxDefault(SERVERS_OPENSSL).names()
                    : CipherDirectives.nginxSslCiphers(cd.arg(0), SERVERS_OPENSSL).names();
        }
        return CipherDirectives.apacheSslCipherSuite(cd == null ? "DEFAULT"
                : CipherDirectives.apacheArgs(cd.values()).spec(), SERVERS_OPENSSL).names();
    }

    /**
     * The TLS 1.2 suites the server accepts (each offered alone) are exactly proxylint's among the
     * suites an RSA certificate can serve without DH parameters (RSA or ECDHE key exchange, RSA
     * authentication), and the server (cipher order on) picks them in proxylint's order: the client
     * offers what is left in reverse order, and the chosen suite is taken out.
     */
    static String checkTls12List(Endpoint e, String name) {
        String host = "127.0.0.1";
        List<CipherSuite> candidates = TABLE.legacySuites().stream().filter(s -> s.au() == CipherSuite.Au.RSA
                && (s.kx() == CipherSuite.Kx.RSA || s.kx() == CipherSuite.Kx.ECDHE)).toList();
        Set<String> names = candidates.stream().map(CipherSuite::name).collect(Collectors.toSet());
        List<String> computed = e.endpoint().ciphers().names().stream().filter(names::contains).toList();
        Set<String> accepted = candidates.parallelStream().filter(s -> TlsProbe.acceptsTls12Cipher(host, e.port(), s.name()))
                .map(CipherSuite::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(computed), accepted, "TLS 1.2 suites of " + e.endpoint().label() + " in " + name);
        List<String> left = new ArrayList<>(computed);
        List<String> order = new ArrayList<>();
        while (!left.isEmpty()) {
            List<String> offer = new ArrayList<>(left);
            java.util.Collections.reverse(offer);
            TlsProbe.Result r = TlsProbe.tls12Offering(host, e.port(), String.join(":", offer));
            assertTrue(r.accepted() && left.contains(r.cipher()), "offering " + offer + " to " + name + ":\n" + r.output());
            order.add(r.cipher());
            left.remove(r.cipher());
        }
        assertEquals(computed, order, "server's TLS 1.2 order in " + name);
        return "tls1_2 in order " + String.join(",", order);
    }

    /** proxylint's TLS endpoints of the config the server runs, each with the port it listens on. */
    static List<Endpoint> endpoints(Dialect d, Path config, Map<String, String> options) throws IOException {
        RuleSettings settings = new RuleSettings(options.get("nginx-version"), null,
                options.getOrDefault("tls-profile", "mozilla-intermediate"), "auto", RuleSettings.DEFAULT_WEBSOCKET_PATHS,
                Map.of());
        Frontend fe = Frontends.get(d);
        Resolved r = fe.resolve(fe.parse(SourceFile.read(config)), new ResolveOptions(null, null, Map.of(), Set.of(),
                false, null, options.get("nginx-version")), null);
        List<Endpoint> out = new ArrayList<>();
        if (d == Dialect.NGINX) {
            for (TlsEndpoint e : TlsEndpoint.nginx(NginxModel.build(r), settings.facts())) {
                Directive listen = e.nginxServer().own("listen").get(0);
                out.add(new Endpoint(port(listen.arg(0)), e, Tls13Setting.of(e, null, SERVERS_OPENSSL)));
            }
        } else {
            ApacheModel m = ApacheModel.build(r);
            for (TlsEndpoint e : TlsEndpoint.apache(m, settings.facts())) {
                assertNotNull(e.opener(), "a TLS endpoint without VirtualHost");
                out.add(new Endpoint(port(e.opener().arg(0)), e, Tls13Setting.of(e, m, SERVERS_OPENSSL)));
            }
        }
        return out;
    }

    static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }
}
