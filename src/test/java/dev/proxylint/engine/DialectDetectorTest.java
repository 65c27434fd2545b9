package dev.proxylint.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Dialect;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
    void placeIsTheLastHint() {
        assertEquals(Dialect.NGINX, DialectDetector.detect(file("/etc/nginx/snippets/empty.conf", "# nothing\n")));
        assertEquals(Dialect.APACHE, DialectDetector.detect(file("/etc/apache2/conf-enabled/x.conf", "")));
        assertNull(DialectDetector.detect(file("/tmp/random.conf", "hello world\n")));
    }
}
