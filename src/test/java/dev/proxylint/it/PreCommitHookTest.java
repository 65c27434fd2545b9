package dev.proxylint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hooks of {@code .pre-commit-hooks.yaml}, run by the real {@code pre-commit} tool (Debian's
 * package) against a temporary git repository: a broken config fails the commit check, a good one
 * passes, and the fix hook repairs the file. {@code proxylint} on PATH is a wrapper around this
 * build's classes (the jar is built after the tests).
 */
class PreCommitHookTest {
    static final Path PRE_COMMIT = Path.of("/usr/bin/pre-commit");
    static final Path GIT = Path.of("/usr/bin/git");

    @TempDir
    Path tmp;

    record Result(int code, String output) {
    }

    Result sh(Path dir, Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", cmd));
        }
        return new Result(p.exitValue(), Files.readString(out));
    }

    Path wrapper() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path w = bin.resolve("proxylint");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(w, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' dev.proxylint.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void hooksFailOnBadConfigPassOnGoodAndFix() throws Exception {
        ServerSupport.requireBinary(PRE_COMMIT);
        ServerSupport.requireBinary(GIT);
        Path repoRoot = Path.of("").toAbsolutePath();
        assertTrue(Files.exists(repoRoot.resolve(".pre-commit-hooks.yaml")));
        Path work = Files.createDirectories(tmp.resolve("work"));
        Map<String, String> env = Map.of("PATH", wrapper() + ":/usr/bin:/bin", "PRE_COMMIT_HOME",
                tmp.resolve("pc-home").toString(), "HOME", tmp.toString(), "GIT_AUTHOR_NAME", "t",
                "GIT_AUTHOR_EMAIL", "t@example.com", "GIT_COMMITTER_NAME", "t", "GIT_COMMITTER_EMAIL", "t@example.com");
        assertEquals(0, sh(work, env, "git", "init", "-q").code());
        Path conf = work.resolve("nginx").resolve("sites-enabled").resolve("chat");
        Files.createDirectories(conf.getParent());
        String bad = "server {\n    listen 80;\n    location /ws {\n        proxy_pass http://127.0.0.1:8080;\n    }\n}\n";
        Files.writeString(conf, bad);
        Files.writeString(work.resolve("notes.txt"), "not a config\n");
        assertEquals(0, sh(work, env, "git", "add", "-A").code());

        List<String> tryRepo = new ArrayList<>(List.of("pre-commit", "try-repo", repoRoot.toString(), "proxylint",
                "--all-files"));
        Result r1 = sh(work, env, tryRepo.toArray(String[]::new));
        assertNotEquals(0, r1.code(), r1.output());
        assertTrue(r1.output().contains("[WS101]") && r1.output().contains("sites-enabled/chat"), r1.output());

        Result fix = sh(work, env, "pre-commit", "try-repo", repoRoot.toString(), "proxylint-fix", "--all-files");
        String fixed = Files.readString(conf);
        assertTrue(fixed.contains("proxy_set_header Upgrade $http_upgrade;"), fix.output() + "\n" + fixed);
        assertTrue(fixed.contains("proxy_http_version 1.1;"), fixed);

        assertEquals(0, sh(work, env, "git", "add", "-A").code());
        Result r2 = sh(work, env, tryRepo.toArray(String[]::new));
        assertTrue(r2.output().contains("Passed") || r2.code() == 0, r2.output());
        assertEquals(0, r2.code(), r2.output());
    }
}
