package dev.proxylint.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an nginx test case of {@code testdata/nginx/} into something {@link NginxProcess} runs: the
 * contents of the case's {@code http} block (or the whole text of a conf.d-style fragment), with the
 * conventions of {@code testdata/nginx/ws/README.md} replaced: {@code listen 80;} becomes the
 * harness' port, backend {@code 127.0.0.1:8080} becomes the echo backend, and relative includes are
 * copied next to the generated config.
 */
final class NginxCaseConfig {
    static final String LISTEN = "listen 80;";
    static final String BACKEND = "127.0.0.1:8080";
    private static final Pattern HTTP_OPEN = Pattern.compile("^\\s*http\\s*\\{\\s*$");
    private static final Pattern EVENTS = Pattern.compile("^\\s*events\\s*\\{[^}]*}\\s*$");
    private static final Pattern INCLUDE = Pattern.compile("(?m)^\\s*include\\s+([^;\\s]+)\\s*;");
    private static final Pattern PROBE = Pattern.compile("(?m)^#\\s*probe:\\s*(\\S+)\\s*$");

    private NginxCaseConfig() {
    }

    /** The path named by the case's {@code # probe: /ws} header line, or null. */
    static String probe(String caseText) {
        Matcher m = PROBE.matcher(caseText);
        return m.find() ? m.group(1) : null;
    }

    /** The text for {@link NginxProcess#http}: the http block's body, or the whole fragment. */
    static String httpBody(String caseText) {
        List<String> lines = caseText.lines().toList();
        int open = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (HTTP_OPEN.matcher(lines.get(i)).matches()) {
                open = i;
                break;
            }
        }
        List<String> body = new ArrayList<>();
        if (open < 0) {
            body.addAll(lines); // a conf.d fragment: it lives inside http already
        } else {
            int close = lines.size() - 1;
            while (close > open && !lines.get(close).trim().equals("}")) {
                close--;
            }
            if (close <= open) {
                throw new IllegalArgumentException("case has an http block without its closing brace on a line of its own");
            }
            for (int i = 0; i < open; i++) {
                String t = lines.get(i).trim();
                if (!t.isEmpty() && !t.startsWith("#") && !EVENTS.matcher(lines.get(i)).matches()) {
                    throw new IllegalArgumentException("case has main-level directives the harness cannot place: " + t);
                }
            }
            body.addAll(lines.subList(open + 1, close));
        }
        return substitute(String.join("\n", body));
    }

    /** The conventions replaced by harness placeholders. */
    static String substitute(String text) {
        return text.replace(LISTEN, "listen 127.0.0.1:@PORT@;").replace(BACKEND, "@BACKEND@");
    }

    /**
     * Relative include targets of a case text (and of the files they include), read from
     * {@code dir}, keyed by the path as written. Missing files are left out (nginx will say so).
     */
    static Map<String, String> includes(String text, Path dir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> todo = new ArrayList<>(List.of(text));
        while (!todo.isEmpty()) {
            Matcher m = INCLUDE.matcher(todo.remove(todo.size() - 1));
            while (m.find()) {
                String rel = m.group(1);
                Path p = dir.resolve(rel);
                if (Path.of(rel).isAbsolute() || out.containsKey(rel) || !Files.isRegularFile(p)) {
                    continue;
                }
                String t = Files.readString(p);
                out.put(rel, t);
                todo.add(t);
            }
        }
        return out;
    }
}
