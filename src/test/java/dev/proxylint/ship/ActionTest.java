package dev.proxylint.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The GitHub Action as far as it can run here: its metadata is a composite action with the
 * documented inputs and outputs, and its own shell step, run by bash with GitHub's expressions
 * filled in, annotates findings, writes SARIF and hands proxylint's exit code to the last step.
 */
class ActionTest {
    @TempDir
    Path tmp;

    @SuppressWarnings("unchecked")
    static Map<String, Object> action() throws Exception {
        Object o = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(Path.of("action.yml")));
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> step(Map<String, Object> action, String name) {
        List<Map<String, Object>> steps = (List<Map<String, Object>>) ((Map<String, Object>) action.get("runs")).get("steps");
        return steps.stream().filter(s -> name.equals(s.get("name"))).findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void metadataIsACompositeActionWithTheDocumentedInterface() throws Exception {
        Map<String, Object> a = action();
        assertEquals("composite", ((Map<String, Object>) a.get("runs")).get("using"));
        Map<String, Object> inputs = (Map<String, Object>) a.get("inputs");
        assertTrue(inputs.keySet().containsAll(List.of("paths", "args", "upload-sarif", "sarif-file")), inputs.toString());
        assertNotNull(((Map<String, Object>) a.get("outputs")).get("exit-code"));
        Map<String, Object> upload = step(a, "Upload SARIF to code scanning");
        assertTrue(String.valueOf(upload.get("uses")).startsWith("github/codeql-action/upload-sarif@"));
        assertEquals("${{ inputs.sarif-file }}", ((Map<String, Object>) upload.get("with")).get("sarif_file"));
    }

    @Test
    void runStepAnnotatesWritesSarifAndKeepsTheExitCode() throws Exception {
        String script = String.valueOf(step(action(), "Run proxylint").get("run"));
        // the action's checkout: bin/proxylint runs this build's classes (the jar is built after tests)
        Path actionPath = Files.createDirectories(tmp.resolve("action/bin"));
        Path launcher = actionPath.resolve("proxylint");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(launcher, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' dev.proxylint.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path repo = Files.createDirectories(tmp.resolve("repo/nginx"));
        Files.writeString(repo.resolve("nginx.conf"), "events {}\nhttp {\n    server {\n        listen 80;\n"
                + "        location /ws {\n            proxy_pass http://127.0.0.1:8080;\n        }\n    }\n}\n");
        Path output = tmp.resolve("github_output");
        String filled = script.replace("${{ github.action_path }}", tmp.resolve("action").toString())
                .replace("${{ inputs.sarif-file }}", "proxylint.sarif").replace("${{ inputs.args }}", "--nginx-version 1.22.1")
                .replace("${{ inputs.paths }}", ".");
        assertTrue(!filled.contains("${{"), filled);
        ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-c", filled).directory(tmp.resolve("repo").toFile());
        pb.environment().put("GITHUB_OUTPUT", output.toString());
        Path log = tmp.resolve("log.txt");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the step did not finish");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("::error file=nginx/nginx.conf,line=5,col=9"), out);
        assertTrue(Files.readString(output).contains("exit-code=1"), Files.readString(output));
        JsonNode sarif = new ObjectMapper().readTree(tmp.resolve("repo/proxylint.sarif").toFile());
        assertEquals("2.1.0", sarif.get("version").asText());
        assertTrue(sarif.at("/runs/0/results").size() >= 2);
        String fail = String.valueOf(step(action(), "Fail on findings").get("run"));
        assertEquals("exit ${{ steps.run.outputs.exit-code }}", fail.trim());
    }
}
