package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The GitHub Action works from a repository without pom.xml: its shell steps (action.yml), with
 * GitHub's expressions filled in as the runner would, run in a directory that holds only configs.
 * The action directory is a copy of this checkout's action files whose target/proxylint.jar is in
 * place (as after a release download) and whose bin/proxylint runs this build's classes.
 */
class ActionStepsTest {
    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void theActionsStepsRunInARepositoryWithoutPom() throws Exception {
        String yml = Files.readString(Path.of("action.yml"));
        assertFalse(yml.contains("cache: maven"), "setup-java's Maven cache fails without a pom.xml");
        Map<String, Object> action = new Yaml().load(yml);
        Map<String, Object> inputs = (Map<String, Object>) action.get("inputs");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) ((Map<String, Object>) action.get("runs")).get("steps");

        Path actionDir = Files.createDirectories(tmp.resolve("action"));
        Files.createDirectories(actionDir.resolve(".github"));
        Files.copy(Path.of(".github/action-get-jar.sh"), actionDir.resolve(".github/action-get-jar.sh"));
        Files.createDirectories(actionDir.resolve("target"));
        Files.writeString(actionDir.resolve("target/proxylint.jar"), "stand-in: bin/proxylint runs the build's classes");
        Path bin = Files.createDirectories(actionDir.resolve("bin"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(bin.resolve("proxylint"), "#!/bin/sh\nexec '" + java + "' -cp '"
                + System.getProperty("java.class.path") + "' dev.proxylint.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(bin.resolve("proxylint"), PosixFilePermissions.fromString("rwxr-xr-x"));

        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve("deploy"));
        Files.writeString(repo.resolve("deploy/site.conf"),
                "server {\n    listen 80;\n    location /ws {\n        proxy_pass http://127.0.0.1:8080;\n    }\n}\n");
        assertFalse(Files.exists(repo.resolve("pom.xml")));
        Path output = tmp.resolve("github-output");
        Files.writeString(output, "");

        Map<String, String> ctx = new HashMap<>();
        ctx.put("github.action_path", actionDir.toString());
        ctx.put("github.action_repository", "proxylint/proxylint");
        ctx.put("github.action_ref", "main");
        for (Map.Entry<String, Object> e : inputs.entrySet()) {
            Object dflt = ((Map<String, Object>) e.getValue()).get("default");
            ctx.put("inputs." + e.getKey(), dflt == null ? "" : dflt.toString());
        }
        List<String> ran = new ArrayList<>();
        String runOutput = "";
        int lastCode = -1;
        for (Map<String, Object> step : steps) {
            if (!step.containsKey("run")) {
                continue; // uses: steps (setup-java, upload-sarif) belong to the runner
            }
            String name = String.valueOf(step.get("name"));
            if (step.containsKey("if")) {
                continue; // conditional steps (none of the shell ones today) would need the runner's evaluator
            }
            ctx.put("steps.run.outputs.exit-code", readOutput(output, "exit-code"));
            Map<String, String> env = new HashMap<>();
            env.put("PATH", "/usr/bin:/bin");
            env.put("HOME", tmp.toString());
            env.put("GITHUB_OUTPUT", output.toString());
            Map<String, Object> stepEnv = (Map<String, Object>) step.get("env");
            if (stepEnv != null) {
                stepEnv.forEach((k, v) -> env.put(k, fill(String.valueOf(v), ctx)));
            }
            Path script = tmp.resolve("step-" + ran.size() + ".sh");
            Files.writeString(script, fill(String.valueOf(step.get("run")), ctx));
            ProcessBuilder pb = new ProcessBuilder("bash", "-e", script.toString()).directory(repo.toFile())
                    .redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(env);
            Path log = tmp.resolve("step-" + ran.size() + ".log");
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("step '" + name + "' did not finish in 120 s");
            }
            lastCode = p.exitValue();
            String out = Files.readString(log);
            if (name.equals("Run proxylint")) {
                runOutput = out;
                assertEquals(0, lastCode, "the run step records the exit code and succeeds: " + out);
            } else if (name.equals("Get proxylint")) {
                assertEquals(0, lastCode, "getting proxylint needs no pom.xml in the repository: " + out);
            }
            ran.add(name);
        }
        assertTrue(ran.containsAll(List.of("Get proxylint", "Run proxylint", "Fail on findings")), ran.toString());
        assertTrue(runOutput.contains("::error file=deploy/site.conf"), runOutput);
        assertEquals("1", readOutput(output, "exit-code"));
        assertEquals(1, lastCode, "the last step fails the job with proxylint's exit code");
        assertTrue(Files.size(repo.resolve(ctx.get("inputs.sarif-file"))) > 0, "SARIF written for the upload step");
    }

    private static final Pattern EXPR = Pattern.compile("\\$\\{\\{\\s*([a-z_.-]+)\\s*}}");

    private static String fill(String text, Map<String, String> ctx) {
        Matcher m = EXPR.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = ctx.get(m.group(1));
            if (v == null) {
                throw new AssertionError("action.yml uses ${{ " + m.group(1) + " }}, which this test does not know");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String readOutput(Path output, String key) throws Exception {
        String v = "";
        for (String line : Files.readAllLines(output)) {
            if (line.startsWith(key + "=")) {
                v = line.substring(key.length() + 1);
            }
        }
        return v;
    }
}
