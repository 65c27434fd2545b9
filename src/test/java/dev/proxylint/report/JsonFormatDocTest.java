package dev.proxylint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** docs/json-format.md documents every field the JSON reporter writes. */
class JsonFormatDocTest {
    private static void keys(JsonNode n, Set<String> out) {
        if (n.isObject()) {
            for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
                String k = it.next();
                out.add(k);
                keys(n.get(k), out);
            }
        } else if (n.isArray()) {
            n.forEach(c -> keys(c, out));
        }
    }

    @Test
    void everyFieldIsDocumented() throws IOException {
        JsonNode doc = new ObjectMapper().readTree(Golden.render(new JsonReporter(Fixtures.options(false)), Fixtures.input()));
        assertEquals(JsonReporter.FORMAT_VERSION, doc.get("version").asInt());
        Set<String> fields = new TreeSet<>();
        keys(doc, fields);
        String md = Files.readString(Path.of("docs/json-format.md"));
        for (String f : fields) {
            assertTrue(md.contains("`" + f + "`"), "docs/json-format.md does not document `" + f + "`");
        }
        assertEquals(3, doc.at("/summary/files").asInt());
        assertEquals(2, doc.at("/summary/suppressed").asInt());
        assertEquals(2, doc.at("/summary/errors").asInt());
    }

    @Test
    void theDocsExampleHasTheSameShapeAsRealOutput() throws IOException {
        String md = Files.readString(Path.of("docs/json-format.md"));
        int a = md.indexOf("```json\n") + 8;
        JsonNode example = new ObjectMapper().readTree(md.substring(a, md.indexOf("```", a)));
        JsonNode real = new ObjectMapper().readTree(Golden.render(new JsonReporter(Fixtures.options(false)), Fixtures.input()));
        Set<String> ek = new TreeSet<>();
        Set<String> rk = new TreeSet<>();
        keys(example, ek);
        keys(real, rk);
        assertEquals(rk, ek);
    }
}
