package dev.proxylint.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.Rule;
import dev.proxylint.rules.RuleMeta;
import dev.proxylint.rules.RuleRegistry;
import dev.proxylint.rules.Rules;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Work;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cost grows linearly with the config, for every rule: the work a rule does (directive visits, name
 * comparisons, model lookups; see {@link Work}) on a generated config of 4n servers is at most 4.4
 * times its work on n servers. Counting work instead of timing it cannot be fooled by a fast or a
 * busy machine: a rule that rescans all servers per server shows up as a 16-fold growth.
 *
 * <p>The generated servers rotate through templates that make every rule family report (weak TLS,
 * HSTS, WebSocket routes with and without upgrade handling, timeouts, unknown variables, regex and
 * {@code ^~} locations, many listen addresses and default servers; Apache virtual hosts with
 * ProxyPass, rewrites, SSL and timeouts), so the counted work is the work of real findings.
 */
class ScalingWorkTest {
    private static final int N = 60;
    private static final double MAX_GROWTH = 4.4;
    private static final RuleRegistry REG = RuleRegistry.builtin();

    @TempDir
    Path dir;

    @Test
    void everyNginxRuleDoesLinearWork() throws Exception {
        check(Dialect.NGINX);
    }

    @Test
    void everyApacheRuleDoesLinearWork() throws Exception {
        check(Dialect.APACHE);
    }

    private void check(Dialect d) throws Exception {
        Path small = write(d, N, "small");
        Path large = write(d, 4 * N, "large");
        long parseSmall = work(List.of(), small).work;
        long parseLarge = work(List.of(), large).work;
        assertTrue(parseLarge <= MAX_GROWTH * parseSmall,
                () -> "parse and resolve work grows " + ratio(parseLarge, parseSmall) + "x from " + N + " to " + 4 * N
                        + " servers (" + parseSmall + " -> " + parseLarge + ")");
        List<String> report = new ArrayList<>();
        Set<String> reported = new TreeSet<>();
        for (Rule rule : Rules.all()) {
            if (!rule.dialects().contains(d)) {
                continue;
            }
            Run s = work(List.of(rule), small);
            Run l = work(List.of(rule), large);
            long ws = s.work - parseSmall;
            long wl = l.work - parseLarge;
            String name = rule.getClass().getSimpleName();
            report.add(name + ": " + ws + " -> " + wl + " (" + ratio(wl, ws) + "x), findings " + s.findings + " -> "
                    + l.findings);
            assertTrue(wl <= MAX_GROWTH * Math.max(ws, 1),
                    () -> name + " does non-linear work: " + ws + " units on " + N + " servers, " + wl + " on " + 4 * N
                            + " (" + ratio(wl, ws) + "x, at most " + MAX_GROWTH + "x allowed)");
            reported.addAll(s.ids);
        }
        System.out.println("ScalingWorkTest " + d + ": parse " + parseSmall + " -> " + parseLarge + "; "
                + String.join("; ", report));
        // the generated config exercises every family, so the counted work is that of real findings
        for (String family : List.of("TLS", "HSTS", "WS", "TMO")) {
            assertTrue(reported.stream().anyMatch(id -> id.startsWith(family)),
                    () -> "the generated " + d + " config makes no " + family + " rule report: " + reported);
        }
    }

    private static String ratio(long a, long b) {
        return String.format(java.util.Locale.ROOT, "%.2f", a / (double) Math.max(b, 1));
    }

    private record Run(long work, int findings, Set<String> ids) {
    }

    private static Run work(List<Rule> rules, Path file) {
        Linter l = new Linter(rules, id -> REG.find(id).map(RuleMeta::level).orElse(Level.WARNING), id -> true);
        LintOptions o = LintOptions.defaults();
        LintOptions single = new LintOptions(o.dialect(), o.resolve(), o.settings(), o.selection(), o.minLevel(),
                o.excludes(), 1);
        Work.start();
        LintResult r;
        long w;
        try {
            r = l.run(List.of(new Input(file, null, true)), single, null);
        } finally {
            w = Work.stop();
        }
        Set<String> ids = new TreeSet<>();
        for (Finding f : r.findings()) {
            ids.add(f.ruleId());
        }
        return new Run(w, r.findings().size(), ids);
    }

    private Path write(Dialect d, int servers, String name) throws Exception {
        Path sub = Files.createDirectories(dir.resolve(name));
        StringBuilder sb = new StringBuilder();
        if (d == Dialect.NGINX) {
            sb.append("events { }\nhttp {\n");
            sb.append("    map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n");
            sb.append("    add_header Strict-Transport-Security \"max-age=600\";\n");
            for (int i = 0; i < servers; i++) {
                sb.append("    upstream b").append(i).append(" { server 127.0.0.1:").append(3000 + i).append("; }\n");
                sb.append(nginxServer(i));
            }
            sb.append("}\n");
            Files.writeString(sub.resolve("nginx.conf"), sb);
            return sub.resolve("nginx.conf");
        }
        sb.append("LoadModule proxy_module modules/mod_proxy.so\n");
        sb.append("LoadModule proxy_http_module modules/mod_proxy_http.so\n");
        sb.append("LoadModule proxy_wstunnel_module modules/mod_proxy_wstunnel.so\n");
        sb.append("LoadModule rewrite_module modules/mod_rewrite.so\n");
        sb.append("LoadModule ssl_module modules/mod_ssl.so\n");
        sb.append("LoadModule headers_module modules/mod_headers.so\n");
        sb.append("Listen 80\nListen 443\nTimeout 30\nRewriteEngine On\n");
        sb.append("RewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^/live/(.*) ws://127.0.0.1:4000/$1 [P]\n");
        for (int i = 0; i < servers; i++) {
            sb.append(apacheVhost(i));
        }
        Files.writeString(sub.resolve("apache2.conf"), sb);
        return sub.resolve("apache2.conf");
    }

