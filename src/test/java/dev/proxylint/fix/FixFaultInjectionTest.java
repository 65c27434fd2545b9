package dev.proxylint.fix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.proxylint.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --fix under faults: in every case the file ends either as it was (byte-identical) or as the
 * correct fixed result, never in between and never gone. The full-disk case mounts a small tmpfs,
 * which needs root (CI runs as root); elsewhere it is skipped with a message.
 */
class FixFaultInjectionTest {
    @TempDir
    Path dir;

    static final String BROKEN = "events {}\nhttp {\n    server {\n        listen 80;\n        location /ws {\n"
            + "            proxy_pass http://127.0.0.1:8080;\n        }\n    }\n}\n";

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** The correct fixed result of BROKEN, from a fix in a plain directory. */
    private String fixedResult() throws IOException {
        Path d = Files.createTempDirectory(dir, "ref");
        Path p = d.resolve("nginx.conf");
        Files.writeString(p, BROKEN);
        CliRun r = run("check", "--fix", "--format", "concise", p.toString());
        String fixed = Files.readString(p);
        assertNotEquals(BROKEN, fixed, "the reference fix changed nothing: " + r.err());
        assertTrue(fixed.contains("Upgrade"), fixed);
        return fixed;
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** A fresh tmpfs of {@code size} mounted below the test's directory (root only). */
    private Path tmpfs(String name, String size) throws Exception {
        Path mnt = Files.createDirectory(dir.resolve(name));
        assertEquals(0, exec("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mnt.toString()), "mount tmpfs");
        return mnt;
    }

    @Test
    void aFullFileSystemBehindASymlinkLeavesTheTargetByteIdentical() throws Exception {
        assumeTrue(root(), "skipped: mounting a small tmpfs needs root (CI runs as root)");
        Path mnt = tmpfs("small", "64k");
        try {
            Path target = mnt.resolve("nginx.conf");
            Files.writeString(target, BROKEN);
            // fill the file system to the last block
            try (var out = Files.newOutputStream(mnt.resolve("filler"))) {
                byte[] block = new byte[1024];
                while (true) {
                    out.write(block);
                    out.flush();
                }
            } catch (IOException full) {
                // no space left: that is the point
            }
            Path link = dir.resolve("nginx.conf");
            Files.createSymbolicLink(link, target);
            byte[] before = Files.readAllBytes(target);
            CliRun r = run("check", "--fix", "--format", "concise", link.toString());
            assertArrayEquals(before, Files.readAllBytes(target), "the target changed on a full file system");
            assertTrue(Files.isSymbolicLink(link), "the link was replaced");
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("fix not written, file unchanged"), r.err());
            assertEquals(1, r.err().lines().filter(l -> l.contains("fix not written")).count(), r.err());
            try (Stream<Path> s = Files.list(mnt)) {
                assertEquals(List.of("filler", "nginx.conf"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                        "a temporary file was left behind");
            }
            // with space again, the same run fixes the target through the link, and the link stays
            Files.delete(mnt.resolve("filler"));
            run("check", "--fix", link.toString());
            assertEquals(fixedResult(), Files.readString(target));
            assertTrue(Files.isSymbolicLink(link));
        } finally {
            exec("umount", "-l", mnt.toString());
        }
    }

    @Test
    void aSymlinkIsKeptAndItsTargetInAnotherDirectoryIsEdited() throws Exception {
        Path other = Files.createDirectory(dir.resolve("elsewhere"));
        Path target = other.resolve("real.conf");
        Files.writeString(target, BROKEN);
        Path tree = Files.createDirectory(dir.resolve("tree"));
        Path link = tree.resolve("nginx.conf");
        Files.createSymbolicLink(link, target);
        run("check", "--fix", tree.toString());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(fixedResult(), Files.readString(target));
        try (Stream<Path> s = Files.list(other)) {
            assertEquals(1, s.count(), "a temporary file was left beside the target");
        }
    }

    @Test
    void aDanglingSymlinkIsReportedAndNothingIsCreated() throws Exception {
        Path link = dir.resolve("nginx.conf");
        Files.createSymbolicLink(link, dir.resolve("missing.conf"));
        CliRun r = run("check", "--fix", "--format", "concise", link.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("no such file"), r.err());
        assertFalse(Files.exists(dir.resolve("missing.conf")), "the dangling link's target was created");
    }

    @Test
    void aReadOnlyFileIsRefusedWithAReason() throws Exception {
        Path p = dir.resolve("nginx.conf");
        Files.writeString(p, BROKEN);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r--r--r--"));
        CliRun r = run("check", "--fix", "--format", "concise", p.toString());
        assertEquals(BROKEN, Files.readString(p));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("read-only"), r.err());
    }

    @Test
    void aReadOnlyDirectoryOrFileSystemLeavesTheFileAsItWas() throws Exception {
        // root writes into a 0555 directory anyway, so as root the fault is a file system mounted read-only
        Path d;
        boolean mounted = false;
        if (root()) {
            d = tmpfs("ro", "64k");
            mounted = true;
            Files.writeString(d.resolve("nginx.conf"), BROKEN);
            assertEquals(0, exec("mount", "-o", "remount,ro", d.toString()), "remount read-only");
        } else {
            d = Files.createDirectory(dir.resolve("ro"));
            Files.writeString(d.resolve("nginx.conf"), BROKEN);
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        Path p = d.resolve("nginx.conf");
        try {
            CliRun r = run("check", "--fix", "--format", "concise", p.toString());
            assertEquals(BROKEN, Files.readString(p));
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().lines().filter(l -> l.contains("fix not written, file unchanged")).count(), r.err());
            try (Stream<Path> s = Files.list(d)) {
                assertEquals(1, s.count(), "a temporary file was left behind");
            }
        } finally {
            if (mounted) {
                exec("umount", "-l", d.toString());
            } else {
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    @Test
    void modeOwnerAndGroupAreKept() throws Exception {
        Path p = dir.resolve("nginx.conf");
        Files.writeString(p, BROKEN);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r-----"));
        if (root()) {
            assertEquals(0, exec("chown", "nobody:nogroup", p.toString()));
        }
        Object uid = Files.getAttribute(p, "unix:uid");
        Object gid = Files.getAttribute(p, "unix:gid");
        run("check", "--fix", p.toString());
        assertEquals(fixedResult(), Files.readString(p));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        assertEquals(uid, Files.getAttribute(p, "unix:uid"));
        assertEquals(gid, Files.getAttribute(p, "unix:gid"));
    }

    @Test
    void hardLinksStayOneFile() throws Exception {
        Path p = dir.resolve("nginx.conf");
        Files.writeString(p, BROKEN);
        Path other = Files.createDirectory(dir.resolve("other")).resolve("same.conf");
        Files.createLink(other, p);
        Object inode = Files.getAttribute(p, "unix:ino");
        run("check", "--fix", p.toString());
        String fixed = fixedResult();
        assertEquals(fixed, Files.readString(p));
        assertEquals(fixed, Files.readString(other), "the other hard link does not see the fix");
        assertEquals(inode, Files.getAttribute(p, "unix:ino"));
        assertEquals(2, Files.getAttribute(p, "unix:nlink"));
    }

    @Test
    void aFileChangedSinceItWasReadIsNotOverwritten() throws Exception {
        Path p = dir.resolve("nginx.conf");
        Files.writeString(p, BROKEN);
        byte[] read = Files.readAllBytes(p);
        String edit = BROKEN.replace("listen 80;", "listen 8080;");
        Files.writeString(p, edit); // a person saves the file while the run is going
        IOException e = assertThrows(IOException.class,
                () -> SafeWrite.replace(p, read, "whatever;\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("changed since it was read"), e.getMessage());
        assertEquals(edit, Files.readString(p));
    }

    @Test
    void inPlaceGrowthThatFailsCutsTheFileBack() throws Exception {
        assumeTrue(root(), "skipped: mounting a small tmpfs needs root (CI runs as root)");
        Path mnt = tmpfs("small2", "16k");
        try {
            Path p = mnt.resolve("nginx.conf");
            Files.writeString(p, BROKEN);
            Files.createLink(mnt.resolve("link.conf"), p); // two links: rewritten in place
            byte[] before = Files.readAllBytes(p);
            byte[] huge = new byte[1 << 20];
            java.util.Arrays.fill(huge, (byte) '#');
            IOException e = assertThrows(IOException.class, () -> SafeWrite.replace(p, before, huge));
            assertTrue(e.getMessage().contains("left as it was"), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(p));
        } finally {
            exec("umount", "-l", mnt.toString());
        }
    }

    @Test
    void twoConcurrentFixRunsOnOneTreeEndWithTheFixedResult() throws Exception {
        String fixed = fixedResult();
        Path tree = Files.createDirectory(dir.resolve("tree"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Path p = Files.createDirectory(tree.resolve("s" + i)).resolve("nginx.conf");
            Files.writeString(p, BROKEN);
            files.add(p);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<CliRun>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                // separate processes in real life; here two runs in one JVM on separate threads, which share
                // no state but the files
                runs.add(pool.submit(() -> run("check", "--fix", "--format", "concise", tree.toString())));
            }
            for (Future<CliRun> f : runs) {
                CliRun r = f.get(120, TimeUnit.SECONDS);
                assertTrue(r.code() == 0 || r.code() == 1 || r.code() == 2, r.err());
                assertFalse(r.err().contains("Exception"), r.err());
            }
        } finally {
            pool.shutdownNow();
        }
        for (Path p : files) {
            assertEquals(fixed, Files.readString(p), p.toString());
        }
        try (Stream<Path> s = Files.walk(tree)) {
            assertEquals(0, s.filter(p -> p.toString().endsWith(".proxylint-tmp")).count(), "temporary files left");
        }
    }

    @Test
    void aFileWithSyntaxErrorsIsNeverEdited() throws Exception {
        // cut off in the middle of a directive: the fixes would be spliced into broken text
        String cut = BROKEN.substring(0, BROKEN.indexOf("8080;") + 2);
        Path p = dir.resolve("nginx.conf");
        Files.writeString(p, cut);
        CliRun r = run("check", "--fix", "--format", "concise", p.toString());
        assertEquals(cut, Files.readString(p));
        assertTrue(r.err().contains("syntax error"), r.err());
    }

    @Test
    void fixesEditOnlyFilesUnderTheNamedPaths() throws Exception {
        Path outside = Files.createDirectory(dir.resolve("outside")).resolve("ws.conf");
        String inc = "server {\n    listen 80;\n    location /ws {\n        proxy_pass http://127.0.0.1:8080;\n    }\n}\n";
        Files.writeString(outside, inc);
        Path repo = Files.createDirectory(dir.resolve("repo"));
        Path main = repo.resolve("nginx.conf");
        Files.writeString(main, "events {}\nhttp {\n    include " + outside + ";\n}\n");
        CliRun r = run("check", "--fix", "--format", "concise", "--path-map", "/=/", repo.toString());
        assertEquals(inc, Files.readString(outside), "a file outside the named paths was edited");
        assertTrue(r.err().contains("outside the paths given"), r.err());
    }
}
