package dev.proxylint.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian and Ubuntu start Apache through apache2ctl, which first sources {@code envvars} beside
 * {@code apache2.conf}: that is where {@code ${APACHE_LOG_DIR}} and friends come from. Reading its
 * plain {@code export NAME=value} lines lets proxylint resolve those variables as httpd would
 * instead of reporting them undefined. Anything computed by the shell other than Debian's
 * {@code $SUFFIX} (empty for the default instance) is left out.
 */
final class DebianEnvvars {
    private static final Pattern EXPORT = Pattern.compile("^\\s*export\\s+([A-Za-z_][A-Za-z0-9_]*)=(.*?)\\s*$");

    private DebianEnvvars() {
    }

    /** The variables of the {@code envvars} next to the Apache config that holds {@code file}, or none. */
    static Map<String, String> near(Path file) {
        if (file == null) {
            return Map.of();
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        for (int i = 0; dir != null && i < 3; i++, dir = dir.getParent()) {
            Path env = dir.resolve("envvars");
            if (Files.isRegularFile(env) && (Files.exists(dir.resolve("apache2.conf")) || Files.exists(dir.resolve("httpd.conf")))) {
                return read(env);
            }
        }
        return Map.of();
    }

    static Map<String, String> read(Path env) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(env, StandardCharsets.ISO_8859_1)) {
                Matcher m = EXPORT.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                String v = m.group(2);
                if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                v = v.replace("${SUFFIX}", "").replace("$SUFFIX", "");
                if (!v.contains("$") && !v.contains("`")) {
                    out.put(m.group(1), v);
                }
            }
        } catch (IOException e) {
            return Map.of(); // unreadable envvars: variables stay undefined and are reported as such
        }
        return out;
    }
}