    private static String nginxServer(int i) {
        String addr = "127.0.0." + (1 + i % 200);
        return switch (i % 4) {
            case 0 -> """
                        server {
                            listen %1$s:443 ssl%3$s;
                            server_name a%2$d.test;
                            ssl_certificate /etc/ssl/a.pem;
                            ssl_certificate_key /etc/ssl/a.key;
                            ssl_protocols TLSv1 TLSv1.2;
                            ssl_ciphers AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256;
                            ssl_prefer_server_ciphers on;
                            add_header Strict-Transport-Security "max-age=300";
                            location /ws/ { proxy_pass http://b%2$d; proxy_set_header Host $host; }
                            location /api/ { add_header X-A 1; proxy_pass http://b%2$d; proxy_read_timeout 2s; }
                        }
                    """.formatted(addr, i, i % 8 == 0 ? " default_server" : "");
            case 1 -> """
                        server {
                            listen %1$s:80;
                            server_name b%2$d.test;
                            location / { proxy_pass http://b%2$d; }
                            location /socket.io/ {
                                proxy_pass http://b%2$d;
                                proxy_http_version 1.1;
                                proxy_set_header Upgrade $http_upgrade;
                                proxy_set_header Connection $connection_upgrade;
                                proxy_read_timeout 20s;
                                location /socket.io/inner/ { proxy_pass http://b%2$d; proxy_set_header X-Y 1; }
                            }
                        }
                    """.formatted(addr, i);
            case 2 -> """
                        server {
                            listen 8080;
                            server_name c%2$d.test;
                            location ^~ /static/ { root /srv; }
                            location ~ ^/(static|ws)/ { proxy_pass http://b%2$d; proxy_set_header Upgrade $http_upgrade;
                                proxy_set_header Connection "upgrade"; }
                            location /live {
                                if ($arg_x) { proxy_pass http://b%2$d; }
                                proxy_pass http://b%2$d;
                                proxy_http_version 1.0;
                                proxy_set_header Connection $ws_connection_%2$d;
                            }
                        }
                    """.formatted(addr, i);
            default -> """
                        server {
                            listen %1$s:8443 ssl http2;
                            server_name d%2$d.test *.d%2$d.test;
                            ssl_certificate /etc/ssl/d.pem;
                            ssl_certificate_key /etc/ssl/d.key;
                            ssl_protocols TLSv1.3;
                            ssl_session_tickets on;
                            location /cable { proxy_pass https://b%2$d; proxy_http_version 1.1;
                                proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection $connection_upgrade; }
                        }
                    """.formatted(addr, i);
        };
    }

    private static String apacheVhost(int i) {
        return switch (i % 3) {
            case 0 -> """
                    <VirtualHost *:443>
                        ServerName a%1$d.test
                        SSLEngine on
                        SSLCertificateFile /etc/ssl/a.pem
                        SSLProtocol all -SSLv3
                        SSLCipherSuite AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256
                        Header always set Strict-Transport-Security "max-age=0"
                        ProxyPass /ws/ http://127.0.0.1:%2$d/ws/
                        ProxyPass / http://127.0.0.1:%2$d/
                        RewriteCond %%{HTTP:Upgrade} websocket [NC]
                        RewriteRule ^/chat/(.*) ws://127.0.0.1:%2$d/$1 [P]
                    </VirtualHost>
                    """.formatted(i, 3000 + i);
            case 1 -> """
                    <VirtualHost *:80>
                        ServerName b%1$d.test
                        ProxyTimeout 20
                        ProxyPass /socket.io/ ws://127.0.0.1:%2$d/socket.io/
                        <Location /h2>
                            ProxyPass http://127.0.0.1:%2$d/h2 upgrade=h2c
                        </Location>
                        <Location /api/>
                            Header set X-Frame-Options DENY
                        </Location>
                    </VirtualHost>
                    """.formatted(i, 3000 + i);
            default -> """
                    <VirtualHost *:80>
                        ServerName c%1$d.test
                        RewriteEngine On
                        RewriteCond %%{HTTP:Connection} upgrade
                        RewriteRule ^/ws/(.*) ws://127.0.0.1:%2$d/$1 [P,L]
                        ProxyPass /app/ http://127.0.0.1:%2$d/app/ upgrade=websocket timeout=5
                    </VirtualHost>
                    """.formatted(i, 3000 + i);
        };
    }
}
