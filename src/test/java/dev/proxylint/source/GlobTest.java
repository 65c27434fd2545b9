package dev.proxylint.source;

import static dev.proxylint.source.Glob.Flavor.APACHE;
import static dev.proxylint.source.Glob.Flavor.NGINX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Include wildcards of both servers: nginx's glob(3) and httpd's apr_fnmatch. */
class GlobTest {
    @Test
    void nginxPatterns() {
        assertTrue(Glob.matches("*.conf", "a.conf", NGINX));
        assertFalse(Glob.matches("*.conf", ".a.conf", NGINX)); // leading dot needs an explicit dot
        assertTrue(Glob.matches(".*.conf", ".a.conf", NGINX));
        assertTrue(Glob.matches("s?.conf", "s1.conf", NGINX));
        assertFalse(Glob.matches("s?.conf", "s12.conf", NGINX));
        assertTrue(Glob.matches("[ab]*", "b-x", NGINX));
        assertFalse(Glob.matches("[!ab]*", "b-x", NGINX));
        assertTrue(Glob.matches("[^ab]*", "c", NGINX));
        assertTrue(Glob.matches("[a-c]x", "bx", NGINX));
        assertFalse(Glob.matches("[a-c]x", "dx", NGINX));
        assertTrue(Glob.matches("[]]x", "]x", NGINX));
        assertTrue(Glob.matches("a\\*", "a*", NGINX));
        assertFalse(Glob.matches("a\\*", "ab", NGINX));
        assertTrue(Glob.matches("/e/*/x.conf", "/e/sites/x.conf", NGINX));
        assertFalse(Glob.matches("/e/*.conf", "/e/sites/x.conf", NGINX)); // '*' does not cross '/'
        assertFalse(Glob.matches("/e/?x", "/e//x", NGINX));
        assertTrue(Glob.matches("*a*b*c", "xxaxxbxxc", NGINX));
        assertFalse(Glob.matches("*a*b*c", "xxaxxcxxb", NGINX));
        assertTrue(Glob.matches("[x", "[x", NGINX)); // an unclosed class is a literal '['
        assertTrue(Glob.isPattern("a[1]", NGINX) && Glob.isPattern("a?", NGINX) && !Glob.isPattern("a.conf", NGINX));
    }

    @Test
    void byteOrderSortsUppercaseFirstAndUtf8ByBytes() {
        List<Path> l = new ArrayList<>(List.of(Path.of("/b"), Path.of("/\u00e9"), Path.of("/B"), Path.of("/a"),
                Path.of("/\uFF41"), Path.of("/\uD83D\uDE00")));
        l.sort(Glob.BYTE_ORDER);
        assertEquals(List.of(Path.of("/B"), Path.of("/a"), Path.of("/b"), Path.of("/\u00e9"), Path.of("/\uFF41"),
                Path.of("/\uD83D\uDE00")), l);
    }

    @Test
    void apachePatterns() {
        // the same wildcards, one component at a time
        assertTrue(Glob.matches("*.conf", "a.conf", APACHE));
        assertTrue(Glob.matches("s?.conf", "s1.conf", APACHE));
        assertFalse(Glob.matches("s?.conf", "s12.conf", APACHE));
        assertTrue(Glob.matches("[!ab]*", "c-x", APACHE));
        assertTrue(Glob.matches("[]]x", "]x", APACHE));
        assertTrue(Glob.matches("a\\*", "a*", APACHE));
        assertFalse(Glob.matches("a\\*", "ab", APACHE));
        assertTrue(Glob.matches("[x", "[x", APACHE));
        // APR_FNM_PERIOD: a leading period only matches a pattern that starts with one
        assertFalse(Glob.matches("*.conf", ".a.conf", APACHE));
        assertFalse(Glob.matches("?a.conf", ".a.conf", APACHE));
        assertTrue(Glob.matches(".*.conf", ".a.conf", APACHE));
        assertFalse(Glob.matches("\\.a.conf", ".a.conf", APACHE));
        assertTrue(Glob.matches("\\.a.conf", ".a.conf", NGINX));
        // only an unquoted wildcard makes a pattern for httpd; any one does for nginx
        assertTrue(Glob.isPattern("a[1]", APACHE) && Glob.isPattern("a?", APACHE) && !Glob.isPattern("a.conf", APACHE));
        assertFalse(Glob.isPattern("a\\*.conf", APACHE));
        assertTrue(Glob.isPattern("a\\*.conf", NGINX));
    }

    @Test
    void namesSortInByteOrder() {
        List<String> names = new ArrayList<>(List.of("b.conf", "\uFFFD.conf", "A.conf", "\uD83D\uDE00.conf", "a.conf"));
        names.sort(Glob::byteOrder);
        // UTF-8 byte order puts U+1F600 after U+FFFD (UTF-16 order would not)
        assertEquals(List.of("A.conf", "a.conf", "b.conf", "\uFFFD.conf", "\uD83D\uDE00.conf"), names);
    }
}
