package dev.proxylint.bench;

import dev.proxylint.nginx.NginxFrontend;
import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.ParsedFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Parse throughput of the nginx front end on a generated, realistic configuration (many server
 * blocks with locations, proxy settings, maps, upstreams, comments and quoted strings).
 * Usage: {@code NginxParseBench [sizeMB] [iterations]}. Prints MB/s per iteration and the peak heap
 * (sum of the heap memory pools' peak usage, reset after the input is built).
 */
public final class NginxParseBench {
    public static void main(String[] argv) {
        int mb = argv.length > 0 ? Integer.parseInt(argv[0]) : 20;
        int iterations = argv.length > 1 ? Integer.parseInt(argv[1]) : 5;
        String text = generate(mb * 1024L * 1024L, new Random(42));
        SourceFile file = SourceFile.fromBytes(null, "bench.conf", text.getBytes(StandardCharsets.UTF_8));
        double size = file.text().length() / (1024.0 * 1024.0);
        System.out.printf("input: %.1f MB, %d lines%n", size, file.lineCount());
        NginxFrontend fe = new NginxFrontend();
        for (int i = 0; i < 3; i++) {
            check(fe.parse(file)); // warm-up
        }
        System.gc();
        long baseline = heapUsed();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double best = 0;
        double sum = 0;
        double bestCpu = 0;
        ParsedFile keep = null;
        for (int i = 0; i < iterations; i++) {
            keep = null;
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            keep = fe.parse(file);
            long t1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            check(keep);
            double rate = size / ((t1 - t0) / 1e9);
            double cpuRate = size / ((c1 - c0) / 1e9);
            best = Math.max(best, rate);
            bestCpu = Math.max(bestCpu, cpuRate);
            sum += rate;
            System.out.printf("iteration %d: %.0f ms wall, %.1f MB/s wall, %.1f MB/s per CPU-second of the parsing thread%n",
                    i + 1, (t1 - t0) / 1e6, rate, cpuRate);
        }
        System.gc();
        long retained = heapUsed() - baseline;
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        System.out.printf("mean %.1f MB/s, best %.1f MB/s wall (one thread); best %.1f MB/s per CPU-second%n",
                sum / iterations, best, bestCpu);
        System.out.printf("peak heap %.0f MB (%.1fx input; includes the input text and one live tree)%n",
                peak / 1048576.0, peak / (double) (file.text().length()));
        System.out.printf("retained tree %.0f MB (%.1fx input), %d top-level items%n", retained / 1048576.0,
                retained / (double) file.text().length(), keep.items().size());
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void check(ParsedFile pf) {
        if (!pf.problems().isEmpty()) {
            throw new IllegalStateException("generated config has problems: " + pf.problems().get(0));
        }
    }

    static String generate(long bytes, Random r) {
        StringBuilder sb = new StringBuilder((int) bytes + 4096);
        sb.append("# generated benchmark configuration\nuser www-data;\nworker_processes auto;\n")
                .append("events {\n    worker_connections 1024;\n}\nhttp {\n    include mime.types;\n")
                .append("    log_format main '$remote_addr - $remote_user [$time_local] \"$request\" '\n")
                .append("                    '$status $body_bytes_sent \"$http_referer\"';\n");
        int n = 0;
        while (sb.length() < bytes) {
            n++;
            sb.append("    upstream backend").append(n).append(" {\n");
            for (int k = 0; k < 3; k++) {
                sb.append("        server 10.0.").append(n % 250).append('.').append(k + 1).append(":8080 weight=")
                        .append(1 + r.nextInt(5)).append(" max_fails=3;\n");
            }
            sb.append("        keepalive 32;\n    }\n");
            sb.append("    map $http_upgrade $connection_upgrade_").append(n).append(" {\n")
                    .append("        default upgrade;\n        '' close;\n    }\n");
            sb.append("    server {\n        listen 443 ssl http2;\n        server_name www").append(n)
                    .append(".example.com example").append(n).append(".org;\n")
                    .append("        ssl_certificate /etc/ssl/certs/site").append(n).append(".pem;\n")
                    .append("        ssl_protocols TLSv1.2 TLSv1.3; # modern only\n")
                    .append("        add_header Strict-Transport-Security \"max-age=63072000; includeSubDomains\" always;\n");
            int locs = 2 + r.nextInt(4);
            for (int k = 0; k < locs; k++) {
                sb.append("        location ").append(k == 0 ? "/" : "~ ^/api/v" + k + "/(.*)$").append(" {\n")
                        .append("            proxy_pass http://backend").append(n).append(";\n")
                        .append("            proxy_http_version 1.1;\n")
                        .append("            proxy_set_header Host $host;\n")
                        .append("            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n")
                        .append("            proxy_set_header Upgrade $http_upgrade;\n")
                        .append("            proxy_set_header Connection $connection_upgrade_").append(n).append(";\n")
                        .append("            proxy_read_timeout ").append(30 + r.nextInt(300)).append("s;\n");
                if (r.nextInt(3) == 0) {
                    sb.append("            if ($request_method = \"OPTIONS\") {\n                return 204;\n            }\n");
                }
                sb.append("        }\n");
            }
            sb.append("    }\n");
        }
        sb.append("}\n");
        return sb.toString();
    }
}
