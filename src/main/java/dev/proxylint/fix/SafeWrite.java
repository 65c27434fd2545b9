package dev.proxylint.fix;

import dev.proxylint.source.SourceFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;

/**
 * Replaces a file's bytes so that the file ends either as it was or as the new content, never in
 * between, and never gone:
 * <ul>
 *   <li>a symbolic link is resolved first: its target is edited, the link stays, and the temporary
 *       file is made beside the target (so on the target's file system);</li>
 *   <li>the file is locked and compared with the bytes the run read; a file changed since then (by a
 *       person or a second run) is left alone;</li>
 *   <li>a file without write permission for anyone ({@code 0444}) is refused with that reason;</li>
 *   <li>the new content goes to a temporary file that gets the original's mode, owner and group, is
 *       flushed to disk, renamed over the original, and the directory is flushed; the original is
 *       not touched until the rename, so a full disk or any other error leaves it byte-identical;</li>
 *   <li>a file with several hard links (or whose owner the run cannot give to a new file) is
 *       rewritten in place instead, so that every link sees the fix: the bytes beyond the old length
 *       are written first (a full disk fails there, and the file is cut back to its old length), then
 *       the rest, then the length is set and the data flushed.</li>
 * </ul>
 * Every failure is an {@link IOException} with a one-line reason; the file is then as it was.
 */
public final class SafeWrite {
    /** How long a run waits for another process's lock on the file. */
    private static final long LOCK_WAIT_MS = 5_000;

    private SafeWrite() {
    }

    /** The bytes a file had when the run read it, as {@link SourceFile} decoded them (they round-trip exactly). */
    public static byte[] expect(SourceFile f) {
        return encode(f, f.text());
    }

    /** A text as the file's bytes: its charset, and its UTF-8 byte-order mark if it had one. */
    public static byte[] encode(SourceFile f, String text) {
        ByteBuffer body = f.charset().encode(text);
        byte[] bytes = new byte[body.remaining() + (f.hasBom() ? 3 : 0)];
        int off = 0;
        if (f.hasBom()) {
            bytes[0] = (byte) 0xEF;
            bytes[1] = (byte) 0xBB;
            bytes[2] = (byte) 0xBF;
            off = 3;
        }
        body.get(bytes, off, body.remaining());
        return bytes;
    }

    /**
     * Replaces {@code target}'s content with {@code content}, provided it still holds {@code expected}.
     */
    public static void replace(Path target, byte[] expected, byte[] content) throws IOException {
        Path real;
        try {
            real = target.toRealPath();
        } catch (NoSuchFileException e) {
            throw new IOException(Files.isSymbolicLink(target) ? "the link's target does not exist"
                    : "the file no longer exists");
        }
        if (!Files.isRegularFile(real)) {
            throw new IOException("not a regular file");
        }
        Set<PosixFilePermission> perms = posixPermissions(real);
        if (perms != null && perms.stream().noneMatch(p -> p.name().endsWith("_WRITE"))) {
            throw new IOException("the file is read-only (no write permission for anyone); not edited");
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            Object opened = fileKey(real);
            try (FileChannel ch = open(real); FileLock lock = lock(ch)) {
                // another run may have renamed its result over the path while we waited: lock what the path names now
                if (opened != null && !opened.equals(fileKey(real))) {
                    continue;
                }
                byte[] now;
                try {
                    now = SourceFile.readBounded(real, expected.length + 1L);
                } catch (java.nio.file.FileSystemException grown) {
                    now = null; // longer than what was read: changed
                }
                if (now == null || !Arrays.equals(now, expected)) {
                    throw new IOException("the file changed since it was read; not edited (run again)");
                }
                int links = intAttr(real, "unix:nlink", 1);
                if (links > 1 || !renameKeepsOwner(real)) {
                    inPlace(ch, expected.length, content);
                } else {
                    viaRename(real, content, perms);
                }
                return;
            }
        }
        throw new IOException("the file keeps being replaced by another process; not edited");
    }

