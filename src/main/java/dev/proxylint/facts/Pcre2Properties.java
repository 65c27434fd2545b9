package dev.proxylint.facts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The Unicode property names of PCRE2 10.42 ({@code pcre2-properties.tsv}, generated from its
 * {@code utt[]} table by tools/gen-pcre2-properties.py), loaded on first use: most configs hold no
 * {@code \p{...}}.
 */
final class Pcre2Properties {
    private Pcre2Properties() {
    }

    /** Name (as PCRE2 stores it) to PCRE2 type (PT_SC, PT_SCX, PT_BOOL, ...). */
    private static final class Table {
        static final Map<String, String> TYPES = load();

        private static Map<String, String> load() {
            Map<String, String> m = new HashMap<>();
            try (InputStream in = Pcre2Properties.class.getResourceAsStream("pcre2-properties.tsv")) {
                if (in == null) {
                    throw new IllegalStateException("pcre2-properties.tsv is missing from the jar");
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    if (l.isEmpty() || l.startsWith("#")) {
                        continue;
                    }
                    int tab = l.indexOf('\t');
                    m.put(l.substring(0, tab), l.substring(tab + 1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return m;
        }
    }

    /**
     * Whether PCRE2 knows the property: {@code name} is lower case without spaces, hyphens and
     * underscores; {@code sep} is the index of its first {@code :} or {@code =}, or -1. With a
     * separator, {@code bc}/{@code bidiclass} take any bidi class and {@code sc}/{@code script},
     * {@code scx}/{@code scriptextensions} any script; other property names before it are unknown.
     */
    static boolean known(String name, int sep) {
        Map<String, String> types = Table.TYPES;
        if (sep < 0) {
            return types.containsKey(name);
        }
        String prop = name.substring(0, sep);
        String value = name.substring(sep + 1);
        switch (prop) {
            case "bidiclass", "bc" -> {
                return types.containsKey("bidi" + value);
            }
            case "script", "sc", "scriptextensions", "scx" -> {
                String t = types.get(value);
                return "PT_SC".equals(t) || "PT_SCX".equals(t);
            }
            default -> {
                return false;
            }
        }
    }
}
