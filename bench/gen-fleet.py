#!/usr/bin/env python3
"""Generates fleet-size configs for bench/scale.sh and the work-counting tests' shape.

Usage: gen-fleet.py nginx|apache|nginx-tree SIZE_MB OUTDIR [--no-tls]
Writes OUTDIR/nginx.conf (one file; or nginx.conf + vhosts/*.conf for nginx-tree) or
OUTDIR/apache2.conf, with many servers: TLS, proxying, WebSocket routes, timeouts, HSTS.
Certificates are referenced at OUTDIR/cert.pem / key.pem (scale.sh creates them). --no-tls writes
the same servers without listen ... ssl and certificate lines: nginx -t then skips loading one
certificate per server, the "TLS set-up off" anchor. Prints the number of servers written.
"""
import os
import sys


def nginx_server(i, out):
    out.append(f"""    server {{
        listen 443 ssl;
        listen [::]:443 ssl;
        server_name app{i}.example.com www.app{i}.example.com;
        ssl_certificate {out_dir}/cert.pem;
        ssl_certificate_key {out_dir}/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256;
        add_header Strict-Transport-Security "max-age=63072000" always;
        location / {{
            proxy_pass http://backend{i % 50};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
        location /ws/ {{
            proxy_pass http://backend{i % 50};
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout {30 + i % 7}s;
        }}
        location ~ ^/api/(v1|v2)/ {{
            proxy_pass http://backend{i % 50};
            add_header X-Frame-Options DENY;
        }}
    }}
""")


def apache_vhost(i, out):
    out.append(f"""<VirtualHost *:443>
    ServerName app{i}.example.com
    ServerAlias www.app{i}.example.com
    SSLEngine on
    SSLCertificateFile {out_dir}/cert.pem
    SSLCertificateKeyFile {out_dir}/key.pem
    SSLProtocol -all +TLSv1.2 +TLSv1.3
    SSLCipherSuite ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256
    Header always set Strict-Transport-Security "max-age=63072000"
    ProxyPreserveHost On
    ProxyPass /ws/ ws://127.0.0.1:{3000 + i % 50}/ws/
    ProxyPass / http://127.0.0.1:{3000 + i % 50}/ upgrade=websocket timeout={60 + i % 7}
    ProxyPassReverse / http://127.0.0.1:{3000 + i % 50}/
    <Location /api/>
        Header set X-Frame-Options DENY
    </Location>
</VirtualHost>
""")


def main():
    global out_dir
    kind, size_mb, out_dir = sys.argv[1], float(sys.argv[2]), os.path.abspath(sys.argv[3])
    no_tls = "--no-tls" in sys.argv[4:]
    os.makedirs(out_dir, exist_ok=True)
    target = int(size_mb * 1024 * 1024)
    if kind.startswith("nginx"):
        head = ["worker_processes 1;\npid " + out_dir + "/nginx.pid;\nerror_log " + out_dir + "/error.log;\n",
                "events { worker_connections 1024; }\nhttp {\n",
                "    access_log off;\n",
                "    map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n"]
        for b in range(50):
            head.append(f"    upstream backend{b} {{ server 127.0.0.1:{3000 + b}; }}\n")
        tree = kind == "nginx-tree"
        if tree:
            os.makedirs(os.path.join(out_dir, "vhosts"), exist_ok=True)
            head.append(f"    include {out_dir}/vhosts/*.conf;\n")
        body, size, i = [], sum(map(len, head)), 0
        while size < target:
            one = []
            nginx_server(i, one)
            if no_tls:
                one = ["".join(l.replace(" ssl;", ";") + "\n" for l in one[0].split("\n")[:-1]
                               if "ssl_certificate" not in l)]
            if tree:
                with open(os.path.join(out_dir, "vhosts", f"app{i:05d}.conf"), "w") as f:
                    f.write(one[0])
            else:
                body.append(one[0])
            size += len(one[0])
            i += 1
        with open(os.path.join(out_dir, "nginx.conf"), "w") as f:
            f.write("".join(head) + "".join(body) + "}\n")
    else:
        head = [f"ServerRoot {out_dir}\nPidFile {out_dir}/apache.pid\nErrorLog {out_dir}/error.log\n",
                "Listen 127.0.0.1:18443\nMutex file:" + out_dir + " default\n"]
        mods = "/usr/lib/apache2/modules"
        for m in ["mpm_event", "authz_core", "ssl", "headers", "proxy", "proxy_http", "proxy_wstunnel", "rewrite",
                  "socache_shmcb"]:
            head.append(f"LoadModule {m}_module {mods}/mod_{m}.so\n")
        body, size, i = [], sum(map(len, head)), 0
        while size < target:
            one = []
            apache_vhost(i, one)
            body.append(one[0])
            size += len(one[0])
            i += 1
        with open(os.path.join(out_dir, "apache2.conf"), "w") as f:
            f.write("".join(head) + "".join(body))
    print(i)


if __name__ == "__main__":
    main()
