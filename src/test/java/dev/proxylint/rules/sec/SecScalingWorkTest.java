package dev.proxylint.rules.sec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.engine.Input;
import dev.proxylint.engine.LintOptions;
import dev.proxylint.engine.LintResult;
import dev.proxylint.engine.Linter;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.Rule;
import dev.proxylint.rules.RuleMeta;
import dev.proxylint.rules.RuleRegistry;
import dev.proxylint.rules.Rules;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Work;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SEC rules do linear work on configs where they report: every generated server makes each
 * SEC rule of its dialect report once, and the work (see {@link Work}) of each rule on 4n servers
 * is at most 4.4 times its work on n servers, with exactly four times the findings (rules about
 * main-context settings, {@code PER_CONFIG}, report once per file in both sizes). (The engine's
 * ScalingWorkTest runs every rule too, but its generated servers give the SEC rules nothing to
 * report.)
 */
class SecScalingWorkTest {
    private static final int N = 40;
    private static final RuleRegistry REG = RuleRegistry.builtin();
    /** Rules about main-context settings: one finding per configuration (the header of the generated file). */
    private static final java.util.Set<String> PER_CONFIG = java.util.Set.of("NginxRlimitBelowConnectionsRule");

    @TempDir
    Path dir;

    static String nginxServer(int i) {
        return """
                map $http_x_c%1$d $ok%1$d { a 1; }
                server {
                    listen 10.0.0.%1$d:80;
                    server_name s%1$d.test;
                    server_tokens on;
                    error_log off;
                    ssl_certificate /etc/ssl/s%1$d.pem;
                    ssl_stapling on;
                    merge_slashes off;
                    keepalive_requests 10;
                    location /adm%1$d { deny all; }
                    location / { proxy_pass http://127.0.0.1:8080; }
                    location /n/ { resolver 8.8.8.8; proxy_pass http://api.s%1$d.test; }
                    root /;
                    add_header X-Frame-Options DENY always;
                    location /i%1$d { alias /srv/i%1$d/; }
                    location /r/ { return 301 https://s%1$d.test$uri; }
                    location /p/ { proxy_pass http://127.0.0.1:8080; proxy_set_header Host $http_host; }
                    location /f/ { proxy_pass http://$arg_host; }
                    location /d/ { add_header Cache-Control no-store; add_header Content-Type text/plain; autoindex on; }
                    location /o/ { if ($http_origin ~* "s%1$d.test") { return 204; } }
                    location /status { stub_status; }
                    location /rw/ { rewrite ^(.*)$ /new?c=1; set $v $1; }
                    location /rx/ { rewrite ^/rx/((.*))$ /new?$1$2; }
                    location ~ \\.php { fastcgi_pass 127.0.0.1:9000; }
                    location /ml/ { add_header X-Note "a\\nb"; return 200; }
                    location /pu/ { proxy_pass http://127.0.0.1:8080/v1$uri; }
                    location /img/ { valid_referers none *.test; if ($invalid_referer) { return 403; } }
                    location /v/ { deny all; return 200 "v%1$d"; }
                    location /mc/ { return 200 "$Request_Uri"; }
                    location /m/ { allow 10.0.0.%1$d; root /srv/m; }
                    location /tf/ { try_files $uri =404; if ($arg_x) { set $y 1; } }
                    location /tp/ { try_files $uri $uri/ =404; proxy_pass http://127.0.0.1:8080; }
                    location /mp/ { if ($ok%1$d = 0) { return 403; } }
                }
                server {
                    listen 10.0.0.%1$d:80;
                    server_name t%1$d.test;
                    return 404;
                }
                server {
                    listen 10.0.0.%1$d:443 ssl http2 default_server;
                    ssl_reject_handshake on;
                }
                """.formatted(i % 250 + 1);
    }

