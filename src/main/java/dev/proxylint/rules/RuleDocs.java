package dev.proxylint.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * Reads rule documentation ({@code rules/<ID>.md}) into {@link RuleMeta}.
 *
 * <p>File format: a front matter block between two {@code ---} lines, in a small strict subset of
 * YAML that this class parses itself: {@code key: value}, {@code key: [a, b]} and
 * {@code key:} followed by {@code - item} lines; values may be single- or double-quoted; {@code #}
 * starts a comment only at the start of a line. Then the body: {@code # ID name}, one summary
 * paragraph, and exactly the sections {@code ## Why}, {@code ## Bad}, {@code ## Good},
 * {@code ## References} in that order; Bad and Good each contain a fenced code block.
 *
 * <p>Every problem is a {@link RuleDocException} whose message starts with {@code file:line: }.
 *
 * <p>On the classpath the docs live in {@code dev/proxylint/rules/docs/} (pom.xml copies
 * {@code rules/*.md} there). They are listed by reading that directory, either from a directory
 * ({@code target/classes}) or from the jar that contains it (the shaded jar), so no index file
 * has to be kept in sync.
 */
public final class RuleDocs {
    /** Classpath folder of the docs. */
    public static final String RESOURCE_DIR = "dev/proxylint/rules/docs/";

    private static final Pattern ID = Pattern.compile("[A-Z]{2,5}[0-9]{3}");
    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");
    private static final Pattern CWE = Pattern.compile("CWE-[1-9][0-9]*");
    private static final Pattern URL_PATTERN = Pattern.compile("https?://[^\\s<>\"]+");
    private static final Pattern SEVERITY = Pattern.compile("(?:10(?:\\.0)?|[0-9](?:\\.[0-9])?)");
    private static final Pattern DOC_FILE = Pattern.compile("[A-Z]{2,5}[0-9]{3}\\.md");

    private static final Set<String> REQUIRED = Set.of("id", "name", "title", "dialects", "level", "tags",
            "precision", "sources");
    private static final Set<String> KNOWN = Set.of("id", "name", "title", "dialects", "level", "tags", "cwe",
            "precision", "security-severity", "sources");
    private static final Set<String> LIST_KEYS = Set.of("dialects", "tags", "cwe", "sources");
    private static final Set<String> DIALECTS = Set.of("nginx", "apache");
    private static final Set<String> PRECISIONS = Set.of("very-high", "high", "medium", "low");
    private static final List<String> SECTIONS = List.of("Why", "Bad", "Good", "References");

    private RuleDocs() {
    }

    /** A rule doc that does not follow the format; the message names {@code file:line}. */
    public static final class RuleDocException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public RuleDocException(String message) {
            super(message);
        }
    }

    /** Every rule doc found on the class path of this class, sorted by id. */
    public static List<RuleMeta> loadAll() {
        return loadAll(RuleDocs.class.getClassLoader());
    }

    /** Every rule doc found under {@link #RESOURCE_DIR} of a class loader, sorted by id. */
    public static List<RuleMeta> loadAll(ClassLoader loader) {
        List<RuleMeta> out = new ArrayList<>();
        for (String file : listDocFiles(loader)) {
            out.add(load(loader, file));
        }
        return out;
    }

    /**
     * The doc of one rule id ({@code WS101}), or empty when the class path has none; reads only that
     * file. Gives the same {@link RuleMeta} as {@link #loadAll(ClassLoader)} does for that id.
     */
    public static java.util.Optional<RuleMeta> find(ClassLoader loader, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(read(loader, id + ".md"));
    }

    /** Reads and parses one doc, e.g. {@code SYN001.md}. */
    public static RuleMeta load(ClassLoader loader, String fileName) {
        RuleMeta m = read(loader, fileName);
        if (m == null) {
            throw new RuleDocException(fileName + ":1: rule doc not found on the class path");
        }
        return m;
    }

    /** Reads and parses one doc; null when the class path has no such file. */
    private static RuleMeta read(ClassLoader loader, String fileName) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE_DIR + fileName)) {
            return in == null ? null : parse(fileName, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule doc " + fileName, e);
        }
    }

    /** The doc file names ({@code ID.md}) in {@link #RESOURCE_DIR}, sorted. */
    static List<String> listDocFiles(ClassLoader loader) {
        Set<String> names = new TreeSet<>();
        try {
            Enumeration<URL> dirs = loader.getResources(RESOURCE_DIR);
            for (URL url : Collections.list(dirs)) {
                collect(url, names);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rule docs", e);
        }
        return new ArrayList<>(names);
    }

    private static void collect(URL url, Set<String> names) throws IOException {
        switch (url.getProtocol()) {
            case "file" -> {
                Path dir;
                try {
                    dir = Path.of(url.toURI());
                } catch (URISyntaxException e) {
                    throw new IOException("bad rule doc URL " + url, e);
                }
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.md")) {
                    for (Path p : ds) {
                        addIfDoc(p.getFileName().toString(), names);
                    }
                }
            }
            case "jar" -> {
                JarURLConnection conn = (JarURLConnection) url.openConnection();
                conn.setUseCaches(false);
                try (JarFile jar = conn.getJarFile()) {
                    for (JarEntry e : Collections.list(jar.entries())) {
                        String n = e.getName();
                        if (!e.isDirectory() && n.startsWith(RESOURCE_DIR)
                                && n.indexOf('/', RESOURCE_DIR.length()) < 0) {
                            addIfDoc(n.substring(RESOURCE_DIR.length()), names);
                        }
                    }
                }
            }
            default -> throw new IOException("cannot list rule docs from " + url);
        }
    }

    private static void addIfDoc(String fileName, Set<String> names) {
        if (DOC_FILE.matcher(fileName).matches()) {
            names.add(fileName);
        }
    }

    /** Parses one doc; {@code fileName} is used in error messages and must be {@code <id>.md}. */
    public static RuleMeta parse(String fileName, String content) {
        String[] lines = content.replace("\r\n", "\n").split("\n", -1);
        int n = 0;
        if (lines.length == 0 || !lines[0].equals("---")) {
            throw err(fileName, 1, "expected front matter starting with '---'");
        }
        Map<String, Object> fm = new LinkedHashMap<>();
        Map<String, Integer> keyLine = new LinkedHashMap<>();
        String openList = null;
        int i = 1;
        for (; i < lines.length; i++) {
            String line = lines[i];
            int ln = i + 1;
            if (line.equals("---")) {
                break;
            }
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            if (line.startsWith(" ") || line.startsWith("-")) {
                String t = line.strip();
                if (!t.startsWith("- ") || openList == null) {
                    throw err(fileName, ln, "unexpected line in front matter: '" + line.strip() + "'");
                }
                @SuppressWarnings("unchecked")
                List<String> l = (List<String>) fm.get(openList);
                l.add(unquote(fileName, ln, t.substring(2).strip()));
                continue;
            }
            openList = null;
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw err(fileName, ln, "expected 'key: value' in front matter");
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            if (!KNOWN.contains(key)) {
                throw err(fileName, ln, "unknown front matter key '" + key + "' (known: " + new TreeSet<>(KNOWN) + ")");
            }
            if (fm.containsKey(key)) {
                throw err(fileName, ln, "duplicate front matter key '" + key + "'");
            }
            keyLine.put(key, ln);
            if (LIST_KEYS.contains(key)) {
                List<String> items = new ArrayList<>();
                if (value.isEmpty()) {
                    openList = key;
                } else if (value.startsWith("[") && value.endsWith("]")) {
                    String inner = value.substring(1, value.length() - 1).strip();
                    if (!inner.isEmpty()) {
                        for (String part : inner.split(",", -1)) {
                            String p = part.strip();
                            if (p.isEmpty()) {
                                throw err(fileName, ln, "empty item in list '" + key + "'");
                            }
                            items.add(unquote(fileName, ln, p));
                        }
                    }
                } else {
                    throw err(fileName, ln, "'" + key + "' must be a list: [a, b] or '- item' lines");
                }
                fm.put(key, items);
            } else {
                if (value.isEmpty()) {
                    throw err(fileName, ln, "'" + key + "' has no value");
                }
                if (value.startsWith("[")) {
                    throw err(fileName, ln, "'" + key + "' must be a single value, not a list");
                }
                fm.put(key, unquote(fileName, ln, value));
            }
        }
        if (i >= lines.length) {
            throw err(fileName, 1, "front matter is not closed by '---'");
        }
        int fmEnd = i + 1; // 1-based line of the closing ---
        for (String k : new TreeSet<>(REQUIRED)) {
            if (!fm.containsKey(k)) {
                throw err(fileName, fmEnd, "front matter lacks required key '" + k + "'");
            }
        }

        String id = (String) fm.get("id");
        int idLine = keyLine.get("id");
        if (!ID.matcher(id).matches()) {
            throw err(fileName, idLine, "bad id '" + id + "' (expected family letters and 3 digits, e.g. WS101)");
        }
        if (!fileName.equals(id + ".md")) {
            throw err(fileName, idLine, "id '" + id + "' does not match the file name");
        }
        String name = (String) fm.get("name");
        if (!KEBAB.matcher(name).matches()) {
            throw err(fileName, keyLine.get("name"), "name '" + name + "' is not kebab-case");
        }
        String title = (String) fm.get("title");
        List<String> dialects = list(fm, "dialects");
        if (dialects.isEmpty()) {
            throw err(fileName, keyLine.get("dialects"), "dialects must not be empty");
        }
        for (String d : dialects) {
            if (!DIALECTS.contains(d)) {
                throw err(fileName, keyLine.get("dialects"), "unknown dialect '" + d + "' (nginx or apache)");
            }
        }
        Level level;
        String lv = (String) fm.get("level");
        if (!Set.of("error", "warning", "note").contains(lv)) {
            throw err(fileName, keyLine.get("level"), "level must be error, warning or note, not '" + lv + "'");
        }
        level = Level.parse(lv);
        List<String> tags = list(fm, "tags");
        for (String t : tags) {
            if (!KEBAB.matcher(t).matches()) {
                throw err(fileName, keyLine.get("tags"), "tag '" + t + "' is not kebab-case");
            }
        }
        List<String> cwe = fm.containsKey("cwe") ? list(fm, "cwe") : List.of();
        for (String c : cwe) {
            if (!CWE.matcher(c).matches()) {
                throw err(fileName, keyLine.get("cwe"), "bad CWE '" + c + "' (expected CWE-<number>)");
            }
        }
        String precision = (String) fm.get("precision");
        if (!PRECISIONS.contains(precision)) {
            throw err(fileName, keyLine.get("precision"), "precision must be one of " + new TreeSet<>(PRECISIONS));
        }
        boolean security = tags.contains("security");
        String severity = (String) fm.get("security-severity");
        if (security && severity == null) {
            throw err(fileName, keyLine.get("tags"), "rules tagged 'security' need 'security-severity'");
        }
        if (!security && severity != null) {
            throw err(fileName, keyLine.get("security-severity"),
                    "'security-severity' is only for rules tagged 'security'");
        }
        if (severity != null && !SEVERITY.matcher(severity).matches()) {
            throw err(fileName, keyLine.get("security-severity"),
                    "security-severity must be a number from 0.0 to 10.0 with one decimal, not '" + severity + "'");
        }
        List<String> sources = list(fm, "sources");
        if (sources.isEmpty()) {
            throw err(fileName, keyLine.get("sources"), "sources must list at least one URL");
        }
        for (String s : sources) {
            if (!URL_PATTERN.matcher(s).matches()) {
                throw err(fileName, keyLine.get("sources"), "source '" + s + "' is not an http(s) URL");
            }
        }

        // body
        int bodyStart = fmEnd; // index of the first body line
        StringBuilder md = new StringBuilder();
        for (int k = bodyStart; k < lines.length; k++) {
            md.append(lines[k]);
            if (k < lines.length - 1) {
                md.append('\n');
            }
        }
        String markdown = md.toString().strip() + "\n";
        String summary = checkBody(fileName, lines, bodyStart, id, name);
        return new RuleMeta(id, name, title, summary, List.copyOf(dialects), level, List.copyOf(tags),
                List.copyOf(cwe), precision, severity, List.copyOf(sources), markdown, RuleDocsRenderer.plainText(markdown));
    }

    /** Checks the body structure and returns the summary paragraph (joined to one line). */
    private static String checkBody(String f, String[] lines, int start, String id, String name) {
        int i = start;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i >= lines.length) {
            throw err(f, lines.length, "missing body: expected '# " + id + " " + name + "'");
        }
        String heading = "# " + id + " " + name;
        if (!lines[i].strip().equals(heading)) {
            throw err(f, i + 1, "expected heading '" + heading + "'");
        }
        i++;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        StringBuilder summary = new StringBuilder();
        int summaryLine = i + 1;
        while (i < lines.length && !lines[i].isBlank() && !lines[i].startsWith("#")) {
            if (summary.length() > 0) {
                summary.append(' ');
            }
            summary.append(lines[i].strip());
            i++;
        }
        if (summary.length() == 0) {
            throw err(f, summaryLine, "expected a summary paragraph after the heading");
        }
        int section = 0;
        boolean inFence = false;
        boolean fenceInSection = false;
        int sectionLine = 0;
        for (; i < lines.length; i++) {
            String line = lines[i];
            int ln = i + 1;
            if (line.startsWith("```")) {
                if (!inFence && section == 0) {
                    throw err(f, ln, "code block outside a section; the summary is one paragraph");
                }
                inFence = !inFence;
                fenceInSection = true;
                continue;
            }
            if (inFence) {
                continue;
            }
            if (line.startsWith("#")) {
                if (!line.startsWith("## ") || line.startsWith("###")) {
                    if (line.startsWith("###") && section > 0) {
                        continue; // sub-headings inside a section are fine
                    }
                    throw err(f, ln, "unexpected heading '" + line.strip() + "'; expected '## "
                            + (section < SECTIONS.size() ? SECTIONS.get(section) : "") + "'");
                }
                String s = line.substring(3).strip();
                if (section >= SECTIONS.size() || !s.equals(SECTIONS.get(section))) {
                    throw err(f, ln, "unexpected section '## " + s + "'; expected "
                            + (section < SECTIONS.size() ? "'## " + SECTIONS.get(section) + "'" : "no more sections"));
                }
                if (section > 0) {
                    checkSectionEnd(f, SECTIONS.get(section - 1), sectionLine, fenceInSection);
                }
                section++;
                sectionLine = ln;
                fenceInSection = false;
                continue;
            }
            if (section == 0 && !line.isBlank()) {
                throw err(f, ln, "the summary must be a single paragraph; expected '## Why'");
            }
        }
        if (inFence) {
            throw err(f, lines.length, "unclosed code fence");
        }
        if (section < SECTIONS.size()) {
            throw err(f, lines.length, "missing section '## " + SECTIONS.get(section) + "'");
        }
        checkSectionEnd(f, SECTIONS.get(section - 1), sectionLine, fenceInSection);
        return summary.toString();
    }

    private static void checkSectionEnd(String f, String section, int line, boolean hadFence) {
        if ((section.equals("Bad") || section.equals("Good")) && !hadFence) {
            throw err(f, line, "section '## " + section + "' needs a fenced config example");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> fm, String key) {
        return (List<String>) fm.get(key);
    }

    private static String unquote(String f, int ln, String v) {
        if (v.length() >= 2 && ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("'") && v.endsWith("'")))) {
            return v.substring(1, v.length() - 1);
        }
        if (v.startsWith("\"") || v.startsWith("'")) {
            throw err(f, ln, "unterminated quote in '" + v + "'");
        }
        return v;
    }

    private static RuleDocException err(String file, int line, String msg) {
        return new RuleDocException(file + ":" + line + ": " + msg);
    }
}
