package dev.proxylint.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The launcher's training run ({@code proxylint.jar --train-class-archive}): lints the bundled training configs ({@code dev/proxylint/train/}:
 * an nginx and an Apache config that reach the common paths of the reader, the resolver, the
 * rules, the fixes and every report format) with the usual subcommands, so that the class
 * archive that bin/proxylint records holds what later runs load, whatever the first run happened to
 * be ({@code --version}, an empty file or a fleet). Output goes to standard output, which the
 * launcher discards; files are only written under a temporary directory, which is removed.
 * Exit status 0 when every step ran (findings are the point), 2 when one failed.
 *
 * <p>{@code --train-class-archive check} runs only {@code check} in text, the usual command: for
 * Java 24+'s AOT cache, which loads every class it holds at start (JEP 483), so that a larger
 * training set makes every later start slower (measured: 0.31 s against 0.25 s for a small file
 * on Temurin 25); Java 17's CDS archive maps classes when they are first used, so it gets all.
 */
public final class Train {
    private static final List<String> FILES = List.of("nginx.conf", "mime.types", "httpd.conf");

    private Train() {
    }

    static int run(boolean full) throws IOException {
        Path dir = Files.createTempDirectory("proxylint-train");
        try {
            for (String f : FILES) {
                try (InputStream in = Train.class.getResourceAsStream("/dev/proxylint/train/" + f)) {
                    if (in == null) {
                        System.err.println("proxylint: train: missing resource " + f);
                        return 2;
                    }
                    Files.copy(in, dir.resolve(f));
                }
            }
            String nginx = dir.resolve("nginx.conf").toString();
            String apache = dir.resolve("httpd.conf").toString();
            List<String[]> steps = !full ? List.<String[]>of(new String[] {"check", nginx, apache}) : List.of(
                    new String[] {"check", nginx, apache},
                    new String[] {"check", "--format", "concise", nginx, apache},
                    new String[] {"check", "--format", "json", nginx, apache},
                    new String[] {"check", "--format", "sarif", nginx, apache},
                    new String[] {"check", "--diff", nginx, apache},
                    new String[] {"dump", nginx},
                    new String[] {"dump", apache},
                    new String[] {"rules"},
                    new String[] {"explain", "WS101"},
                    new String[] {"--version"});
            for (String[] step : steps) {
                if (Main.run(step) > 1) {
                    System.err.println("proxylint: train: step failed: " + String.join(" ", step));
                    return 2;
                }
            }
            return 0;
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