    private static Object fileKey(Path real) throws IOException {
        return Files.readAttributes(real, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    }

    private static FileChannel open(Path real) throws IOException {
        try {
            return FileChannel.open(real, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException("permission denied");
        }
    }

    private static FileLock lock(FileChannel ch) throws IOException {
        long until = System.nanoTime() + LOCK_WAIT_MS * 1_000_000L;
        while (true) {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                l = null; // another thread of this process holds it: wait as for another process
            }
            if (l != null) {
                return l;
            }
            if (System.nanoTime() > until) {
                throw new IOException("another process holds a lock on the file; not edited");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
    }

    private static Set<PosixFilePermission> posixPermissions(Path p) {
        try {
            return Files.getPosixFilePermissions(p);
        } catch (UnsupportedOperationException | IOException e) {
            return null;
        }
    }

    private static int intAttr(Path p, String attr, int dflt) {
        try {
            Object o = Files.getAttribute(p, attr);
            return o instanceof Number n ? n.intValue() : dflt;
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return dflt;
        }
    }

    /** Whether a new file made by this process can carry the original's owner and group. */
    private static boolean renameKeepsOwner(Path real) {
        int uid = intAttr(real, "unix:uid", -1);
        int gid = intAttr(real, "unix:gid", -1);
        if (uid < 0) {
            return true; // no owners on this file system
        }
        long me = ProcessHandle.current().info().user().map(u -> u.equals("root") ? 0L : -1L).orElse(-1L);
        if (me == 0) {
            return true; // root can chown
        }
        try {
            Path probe = Files.createTempFile(real.getParent(), ".proxylint-owner", ".tmp");
            try {
                return intAttr(probe, "unix:uid", -2) == uid && intAttr(probe, "unix:gid", -2) == gid;
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            return false; // the directory takes no new files: rewrite in place
        }
    }

    private static void viaRename(Path real, byte[] content, Set<PosixFilePermission> perms) throws IOException {
        Path dir = real.getParent();
        Path tmp = Files.createTempFile(dir, "." + real.getFileName() + ".", ".proxylint-tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(content);
                while (b.hasRemaining()) {
                    out.write(b);
                }
                out.force(true);
            }
            if (perms != null) {
                Files.setPosixFilePermissions(tmp, perms);
            }
            int uid = intAttr(real, "unix:uid", -1);
            int gid = intAttr(real, "unix:gid", -1);
            if (uid >= 0 && (intAttr(tmp, "unix:uid", -1) != uid || intAttr(tmp, "unix:gid", -1) != gid)) {
                Files.setAttribute(tmp, "unix:uid", uid);
                Files.setAttribute(tmp, "unix:gid", gid);
                if (perms != null) {
                    Files.setPosixFilePermissions(tmp, perms); // chown may clear set-id bits
                }
            }
            try {
                Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // cannot happen for a file beside its target; never fall back to copy-over (it truncates first)
                throw new IOException("the file system cannot replace the file atomically; not edited");
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some file systems cannot flush a directory; the rename itself is done
        }
    }

    /** Rewrites the open file in place; on a failure before the first byte of the old length changes, cuts it back. */
    static void inPlace(FileChannel ch, int oldLength, byte[] content) throws IOException {
        if (content.length > oldLength) {
            try {
                ByteBuffer tail = ByteBuffer.wrap(content, oldLength, content.length - oldLength);
                long pos = oldLength;
                while (tail.hasRemaining()) {
                    pos += ch.write(tail, pos);
                }
                ch.force(true);
            } catch (IOException e) {
                ch.truncate(oldLength);
                ch.force(true);
                throw new IOException("cannot grow the file (" + oneLine(e) + "); left as it was");
            }
        }
        ByteBuffer head = ByteBuffer.wrap(content, 0, Math.min(oldLength, content.length));
        long pos = 0;
        while (head.hasRemaining()) {
            pos += ch.write(head, pos);
        }
        if (content.length < oldLength) {
            ch.truncate(content.length);
        }
        ch.force(true);
    }

    private static String oneLine(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
