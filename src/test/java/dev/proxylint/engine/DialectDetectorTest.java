package dev.proxylint.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DialectDetectorTest {
    static SourceFile file(String path, String text) {
        return SourceFile.of(Path.of(path), text);
    }

    @Test
    void namesDecideFirst() {
        assertEquals(Dialect.APACHE, DialectDetector.detect(file("x/.htaccess", "")));
        assertEquals(Dialect.NGINX, DialectDetector.detect(file("x/nginx.conf", "")));
        assertEquals(Dialect.APACHE, DialectDetector.detect(file("x/apache2.conf", "server {}")));
    }

    @Test
    void contentDecidesForOtherNames() {
        assertEquals(Dialect.NGINX, DialectDetector.detect(file("site.conf",
                "server {\n  listen 80;\n  location / { proxy_pass http://a; }\n}\n")));
        assertEquals(Dialect.APACHE, DialectDetector.detect(file("site.conf",
                "<VirtualHost *:80>\n  ServerName a\n  ProxyPass / http://b/\n</VirtualHost>\n")));
        assertEquals(Dialect.APACHE, DialectDetector.detect(file("x.conf", "# comment\nRewriteEngine On\n")));
    }

    @Test
    void aFileOfRarerApacheDirectivesAloneIsApacheByHttpdsTable() {
        assertEquals(Dialect.APACHE, DialectDetector.detect(file("/tmp/redirects.conf",
                "RedirectMatch 301 ^/old/(.*)$ https://example.org/new/$1\nRedirectPermanent /a https://b/\n")));
        assertEquals(Dialect.APACHE, DialectDetector.detect(file("/tmp/expires.conf",
                "ExpiresActive On\nExpiresByType image/png \"access plus 1 month\"\n"
                        + "AddOutputFilterByType DEFLATE text/html\n")));
        // capitalised words that name no httpd directive tell nothing
        assertNull(DialectDetector.detect(file("/tmp/prose.conf", "Hello World\nSee You later\n")));
    }

    @Test
    void aLineEndingInAnApacheVariableIsNoNginxBlock() {
        // "${SITE}" ends the line with a brace; it closes no nginx block
        assertEquals(Dialect.APACHE, DialectDetector.detect(file("/tmp/vars.conf",
                "Define SITE example.com\nServerName www.${SITE}\nServerAdmin webmaster@${MAIL_DOMAIN}\n")));
        assertEquals(Dialect.NGINX, DialectDetector.detect(file("/tmp/one-line.conf",
                "location / { return 200 \"${uri}\"; }\nserver_name a;\n")));
    }

    @Test
    void placeIsTheLastHint() {
        assertEquals(Dialect.NGINX, DialectDetector.detect(file("/etc/nginx/snippets/empty.conf", "# nothing\n")));
        assertEquals(Dialect.APACHE, DialectDetector.detect(file("/etc/apache2/conf-enabled/x.conf", "")));
        assertNull(DialectDetector.detect(file("/tmp/random.conf", "hello world\n")));
    }

    /** Common *.conf files of other programs that a hook's files: pattern or a walk of /etc meets. */
    static final String[][] FOREIGN = {
        {"redis.conf", "bind 127.0.0.1 -::1\nprotected-mode yes\nport 6379\nsave 900 1\nmaxmemory 2gb\n"},
        {"www.conf", "[www]\nuser = www-data\ngroup = www-data\nlisten = /run/php/php8.2-fpm.sock\npm = dynamic\n"
                + "pm.max_children = 5\nphp_admin_value[error_log] = /var/log/fpm-php.www.log\n"},
        {"supervisord.conf", "[supervisord]\nnodaemon=true\n\n[program:app]\ncommand=/usr/bin/app --port 8000\n"
                + "autorestart=true\n"},
        {"sysctl.d/99-net.conf", "net.ipv4.ip_forward = 1\nvm.swappiness=10\nnet.core.somaxconn = 4096\n"},
        {"logrotate.conf", "/var/log/nginx/*.log {\n\tdaily\n\tmissingok\n\trotate 14\n\tcompress\n\tpostrotate\n"
                + "\t\tinvoke-rc.d nginx rotate >/dev/null 2>&1\n\tendscript\n}\n"},
        {"sites-available/README.md", "# Sites\n\nPut your *server* blocks here, one per file.\nThen link them.\n"},
        {"modsecurity_includes.conf", "include /usr/share/modsecurity-crs/owasp-crs.load\n"},
        {"modsec/rules.conf", "SecRuleEngine On\nSecRequestBodyAccess On\nSecRule ARGS \"@rx attack\" \"id:1,deny\"\n"},
        {"systemd/app.service.d/override.conf", "[Service]\nEnvironment=PORT=8080\nRestart=always\n"},
        {"mysql/my.conf", "[mysqld]\nbind-address = 127.0.0.1\nmax_connections = 200\n"},
        {"ntp.conf", "driftfile /var/lib/ntp/ntp.drift\npool 0.debian.pool.ntp.org iburst\nrestrict -4 default kod\n"},
        {"resolv.conf", "nameserver 1.1.1.1\nsearch example.com\noptions edns0\n"},
    };

    @Test
    void otherProgramsFilesAreSetAside() {
        for (String[] f : FOREIGN) {
            assertNotNull(DialectDetector.foreign(file(f[0], f[1])), f[0] + " should be recognised as not nginx/Apache");
        }
    }

    @Test
    void nginxDirectivesWhoseValuesRunOverManyLinesAreNotSetAside() {
        // h5bp's media_types/character_encodings.conf: two directives, one MIME type per line
        String t = "# Character encodings\ncharset utf-8;\n\ncharset_types\n    text/css\n    text/plain\n    text/vtt\n"
                + "    text/markdown\n    text/calendar\n    application/json\n    application/manifest+json;\n";
        assertNull(DialectDetector.foreign(file("h5bp/media_types/character_encodings.conf", t)));
        assertNull(DialectDetector.foreign(file("snippets/types.conf", "types {\n    text/html\n        html htm;\n}\n")));
        // the same shape with a word nginx does not know, a statement left open, or an open quote stays foreign
        assertNotNull(DialectDetector.foreign(file("x.conf", t.replace("charset_types", "charset_typez"))));
        assertNotNull(DialectDetector.foreign(file("x.conf", t.replace("manifest+json;", "manifest+json"))));
        assertNotNull(DialectDetector.foreign(file("x.conf", t.replace("text/css", "'text/css"))));
    }

    @Test
    void noBundledConfigIsSetAside() throws IOException {
        List<Path> all = new ArrayList<>();
        for (String root : List.of("testdata", "examples")) {
            try (Stream<Path> s = Files.walk(Path.of(root))) {
                s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".md") && !p.toString().endsWith(".txt")
                        && !p.toString().endsWith(".pem")) // the test certificate and key of the cfg cases
                        .forEach(all::add);
            }
        }
        assertTrue(all.size() > 200, "testdata found: " + all.size());
        for (Path p : all) {
            SourceFile f = SourceFile.read(p);
            if (f.text().indexOf('\0') >= 0) {
                continue;
            }
            assertNull(DialectDetector.foreign(f), () -> p + " is an nginx/Apache config but was set aside");
        }
    }

    @TempDir
    Path dir;

    @Test
    void aNamedForeignFileIsANoteAndTheRestIsChecked() throws IOException {
        Path redis = dir.resolve("redis.conf");
        Files.writeString(redis, FOREIGN[0][1]);
        Path site = dir.resolve("site.conf");
        Files.writeString(site, "server {\n    listen 80;\n    location /ws { proxy_pass http://b; }\n}\n");
        CliRun r = CliRun.of("check", "--format", "concise", redis.toString(), site.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("note: skipped " + redis) && r.err().lines().count() == 1, r.err());
        assertTrue(r.out().contains("[WS101]"), r.out());
        // alone it is a clean run with the note, not an error that blocks a commit
        CliRun alone = CliRun.of("check", "--format", "concise", redis.toString());
        assertEquals(0, alone.code(), alone.err());
        assertTrue(alone.err().contains("note: skipped"), alone.err());
        // --dialect forces it (and the server would refuse it: a finding, not a pass)
        CliRun forced = CliRun.of("check", "--format", "concise", "--dialect", "nginx", redis.toString());
        assertEquals(1, forced.code(), forced.out() + forced.err());
    }

    /** The pre-commit hooks pass configs and leave other programs' files out (tested as pre-commit does: re.search). */
    @Test
    void theHookPatternsTakeConfigsAndLeaveOtherFiles() throws IOException {
        String yaml = Files.readString(Path.of(".pre-commit-hooks.yaml"));
        List<java.util.regex.Pattern> files = new ArrayList<>();
        List<java.util.regex.Pattern> excludes = new ArrayList<>();
        for (String line : yaml.split("\n")) {
            String t = line.strip();
            if (t.startsWith("files: ")) {
                files.add(java.util.regex.Pattern.compile(t.substring(7)));
            } else if (t.startsWith("exclude: ")) {
                excludes.add(java.util.regex.Pattern.compile(t.substring(9)));
            }
        }
        assertEquals(5, files.size(), "five hooks with files: (system, self-installing, docker)");
        assertEquals(files.size(), excludes.size(), "each hook has an exclude:");
        for (int h = 0; h < files.size(); h++) {
            java.util.regex.Pattern f = files.get(h);
            java.util.regex.Pattern x = excludes.get(h);
            for (String[] other : FOREIGN) {
                boolean passed = f.matcher(other[0]).find() && !x.matcher(other[0]).find();
                assertTrue(!passed, "hook " + h + " passes " + other[0]);
            }
            for (String cfg : List.of("nginx.conf", "deploy/nginx/nginx.conf", "sites-enabled/app", "conf.d/default.conf",
                    "docker/site.conf", "apache2.conf", "httpd.conf", "public/.htaccess", "sites-available/ws.conf")) {
                assertTrue(f.matcher(cfg).find() && !x.matcher(cfg).find(), "hook " + h + " leaves out " + cfg);
            }
        }
    }
}
