package dev.proxylint.rules.cfg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxylint.engine.Frontends;
import dev.proxylint.nginx.model.NginxModel;
import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Frontend;
import dev.proxylint.syntax.ResolveOptions;
import org.junit.jupiter.api.Test;

/**
 * The listening sockets nginx opens, counted as ngx_event_init_conf sees them. Each count is the
 * number nginx -t 1.22.1 printed in "N worker_connections are not enough for L listening sockets"
 * for the same servers with a worker_connections that was too low.
 */
class NginxWorkerConnectionsTest {

    static long sockets(String text) {
        Frontend fe = Frontends.get(Dialect.NGINX);
        return NginxWorkerConnections.sockets(NginxModel.build(fe.resolve(fe.parse(SourceFile.of("nginx.conf",
                "events { }\n" + text)), ResolveOptions.defaults(), null)));
    }

    @Test
    void socketsPerFamilyAndPort() {
        assertEquals(0, sockets("http { }"));
        assertEquals(1, sockets("http { server { } }"), "a server without listen listens on *:80");
        assertEquals(2, sockets("http { server { listen 80; } server { listen 81; } }"));
        assertEquals(2, sockets("http { server { listen 80; listen [::]:80; } }"), "IPv4 and IPv6 are two groups");
        assertEquals(1, sockets("http { server { listen 80; } server { listen 80; server_name b; } }"));
        assertEquals(2, sockets("http { server { listen unix:/run/a.sock; listen unix:/run/b.sock; } }"));
    }

    @Test
    void aWildcardTakesInTheAddressesThatDoNotBind() {
        assertEquals(1, sockets("http { server { listen 127.0.0.1:80; listen 127.0.0.2:80; listen 80; } }"));
        assertEquals(2, sockets("http { server { listen 127.0.0.1:80; listen 127.0.0.2:80; } }"), "no wildcard");
        assertEquals(2, sockets("http { server { listen 127.0.0.1:80 bind; listen 80; } }"));
        assertEquals(2, sockets("http { server { listen 127.0.0.1:80 backlog=100; listen 80; } }"));
        assertEquals(2, sockets("http { server { listen 127.0.0.1:80 reuseport; listen 80; } }"));
        assertEquals(2, sockets("http { server { listen 127.0.0.1:80; } server { listen 127.0.0.1:80 bind; }"
                + " server { listen 80; } }"), "bind on one listen of an address binds the address");
    }

    @Test
    void streamAndMailHaveTheirOwnSockets() {
        assertEquals(2, sockets("http { server { listen 80; } } stream { server { listen 9000; return x; } }"));
        assertEquals(3, sockets("http { server { listen 80; } } stream { server { listen 9000; return x; }"
                + " server { listen 9000 udp; return x; } }"), "UDP is a group of its own");
    }

    @Test
    void hostNamesAreNotCounted() {
        assertEquals(-1, sockets("http { server { listen localhost:80; } }"));
        assertEquals(-1, sockets("rtmp { server { listen 1935; } }"), "a third-party module's servers are not counted");
    }
}
