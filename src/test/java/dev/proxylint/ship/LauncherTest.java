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
 * spaces and the exit code pass through unchanged, the first run records a CDS archive and later
 * runs use it, and an unusable cache directory falls back to a plain start.
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

    static long archives(Path cache) throws Exception {
        if (!Files.isDirectory(cache)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".jsa") && !f.getFileName().toString().startsWith(".")).count();
        }
    }

    @Test
    void argumentsAndExitCodePassThroughAndTheArchiveIsMadeThenUsed() throws Exception {
        Path cache = tmp.resolve("cache");
        Map<String, String> env = Map.of("PROXYLINT_CACHE", cache.toString());
        Run first = launch(env, "exit=3", "a b", "", "$HOME", "x\"y");
        assertEquals(3, first.code(), first.out());
        assertEquals("[exit=3]\n[a b]\n[]\n[$HOME]\n[x\"y]\n", first.out());
        assertEquals(1, archives(cache), "the first run records a CDS archive");
        Run second = launch(env, "exit=0", "c  d");
        assertEquals(0, second.code(), second.out());
        assertEquals("[exit=0]\n[c  d]\n", second.out(), "no JVM warnings in the output when the archive is used");
        assertEquals(1, archives(cache));
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
