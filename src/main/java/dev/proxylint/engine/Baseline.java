package dev.proxylint.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proxylint.rules.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Findings recorded earlier, to be hidden from later runs. A finding's key is its rule, its file's
 * name and a hash of the flagged line's text (blanks folded), plus its rank among findings with the
 * same key: edits elsewhere in the file, which move lines, keep the key.
 */
public final class Baseline {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, Integer> counts;

    private Baseline(Map<String, Integer> counts) {
        this.counts = counts;
    }

    static String lineHash(Finding f) {
        var file = f.span().file();
        String line = file.lineText(f.span().startLine()).trim().replaceAll("\\s+", " ");
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] h = md.digest(line.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String key(Finding f) {
        return f.ruleId() + "|" + f.span().file().name().replace('\\', '/') + "|" + lineHash(f);
    }

    public static Baseline read(Path file) {
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            JsonNode entries = root.get("findings");
            if (root.path("version").asInt() != 1 || entries == null || !entries.isArray()) {
                throw new LintException(file + ": not a proxylint baseline (expected {\"version\": 1, \"findings\": [...]})");
            }
            Map<String, Integer> counts = new HashMap<>();
            for (JsonNode e : entries) {
                String k = e.path("rule").asText() + "|" + e.path("path").asText() + "|" + e.path("lineHash").asText();
                counts.merge(k, 1, Integer::sum);
            }
            return new Baseline(counts);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var loc = e.getLocation();
            throw new LintException(file + ":" + (loc == null ? 1 : loc.getLineNr()) + ":"
                    + (loc == null ? 1 : loc.getColumnNr()) + ": invalid baseline JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new LintException(file + ": cannot read baseline: " + Linter.describe(e));
        }
    }

    public static void write(Path file, List<Finding> findings) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ArrayNode arr = root.putArray("findings");
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Finding.ORDER);
        for (Finding f : sorted) {
            ObjectNode e = arr.addObject();
            e.put("rule", f.ruleId());
            e.put("path", f.span().file().name().replace('\\', '/'));
            e.put("lineHash", lineHash(f));
            e.put("line", f.span().startLine());
            e.put("message", f.message());
        }
        try {
            byte[] bytes = JSON.writeValueAsBytes(root);
            OutputFile.write(file, out -> out.write(bytes));
        } catch (IOException e) {
            throw new LintException(file + ": cannot write baseline: " + Linter.describe(e));
        }
    }

    /** The findings not in the baseline. */
    public List<Finding> filter(List<Finding> findings) {
        Map<String, Integer> left = new HashMap<>(counts);
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Finding.ORDER);
        List<Finding> out = new ArrayList<>();
        for (Finding f : sorted) {
            String k = key(f);
            Integer n = left.get(k);
            if (n != null && n > 0) {
                left.put(k, n - 1);
            } else {
                out.add(f);
            }
        }
        return out;
    }
}
