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

    /** The hook entries of .pre-commit-hooks.yaml with {@code language: system}, as text. */
    static List<String> systemHooks(Path repoRoot) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        for (String line : Files.readAllLines(repoRoot.resolve(".pre-commit-hooks.yaml"))) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("- id:")) {
                if (cur != null) {
                    out.add(cur.toString());
                }
                cur = new StringBuilder();
            }
            if (cur != null) {
                cur.append(line).append('\n');
            }
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        out.removeIf(h -> !h.contains("\n  language: system\n"));
        assertEquals(2, out.size(), "proxylint and proxylint-fix: " + out);
        return out;
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
    /**
     * A real {@code git commit} with the hooks installed (from this repository's hook definitions,
     * as a local repo): a repository holding a main nginx config, a snippet it includes, other
     * programs' {@code .conf} files and an {@code .htaccess}. The correct commit passes and the fix
     * hook leaves every file byte-identical; a broken snippet and a broken {@code .htaccess} fail
     * the commit with their findings, and nothing is reported on the other files.
     */
    @Test
    void realCommitsWithSnippetsOtherConfsAndHtaccess() throws Exception {
        ServerSupport.requireBinary(PRE_COMMIT);
        ServerSupport.requireBinary(GIT);
        Path repoRoot = Path.of("").toAbsolutePath();
        Path work = Files.createDirectories(tmp.resolve("repo"));
        Map<String, String> env = Map.of("PATH", wrapper() + ":/usr/bin:/bin", "PRE_COMMIT_HOME",
                tmp.resolve("pc-home").toString(), "HOME", tmp.toString(), "GIT_AUTHOR_NAME", "t",
                "GIT_AUTHOR_EMAIL", "t@example.com", "GIT_COMMITTER_NAME", "t", "GIT_COMMITTER_EMAIL", "t@example.com");
        assertEquals(0, sh(work, env, "git", "init", "-q").code());
        // the system hooks exactly as .pre-commit-hooks.yaml defines them, as a local repo of the
        // config (the self-installing ones run from their own clone: proxylintAutoHook... below)
        StringBuilder cfg = new StringBuilder("repos:\n- repo: local\n  hooks:\n");
        for (String hook : systemHooks(repoRoot)) {
            for (String line : hook.split("\n")) {
                cfg.append("  ").append(line).append('\n');
            }
        }
        Files.writeString(work.resolve(".pre-commit-config.yaml"), cfg.toString());
        Map<String, String> files = new java.util.TreeMap<>();
        files.put("nginx/nginx.conf", "events {}\nhttp {\n    map $http_upgrade $connection_upgrade {\n"
                + "        default upgrade;\n        ''      close;\n    }\n    include sites-enabled/*;\n}\n");
        String goodSite = "server {\n    listen 80;\n    server_name chat.example.com;\n    location /ws {\n"
                + "        proxy_pass http://127.0.0.1:8080;\n        proxy_http_version 1.1;\n"
                + "        proxy_set_header Upgrade $http_upgrade;\n"
                + "        proxy_set_header Connection $connection_upgrade;\n        proxy_read_timeout 1h;\n"
                + "    }\n}\n";
        files.put("nginx/sites-enabled/chat", goodSite);
        files.put("nginx/sites-available/README.md", "Sites are linked from here into sites-enabled.\n");
        files.put("redis/redis.conf", "bind 127.0.0.1\nport 6379\nsave 900 1\n");
        files.put("php/www.conf", "[www]\nuser = www-data\nlisten = /run/php/php-fpm.sock\npm = dynamic\n");
        files.put("supervisor/supervisord.conf", "[supervisord]\nnodaemon=true\n[program:app]\ncommand=/app/run\n");
        files.put("etc/sysctl.d/99-net.conf", "net.core.somaxconn = 1024\n");
        files.put("etc/logrotate.conf", "weekly\nrotate 4\ninclude /etc/logrotate.d\n");
        String goodHtaccess = "Options -Indexes\nHeader always set Strict-Transport-Security \"max-age=31536000\"\n";
        files.put("www/.htaccess", goodHtaccess);
        for (var e : files.entrySet()) {
            Path p = work.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
        }
        assertEquals(0, sh(work, env, "pre-commit", "install").code());
        assertEquals(0, sh(work, env, "git", "add", "-A").code());

        // the correct tree commits (the fix hook runs first in the config, changes nothing)
        Result ok = sh(work, env, "git", "commit", "-q", "-m", "configs");
        assertEquals(0, ok.code(), ok.output());
        for (var e : files.entrySet()) {
            assertEquals(e.getValue(), Files.readString(work.resolve(e.getKey())), e.getKey() + " was changed");
        }
        Result fixAll = sh(work, env, "pre-commit", "run", "proxylint-fix", "--all-files");
        assertEquals(0, fixAll.code(), fixAll.output());
        for (var e : files.entrySet()) {
            assertEquals(e.getValue(), Files.readString(work.resolve(e.getKey())),
                    e.getKey() + " was changed by the fix hook on a correct tree");
        }

        // a broken snippet: the commit fails on it, in the context of its main config
        Path site = work.resolve("nginx/sites-enabled/chat");
        Files.writeString(site, goodSite.replace("        proxy_set_header Upgrade $http_upgrade;\n", ""));
        assertEquals(0, sh(work, env, "git", "add", "-A").code());
        Result bad = sh(work, env, "git", "commit", "-q", "-m", "drop the upgrade header");
        assertNotEquals(0, bad.code(), bad.output());
        assertTrue(bad.output().contains("sites-enabled/chat") && bad.output().contains("[WS101]"), bad.output());
        for (String other : List.of("redis.conf", "www.conf", "supervisord.conf", "99-net.conf", "logrotate.conf",
                "README.md", "SYN001")) {
            assertTrue(!bad.output().contains(other + ":"), other + " reported:\n" + bad.output());
        }
        assertTrue(!bad.output().contains("[CFG110]"), "the map of the main config is seen:\n" + bad.output());
        sh(work, env, "git", "checkout", "--", "."); // the fix hook may have edited the work tree
        Files.writeString(site, goodSite);

        // a broken .htaccess (a case-sensitive Connection test no browser passes) fails the commit too
        Files.writeString(work.resolve("www/.htaccess"), goodHtaccess + "RewriteEngine On\n"
                + "RewriteCond %{HTTP:Connection} upgrade\nRewriteCond %{HTTP:Upgrade} websocket [NC]\n"
                + "RewriteRule ^ws/(.*) ws://127.0.0.1:3000/$1 [P,L]\n");
        assertEquals(0, sh(work, env, "git", "add", "-A").code());
        Result badHt = sh(work, env, "git", "commit", "-q", "-m", "websocket rewrite");
        assertNotEquals(0, badHt.code(), badHt.output());
        assertTrue(badHt.output().contains("www/.htaccess:4:1: error:") && badHt.output().contains("[WS208]"),
                badHt.output());
        // the fix hook adds the [NC] (a flag .htaccess allows), so the file now passes the WS rules
        String fixedHt = Files.readString(work.resolve("www/.htaccess"));
        assertTrue(fixedHt.contains("RewriteCond %{HTTP:Connection} upgrade [NC]"), badHt.output() + "\n" + fixedHt);
    }

    /**
     * A stand-in release jar: runnable with {@code java -jar}, its manifest points at this build's
     * classes and dependencies (the real jar is built after the tests).
     */
    Path thinJar(Path target) throws IOException {
        java.util.jar.Manifest mf = new java.util.jar.Manifest();
        mf.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, "dev.proxylint.cli.Main");
        StringBuilder cp = new StringBuilder();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            cp.append(Path.of(e).toUri()).append(' ');
        }
        mf.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, cp.toString().trim());
        Files.createDirectories(target.getParent());
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(target), mf)) {
            out.flush();
        }
        return target;
    }

    static String sha256(Path p) throws Exception {
        byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        return java.util.HexFormat.of().formatHex(d);
    }

    /**
     * The self-installing hook as users get it: pre-commit clones a hook repository at a release
     * revision (pom.xml 9.9.9) and runs {@code proxylint-auto}; on the first run the script downloads
     * that release's jar (from a file:// release directory standing in for GitHub, via
     * PROXYLINT_RELEASE_BASE), checks its SHA-256 and lints; with the release gone, the second run
     * uses the jar it kept. A release whose checksum does not match is never used.
     */
    @Test
    void proxylintAutoHook_downloadsTheReleaseJarOnceThenLints() throws Exception {
        ServerSupport.requireBinary(PRE_COMMIT);
        ServerSupport.requireBinary(GIT);
        ServerSupport.requireBinary(Path.of("/usr/bin/curl"));
        Path repoRoot = Path.of("").toAbsolutePath();
        Map<String, String> env = new java.util.HashMap<>(Map.of("PATH", "/usr/bin:/bin", "JAVA_HOME",
                System.getProperty("java.home"), "PRE_COMMIT_HOME", tmp.resolve("pc-home").toString(), "HOME",
                tmp.toString(), "GIT_AUTHOR_NAME", "t", "GIT_AUTHOR_EMAIL", "t@example.com", "GIT_COMMITTER_NAME", "t",
                "GIT_COMMITTER_EMAIL", "t@example.com"));
        env.put("PROXYLINT_RELEASE_BASE", tmp.resolve("releases").toUri().toString().replaceAll("/$", ""));
        env.put("PROXYLINT_CDS", "0");

        // the hook repository at a release: the files the hook needs, pom.xml saying 9.9.9
        Path hooks = Files.createDirectories(tmp.resolve("hook-repo"));
        for (String f : List.of(".pre-commit-hooks.yaml", "bin/proxylint", "bin/proxylint-hook",
                ".github/action-get-jar.sh")) {
            Path to = hooks.resolve(f);
            Files.createDirectories(to.getParent());
            Files.copy(repoRoot.resolve(f), to);
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString(f.startsWith("bin/") ? "rwxr-xr-x"
                    : "rw-r--r--"));
        }
        String pom = Files.readString(repoRoot.resolve("pom.xml"));
        assertTrue(pom.contains("<version>0.1.0-SNAPSHOT</version>"), "the project version the test replaces");
        Files.writeString(hooks.resolve("pom.xml"), pom.replaceFirst("<version>0\\.1\\.0-SNAPSHOT</version>",
                "<version>9.9.9</version>"));
        assertEquals(0, sh(hooks, env, "git", "init", "-q").code());
        assertEquals(0, sh(hooks, env, "git", "add", "-A").code());
        assertEquals(0, sh(hooks, env, "git", "commit", "-q", "-m", "release 9.9.9").code());
        String rev = sh(hooks, env, "git", "rev-parse", "HEAD").output().trim();

        Path release = tmp.resolve("releases/v9.9.9");
        Path jar = thinJar(release.resolve("proxylint.jar"));
        Files.writeString(release.resolve("proxylint.jar.sha256"), sha256(jar) + "  proxylint.jar\n");

        Path work = Files.createDirectories(tmp.resolve("user-repo"));
        assertEquals(0, sh(work, env, "git", "init", "-q").code());
        Files.writeString(work.resolve(".pre-commit-config.yaml"), "repos:\n- repo: " + hooks + "\n  rev: " + rev
                + "\n  hooks:\n  - id: proxylint-auto\n");
        Path site = work.resolve("nginx/sites-enabled/chat");
        Files.createDirectories(site.getParent());
        Files.writeString(site, "server {\n    listen 80;\n    location /ws {\n        proxy_pass http://127.0.0.1:8080;\n"
                + "    }\n}\n");
        assertEquals(0, sh(work, env, "git", "add", "-A").code());

        Result first = sh(work, env, "pre-commit", "run", "--all-files", "proxylint-auto");
        assertEquals(1, first.code(), first.output());
        assertTrue(first.output().contains("proxylint: downloaded release v9.9.9"), first.output());
        assertTrue(first.output().contains("sites-enabled/chat") && first.output().contains("[WS101]"), first.output());

        // the release is gone: the jar kept in pre-commit's clone still runs
        Files.delete(release.resolve("proxylint.jar"));
        Result second = sh(work, env, "pre-commit", "run", "--all-files", "proxylint-auto");
        assertEquals(1, second.code(), second.output());
        assertTrue(second.output().contains("[WS101]"), second.output());
        assertTrue(!second.output().contains("downloaded release"), second.output());

        // a release whose jar does not match its SHA-256 is refused (no Maven here to build one instead)
        Path other = Files.createDirectories(tmp.resolve("other-action"));
        Files.createDirectories(other.resolve(".github"));
        Files.copy(repoRoot.resolve(".github/action-get-jar.sh"), other.resolve(".github/action-get-jar.sh"));
        Files.copy(thinJar(tmp.resolve("bad")), release.resolve("proxylint.jar"));
        Files.writeString(release.resolve("proxylint.jar.sha256"), "0".repeat(64) + "  proxylint.jar\n");
        Map<String, String> envNoMvn = new java.util.HashMap<>(env);
        Path tools = Files.createDirectories(tmp.resolve("tools-without-maven"));
        for (String t : List.of("curl", "cut", "sha256sum", "mv", "rm", "mkdir", "dirname")) {
            Files.createSymbolicLink(tools.resolve(t), Path.of("/usr/bin", t));
        }
        envNoMvn.put("PATH", tools.toString());
        envNoMvn.put("ACTION_PATH", other.toString());
        envNoMvn.put("ACTION_REF", "v9.9.9");
        Result bad = sh(other, envNoMvn, "/bin/bash", other.resolve(".github/action-get-jar.sh").toString());
        assertEquals(2, bad.code(), bad.output());
        assertTrue(bad.output().contains("checksum of the v9.9.9 release jar does not match"), bad.output());
        assertTrue(!Files.exists(other.resolve("target/proxylint.jar")), "a jar with the wrong checksum was kept");
    }
}