    static String apacheVhost(int i) {
        return """
                <VirtualHost 127.0.0.%1$d:80>
                    ServerName s%1$d.test
                    ServerSignature On
                    TraceEnable On
                    ErrorLog off
                    ProxyRequests On
                    RewriteEngine On
                    RewriteRule "^/p/(.*)$" "http://$1" [P]
                    <Directory /srv/s%1$d>
                        Options Indexes
                    </Directory>
                    <Location /server-status>
                        SetHandler server-status
                    </Location>
                    <Location /admin>
                        Satisfy Any
                        Require valid-user
                    </Location>
                    <Location /lan>
                        Allow from 10.0.0.%1$d
                    </Location>
                    MergeSlashes Off
                    <LocationMatch "^/api/adm%1$d">
                        Require all denied
                    </LocationMatch>
                    SetEnvIf Origin "^https://app.s%1$d.test$" CORS%1$d=$0
                    Header always set Access-Control-Allow-Origin "%%{CORS%1$d}e" env=CORS%1$d
                    Alias /fs /
                    MaxKeepAliveRequests 10
                    <Directory />
                        Require all granted
                    </Directory>
                    <FilesMatch "\\.php">
                        SetHandler "proxy:fcgi://127.0.0.1:9%1$03d"
                    </FilesMatch>
                    AddHandler cgi-script .cgi
                    ProxyPass "/api/" "http://api%1$d.internal.test/"
                </VirtualHost>
                <VirtualHost 127.0.0.%1$d:80>
                    ServerName t%1$d.test
                </VirtualHost>
                """.formatted(i % 250 + 1);
    }

    private Path write(Dialect d, int n) throws Exception {
        StringBuilder sb = new StringBuilder(d == Dialect.NGINX ? "worker_rlimit_nofile 16;\nevents { }\nhttp {\n"
                : "Listen 80\n");
        for (int i = 0; i < n; i++) {
            sb.append(d == Dialect.NGINX ? nginxServer(i) : apacheVhost(i));
        }
        if (d == Dialect.NGINX) {
            sb.append("}\n");
        }
        Path p = dir.resolve(d + "-" + n + (d == Dialect.NGINX ? ".nginx.conf" : ".apache2.conf"));
        Files.writeString(p, sb);
        return p;
    }

    private record Run(long work, int findings) {
    }

    private static Run run(List<Rule> rules, Path file, Dialect d) {
        Linter l = new Linter(rules, id -> REG.find(id).map(RuleMeta::level).orElse(Level.WARNING), id -> true);
        LintOptions o = LintOptions.defaults();
        LintOptions single = new LintOptions(d, o.resolve(), o.settings(), o.selection(), o.minLevel(), o.excludes(), 1);
        Work.start();
        LintResult r;
        long w;
        try {
            r = l.run(List.of(new Input(file, null, true)), single, null);
        } finally {
            w = Work.stop();
        }
        int n = (int) r.findings().stream().filter(f -> rules.stream().anyMatch(x -> x.ids().contains(f.ruleId()))).count();
        return new Run(w, n);
    }

    private void check(Dialect d) throws Exception {
        Path small = write(d, N);
        Path large = write(d, 4 * N);
        long parseSmall = run(List.of(), small, d).work;
        long parseLarge = run(List.of(), large, d).work;
        int rules = 0;
        for (Rule rule : Rules.all()) {
            if (!rule.getClass().getPackageName().endsWith(".sec") || !rule.dialects().contains(d)) {
                continue;
            }
            rules++;
            Run s = run(List.of(rule), small, d);
            Run l = run(List.of(rule), large, d);
            String name = rule.getClass().getSimpleName();
            if (PER_CONFIG.contains(name)) {
                assertEquals(1, s.findings, name + " reports once per configuration");
                assertEquals(1, l.findings, name + " reports once per configuration");
            } else {
                assertTrue(s.findings >= N, () -> name + " reports " + s.findings + " findings on " + N + " servers");
                assertEquals(4 * s.findings, l.findings, name + " findings do not grow with the servers");
            }
            long ws = s.work - parseSmall;
            long wl = l.work - parseLarge;
            assertTrue(wl <= 4.4 * Math.max(ws, 1), () -> name + " does non-linear work: " + ws + " -> " + wl);
        }
        assertTrue(rules >= 5, "too few SEC rules found for " + d + ": " + rules);
    }

    @Test
    void nginxSecRulesDoLinearWorkWhileReporting() throws Exception {
        check(Dialect.NGINX);
    }

    @Test
    void apacheSecRulesDoLinearWorkWhileReporting() throws Exception {
        check(Dialect.APACHE);
    }
}
