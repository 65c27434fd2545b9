package dev.proxylint.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.nginx.NginxFrontend;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading ahead the files of an include pattern: the same trees, the same failures, the same budget. */
class ParseCacheTest {
    @TempDir
    Path dir;

    private List<Path> files(int n) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path p = dir.resolve("v" + i + ".conf");
            Files.writeString(p, "server { listen 80; server_name s" + i + ".test; }\n");
            out.add(p);
        }
        return out;
    }

    @Test
    void prefetchedFilesAreTheOnesLoadReturns() throws IOException {
        List<Path> paths = files(40);
        ParseCache cache = new ParseCache(new NginxFrontend());
        cache.prefetch(paths, Dialect.NGINX);
        int cached = 0;
        for (Path p : paths) {
            ParsedFile before = cache.get(p, Dialect.NGINX);
            if (before != null) {
                cached++;
            }
            ParsedFile loaded = cache.load(p, Dialect.NGINX);
            if (before != null) {
                assertSame(before, loaded, "load returns the tree read ahead, not a second reading");
            }
            Directive server = (Directive) loaded.items().get(0);
            assertEquals("server", server.name());
        }
        if (Runtime.getRuntime().availableProcessors() >= 2) {
            assertEquals(paths.size(), cached, "every file was read ahead");
        }
    }

    @Test
    void aFileThatFailsIsNotCachedAndLoadStillReportsIt() throws IOException {
        List<Path> paths = new ArrayList<>(files(10));
        Path gone = dir.resolve("gone.conf");
        Path sub = Files.createDirectory(dir.resolve("sub.conf"));
        paths.add(3, gone);
        paths.add(5, sub);
        ParseCache cache = new ParseCache(new NginxFrontend());
        cache.prefetch(paths, Dialect.NGINX);
        assertNull(cache.get(gone, Dialect.NGINX));
        assertNull(cache.get(sub, Dialect.NGINX));
        assertThrows(NoSuchFileException.class, () -> cache.load(gone, Dialect.NGINX));
        assertNotNull(cache.load(paths.get(0), Dialect.NGINX));
    }

    @Test
    void nothingIsReadAheadWhenTheFilesWouldPassTheReadBudget() throws IOException {
        List<Path> paths = files(20);
        long one = Files.size(paths.get(0));
        // room for a few files, not for all twenty
        ParseCache cache = new ParseCache(d -> new NginxFrontend(), one * 5);
        cache.prefetch(paths, Dialect.NGINX);
        for (Path p : paths) {
            assertNull(cache.get(p, Dialect.NGINX), "read ahead past the budget: " + p);
        }
        // read in order, the budget stops the sixth file with its own message
        for (int i = 0; i < 5; i++) {
            cache.load(paths.get(i), Dialect.NGINX);
        }
        FileSystemException e = assertThrows(FileSystemException.class, () -> cache.load(paths.get(5), Dialect.NGINX));
        assertTrue(e.getMessage().contains("--max-read"), e.getMessage());
    }

    @Test
    void aFewFilesAreLeftToTheResolver() throws IOException {
        List<Path> paths = files(ParseCache.PREFETCH_MIN - 1);
        ParseCache cache = new ParseCache(new NginxFrontend());
        cache.prefetch(paths, Dialect.NGINX);
        for (Path p : paths) {
            assertNull(cache.get(p, Dialect.NGINX));
        }
    }

    @Test
    void clearForgetsTheTreesButNotTheBytesRead() throws IOException {
        List<Path> paths = files(3);
        ParseCache cache = new ParseCache(new NginxFrontend());
        long bytes = 0;
        for (Path p : paths) {
            bytes += cache.load(p, Dialect.NGINX).source().text().length();
        }
        assertEquals(bytes, cache.bytesRead());
        assertNotNull(cache.get(paths.get(0), Dialect.NGINX));
        cache.clear();
        assertNull(cache.get(paths.get(0), Dialect.NGINX));
        assertTrue(cache.all().isEmpty());
        assertEquals(bytes, cache.bytesRead(), "the read budget stays spent");
    }
}
