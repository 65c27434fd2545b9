package dev.proxylint.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a report or baseline file whole or not at all: into a new file beside it, then renamed
 * over it. A new file gets the mode the user's umask gives any new file (it is created without
 * explicit permissions, unlike a JDK temporary file, which is always 0600); a file that is
 * replaced keeps its own mode, and a link is followed (the link stays).
 */
public final class OutputFile {
    /** What writes the content. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private OutputFile() {
    }

    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.isSymbolicLink(target) && Files.exists(target)) {
            target = target.toRealPath(); // write where the link points; the link stays
        }
        Path dir = target.getParent();
        Path tmp = null;
        for (int i = 0; tmp == null; i++) {
            Path t = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            try {
                Files.createFile(t); // 0666 less the umask, as for any file a program creates
                tmp = t;
            } catch (FileAlreadyExistsException e) {
                if (i >= 100) {
                    throw e;
                }
            }
        }
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            PosixFileAttributeView was = Files.exists(target)
                    ? Files.getFileAttributeView(target, PosixFileAttributeView.class) : null;
            if (was != null) {
                Files.setPosixFilePermissions(tmp, was.readAttributes().permissions());
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
