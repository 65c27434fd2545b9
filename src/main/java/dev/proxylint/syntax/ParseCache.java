package dev.proxylint.syntax;

import dev.proxylint.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The one {@link FileLoader}: reads and parses each file once per run and dialect (keyed by
 * normalized absolute path and dialect, so that an nginx and an Apache config that include one file
 * each get their own reading of it), whichever input or include reaches it first. Thread-safe.
 *
 * <p>Reads are bounded: {@link SourceFile#read} refuses non-regular and oversized files, and the
 * cache refuses more files once the run has read {@link #maxTotalBytes} bytes in all.
 */
public final class ParseCache implements FileLoader {
    /** Default read budget of a run: generous (a 20 MB fleet config is 2 % of it), but finite. */
    public static final long DEFAULT_MAX_TOTAL_BYTES = 1L << 30;

    private final Function<Dialect, Frontend> frontends;
    private final Map<Key, ParsedFile> cache = new ConcurrentHashMap<>();
    private final long maxTotalBytes;
    private final AtomicLong totalBytes = new AtomicLong();
    private final java.util.Set<ParsedFile> claimed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private record Key(Path path, Dialect dialect) {
    }

    /** A cache that parses with the front end of each requested dialect. */
    public ParseCache(Function<Dialect, Frontend> frontends) {
        this(frontends, DEFAULT_MAX_TOTAL_BYTES);
    }

    /** As {@link #ParseCache(Function)}, reading at most {@code maxTotalBytes} bytes of includes in all. */
    public ParseCache(Function<Dialect, Frontend> frontends, long maxTotalBytes) {
        this.frontends = frontends;
        this.maxTotalBytes = maxTotalBytes;
    }

    /** A cache for one dialect's files. */
    public ParseCache(Frontend frontend) {
        this(d -> frontend);
    }

    private static Key key(Path p, Dialect d) {
        return new Key(p.toAbsolutePath().normalize(), d);
    }

    @Override
    public ParsedFile load(Path path, Dialect dialect) throws IOException {
        try {
            return cache.computeIfAbsent(key(path, dialect), k -> {
                try {
                    long left = maxTotalBytes - totalBytes.get();
                    if (left <= 0) {
                        throw new FileSystemException(path.toString(), null, "the run has read its limit of "
                                + maxTotalBytes + " bytes (see --max-read)");
                    }
                    if (left < SourceFile.maxFileBytes() && java.nio.file.Files.size(path) > left) {
                        throw new FileSystemException(path.toString(), null, "reading it would pass the run's limit of "
                                + maxTotalBytes + " bytes (see --max-read)");
                    }
                    SourceFile src = SourceFile.fromBytes(path, path.toString(),
                            SourceFile.readBounded(path, Math.min(left, SourceFile.maxFileBytes())));
                    totalBytes.addAndGet(src.text().length());
                    return frontends.apply(dialect).parse(src);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Fewer files than this are read one after the other: a pool task per file costs more than it gains. */
    static final int PREFETCH_MIN = 8;

    /**
     * Reads and parses the files of an include pattern on every core before the resolver asks for
     * them one by one (a {@code vhosts/*.conf} of thousands of files was otherwise parsed on one
     * core). Only when they all fit in what is left of the read budget, so that reading ahead never
     * spends the budget on files the resolver would not have read; a file that fails here is simply
     * not cached, and {@link #load} reports it in the resolver's order, as it would have.
     */
    @Override
    public void prefetch(java.util.List<Path> paths, Dialect dialect) {
        if (paths.size() < PREFETCH_MIN || Runtime.getRuntime().availableProcessors() < 2) {
            return;
        }
        // sizes first (a stat per file, on every core), to keep within the read budget
        long sum = paths.parallelStream().mapToLong(p -> {
            try {
                java.nio.file.attribute.BasicFileAttributes a = java.nio.file.Files.readAttributes(p,
                        java.nio.file.attribute.BasicFileAttributes.class);
                return a.isRegularFile() ? a.size() : 0;
            } catch (IOException e) {
                return 0; // the resolver reports it when it gets there
            }
        }).sum();
        if (sum >= maxTotalBytes - totalBytes.get()) {
            return;
        }
        paths.parallelStream().forEach(p -> {
            try {
                // a directory, device or FIFO is refused by the read itself, before anything is opened
                load(p, dialect);
            } catch (IOException | RuntimeException e) {
                // not cached: load() meets the same failure again in the resolver's order and reports it
            }
        });
    }

    @Override
    public boolean claim(ParsedFile file) {
        synchronized (claimed) {
            return claimed.add(file);
        }
    }

    /** Registers a file parsed elsewhere (an input read before resolution) under its path and dialect. */
    public void put(Path path, ParsedFile file) {
        totalBytes.addAndGet(file.source().text().length());
        cache.put(key(path, file.dialect()), file);
    }

    public ParsedFile get(Path path, Dialect dialect) {
        return cache.get(key(path, dialect));
    }

    /** Bytes of source text read so far. */
    public long bytesRead() {
        return totalBytes.get();
    }

    /** Forgets every file (the budget of bytes read stays spent). */
    public void clear() {
        cache.clear();
        synchronized (claimed) {
            claimed.clear();
        }
    }

    public Collection<ParsedFile> all() {
        return cache.values();
    }
}
