package dev.proxylint.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/proxylint with a stand-in jar (the real one is built after the tests): arguments with
 * spaces and the exit code pass through unchanged, the first run records a class archive and later
 * runs use it (a static CDS archive on the build's Java 17, an AOT cache on Java 24+), and an
 * unusable cache directory falls back to a plain start.
 */
class LauncherTest {
    @TempDir
    static Path tmp;
    static Path jar;

    @BeforeAll
    static void buildStandInJar() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("Echo.java"), "public class Echo { public static void main(String[] a) {"
                + " for (String s : a) System.out.println(\"[\" + s + \"]\");"
                + " System.exit(a.length > 0 && a[0].startsWith(\"exit=\") ? Integer.parseInt(a[0].substring(5)) : 0); } }");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), src.resolve("Echo.java").toString()));
        jar = tmp.resolve("proxylint.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Echo");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf)) {
            out.putNextEntry(new JarEntry("Echo.class"));
            Files.copy(classes.resolve("Echo.class"), (OutputStream) out);
            out.closeEntry();
        }
    }

    record Run(int code, String out) {
    }

    static Run launch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", Path.of("bin/proxylint").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PROXYLINT_JAR", jar.toString());
        pb.environment().putAll(env);
        Path log = Files.createTempFile(tmp, "out", ".txt");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher did not finish");
        return new Run(p.exitValue(), Files.readString(log));
    }

    /** Finished archives in the cache (temporary files start with a dot). */
    static long archives(Path cache, String suffix) throws Exception {
        if (!Files.isDirectory(cache)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(f -> !f.getFileName().toString().startsWith(".")).peek(f -> assertTrue(
                    f.getFileName().toString().endsWith(suffix), "unexpected cache file " + f)).count();
        }
    }

    static void archiveMadeThenUsed(Map<String, String> javaEnv, String suffix, String cacheName) throws Exception {
        Path cache = tmp.resolve(cacheName);
        Map<String, String> env = new java.util.HashMap<>(javaEnv);
        env.put("PROXYLINT_CACHE", cache.toString());
        Run first = launch(env, "exit=3", "a b", "", "$HOME", "x\"y");
        assertEquals(3, first.code(), first.out());
        assertEquals("[exit=3]\n[a b]\n[]\n[$HOME]\n[x\"y]\n", first.out(), "no JVM output while recording");
        assertEquals(1, archives(cache, suffix), "the first run records an archive");
        Run second = launch(env, "exit=0", "c  d");
        assertEquals(0, second.code(), second.out());
        assertEquals("[exit=0]\n[c  d]\n", second.out(), "no JVM warnings in the output when the archive is used");
        assertEquals(1, archives(cache, suffix));
        try (Stream<Path> s = Files.list(cache)) {
            assertEquals(1, s.count(), "no temporary files left behind");
        }
    }

    @Test
    void argumentsAndExitCodePassThroughAndTheArchiveIsMadeThenUsed() throws Exception {
        String home = System.getProperty("java.home");
        assertTrue(Runtime.version().feature() < 24, "this test covers the CDS path of Java 17 to 23");
        archiveMadeThenUsed(Map.of("JAVA_HOME", home), ".jsa", "cache17");
    }

    /**
     * On Java 24 and later the launcher uses an AOT cache (JEP 483): a recording run, then one
     * silent assembly, then later runs map it. This machine kind ships Temurin 25 beside the
     * default JDK; elsewhere set PROXYLINT_TEST_JAVA24_HOME.
     */
    @Test
    void onJava24AndLaterAnAotCacheIsMadeThenUsed() throws Exception {
        Path home = newJava();
        if (home == null) {
            String msg = "no Java 24+ found (set PROXYLINT_TEST_JAVA24_HOME); AOT cache path not tested";
            if ("1".equals(System.getenv("PROXYLINT_REQUIRE_SERVERS"))) {
                org.junit.jupiter.api.Assertions.fail(msg);
            }
            org.junit.jupiter.api.Assumptions.abort(msg);
        }
        archiveMadeThenUsed(Map.of("JAVA_HOME", home.toString()), ".aot", "cache24");
    }

    /** A JDK of feature release 24 or later: PROXYLINT_TEST_JAVA24_HOME, else one under /usr/lib/jvm. */
    static Path newJava() throws Exception {
        String env = System.getenv("PROXYLINT_TEST_JAVA24_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> s = Files.list(jvms)) {
            for (Path d : s.sorted().toList()) {
                Path release = d.resolve("release");
                if (!Files.isExecutable(d.resolve("bin/java")) || !Files.isReadable(release)) {
                    continue;
                }
                for (String line : Files.readAllLines(release)) {
                    if (line.startsWith("JAVA_VERSION=\"")) {
                        String v = line.substring("JAVA_VERSION=\"".length());
                        String major = v.split("[.\"]")[0];
                        if (major.matches("[0-9]+") && Integer.parseInt(major) >= 24) {
                            return d;
                        }
                    }
                }
            }
        }
        return null;
    }

    /**
     * Every jar build records its own archive; after recording one the launcher keeps the newest
     * three and removes older ones, so upgrades do not pile up 25 MB files.
     */
    @Test
    void olderArchivesArePrunedToTheNewestThree() throws Exception {
        assertTrue(Runtime.version().feature() < 24, "this test covers the CDS path of Java 17 to 23");
        Path cache = Files.createDirectories(tmp.resolve("cachePrune"));
        long now = System.currentTimeMillis();
        for (int i = 1; i <= 4; i++) { // older builds, the first the oldest
            Path old = Files.writeString(cache.resolve("proxylint-" + i + "-1-1.jsa"), "stale " + i);
            Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(now - (10 - i) * 3_600_000L));
        }
        Path other = Files.writeString(cache.resolve("notes.txt"), "not an archive");
        Run r = launch(Map.of("PROXYLINT_CACHE", cache.toString(), "JAVA_HOME", System.getProperty("java.home")),
                "exit=0", "p");
        assertEquals("[exit=0]\n[p]\n", r.out());
        List<String> left;
        try (Stream<Path> s = Files.list(cache)) {
            left = s.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertEquals(4, left.size(), "the new archive, the two newest old ones and the unrelated file: " + left);
        assertTrue(left.contains("proxylint-3-1-1.jsa") && left.contains("proxylint-4-1-1.jsa"), left.toString());
        assertTrue(!left.contains("proxylint-1-1-1.jsa") && !left.contains("proxylint-2-1-1.jsa"), left.toString());
        assertTrue(Files.exists(other), "only archives are removed");
    }

    /**
     * The launcher finds the jar beside its real self when started through a symbolic link (as an
     * install into /usr/local/bin does), and a rebuilt jar (another size) gets an archive of its own.
     */
    @Test
    void aSymlinkedLauncherFindsItsJarAndARebuiltJarGetsANewArchive() throws Exception {
        assertTrue(Runtime.version().feature() < 24, "this test covers the CDS path of Java 17 to 23");
        Path root = Files.createDirectories(tmp.resolve("install"));
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("target"));
        Files.copy(Path.of("bin/proxylint"), root.resolve("bin/proxylint"));
        Files.copy(jar, root.resolve("target/proxylint.jar"));
        Path link = Files.createDirectories(tmp.resolve("elsewhere")).resolve("proxylint");
        Files.createSymbolicLink(link, root.resolve("bin/proxylint"));
        Path cache = tmp.resolve("cacheLink");
        Map<String, String> env = new java.util.HashMap<>(Map.of("PROXYLINT_CACHE", cache.toString(),
                "JAVA_HOME", System.getProperty("java.home")));
        ProcessBuilder pb = new ProcessBuilder(link.toString(), "exit=4", "s").redirectErrorStream(true);
        pb.environment().remove("PROXYLINT_JAR");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher did not finish");
        assertEquals("[exit=4]\n[s]\n", new String(p.getInputStream().readAllBytes()));
        assertEquals(4, p.exitValue());
        assertEquals(1, archives(cache, ".jsa"));
        // another build of the jar: one entry more, so another size
        Path rebuilt = root.resolve("target/proxylint.jar");
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(jar));
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(rebuilt))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.putNextEntry(new JarEntry(e.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("build.txt"));
            out.write("second build".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        ProcessBuilder again = new ProcessBuilder(link.toString(), "exit=0").redirectErrorStream(true);
        again.environment().remove("PROXYLINT_JAR");
        again.environment().putAll(env);
        Process q = again.start();
        assertTrue(q.waitFor(60, TimeUnit.SECONDS), "launcher did not finish");
        assertEquals("[exit=0]\n", new String(q.getInputStream().readAllBytes()));
        assertEquals(2, archives(cache, ".jsa"), "a rebuilt jar records its own archive");
    }

    @Test
    void unusableCacheFallsBackToAPlainStart() throws Exception {
        Path notADir = Files.writeString(tmp.resolve("file-not-dir"), "x");
        Run r = launch(Map.of("PROXYLINT_CACHE", notADir.resolve("sub").toString()), "exit=1", "z");
        assertEquals(1, r.code(), r.out());
        assertEquals("[exit=1]\n[z]\n", r.out());
        Run off = launch(Map.of("PROXYLINT_CDS", "0"), "exit=0", "w");
        assertEquals("[exit=0]\n[w]\n", off.out());
    }
}
