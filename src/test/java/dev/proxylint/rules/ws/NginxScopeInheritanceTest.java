package dev.proxylint.rules.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.proxylint.nginx.NginxFrontend;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.nginx.model.Scope;
import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Directive;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Scope} inheritance as nginx applies it (reality case d): simple directives such as
 * proxy_http_version come from the nearest level that sets them; array directives such as
 * proxy_set_header come all-or-nothing from the nearest level that has at least one.
 */
class NginxScopeInheritanceTest {
    static final String CONF = """
            events {}
            http {
                proxy_http_version 1.1;
                proxy_set_header Upgrade $http_upgrade;
                proxy_set_header Connection $connection_upgrade;
                server {
                    listen 80;
                    location /inherit {
                        proxy_pass http://b;
                    }
                    location /own {
                        proxy_pass http://b;
                        proxy_http_version 1.0;
                        proxy_set_header X-Foo bar;
                        location /own/nested {
                            proxy_pass http://b;
                        }
                        if ($arg_x) {
                            proxy_http_version 1.1;
                        }
                    }
                }
            }
            """;

    static NginxModel model() {
        return NginxModel.build(new NginxFrontend().parse(SourceFile.of("t.conf", CONF)).items());
    }

    static Scope location(NginxModel m, String path) {
        return m.locations().stream().filter(l -> l.locationPattern().equals(path)).findFirst().orElseThrow();
    }

    static List<String> headerNames(Scope s) {
        return s.effectiveArray("proxy_set_header").stream().map(d -> d.arg(0)).toList();
    }

    @Test
    void simpleDirectivesComeFromTheNearestLevel() {
        NginxModel m = model();
        assertEquals("1.1", location(m, "/inherit").effective("proxy_http_version").arg(0));
        assertEquals("1.0", location(m, "/own").effective("proxy_http_version").arg(0));
        assertEquals("1.0", location(m, "/own/nested").effective("proxy_http_version").arg(0),
                "a nested location inherits its parent location's value");
        assertNull(location(m, "/inherit").effective("proxy_read_timeout"), "unset everywhere: nginx's default");
    }

    @Test
    void arrayDirectivesAreAllOrNothing() {
        NginxModel m = model();
        Scope http = m.main().children().stream().filter(s -> s.kind() == Scope.Kind.HTTP).findFirst().orElseThrow();
        assertSame(http, location(m, "/inherit").arrayOwner("proxy_set_header"));
        assertEquals(List.of("Upgrade", "Connection"), headerNames(location(m, "/inherit")));
        assertSame(location(m, "/own"), location(m, "/own").arrayOwner("proxy_set_header"));
        assertEquals(List.of("X-Foo"), headerNames(location(m, "/own")), "one own header drops all outer ones");
        assertEquals(List.of("X-Foo"), headerNames(location(m, "/own/nested")), "and the nested location gets X-Foo only");
        assertNull(m.servers().get(0).arrayOwner("add_header"));
        assertEquals(List.of(), m.servers().get(0).effectiveArray("add_header"));
    }

    @Test
    void ifBlocksDoNotLeakIntoTheirSiblings() {
        NginxModel m = model();
        Scope own = location(m, "/own");
        Scope ifBlock = own.children().stream().filter(s -> s.kind() == Scope.Kind.IF).findFirst().orElseThrow();
        assertEquals("1.1", ifBlock.effective("proxy_http_version").arg(0), "the if block's own value");
        Directive outside = own.effective("proxy_http_version");
        assertEquals("1.0", outside.arg(0), "the location keeps its own value");
        assertSame(own, ifBlock.enclosing(Scope.Kind.LOCATION));
        assertSame(m.servers().get(0), ifBlock.enclosing(Scope.Kind.SERVER));
    }

    @Test
    void locationModifiersAndPatterns() {
        NginxModel m = NginxModel.build(new NginxFrontend().parse(SourceFile.of("t.conf", """
                server {
                    location ^~ /a { }
                    location ~* \\.png$ { }
                    location =/exact { }
                    location @named { }
                    location /plain { }
                }
                """)).items());
        List<String> got = m.locations().stream().map(l -> "[" + l.locationModifier() + "]" + l.locationPattern()
                + (l.isRegexLocation() ? " regex" : "")).toList();
        assertEquals(List.of("[^~]/a", "[~*]\\.png$ regex", "[=]/exact", "[@]@named", "[]/plain"), got);
    }
}
