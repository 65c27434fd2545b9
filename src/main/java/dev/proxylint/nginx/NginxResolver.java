package dev.proxylint.nginx;

import dev.proxylint.source.Glob;
import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Arg;
import dev.proxylint.syntax.Brief;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.Directive;
import dev.proxylint.syntax.FileLoader;
import dev.proxylint.syntax.Node;
import dev.proxylint.syntax.ParsedFile;
import dev.proxylint.syntax.Problem;
import dev.proxylint.syntax.ReadFailure;
import dev.proxylint.syntax.ResolveOptions;
import dev.proxylint.syntax.Resolved;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * nginx {@code include} resolution for one root file. Each inclusion site gets its own tree of the
 * included file (the parsed one for the first site, {@link FileLoader#claim}, a copy for any other), so {@link Directive#via()} and nested expansions are specific to that site.
 * {@code via} is set on every top-level directive of an included file; nested directives find the
 * include through their ancestors. Recursion follows include nesting only, which is bounded by
 * {@link #MAX_DEPTH}; blocks are walked with an explicit stack.
 */
final class NginxResolver {
    static final int MAX_DEPTH = 64;
    static final int MAX_FILES = 50_000;
    /** Matches of one include pattern from which their real paths are found in parallel. */
    static final int PARALLEL_KEYS = 64;

    private final ResolveOptions options;
    private final FileLoader loader;
    private final NginxDump.Loader dump;
    private final List<Problem> problems = new ArrayList<>();
    private final LinkedHashSet<SourceFile> files = new LinkedHashSet<>();
    private final Set<SourceFile> problemsTaken = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final ArrayList<Path> chain = new ArrayList<>();
    private final List<Resolved.Include> includes = new ArrayList<>();
    private Path base;
    /** The main config's directory (for {@link ResolveOptions#map}), or null for stdin. */
    private Path mainDir;
    private int included;
    private boolean limitReported;
    /** A snippet (no http, events or stream at its top) read without --prefix: see {@link ResolveOptions#snippetBase}. */
    private boolean snippet;

    NginxResolver(ResolveOptions options, FileLoader loader) {
        this.options = options != null ? options : ResolveOptions.defaults();
        this.loader = loader;
        this.dump = loader instanceof NginxDump.Loader d ? d : null;
    }

    Resolved resolve(ParsedFile root) {
        SourceFile src = root.source();
        Path rootPath = src.path() != null ? src.path().toAbsolutePath().normalize() : null;
        if (options.prefix() != null) {
            base = options.prefix().toAbsolutePath().normalize();
        } else if (rootPath != null && rootPath.getParent() != null) {
            base = rootPath.getParent();
        } else {
            base = Path.of("").toAbsolutePath();
        }
        mainDir = rootPath != null ? rootPath.getParent() : null;
        snippet = options.prefix() == null && dump == null && rootPath != null;
        for (Node n : root.items()) {
            if (n instanceof Directive d && dev.proxylint.nginx.model.NginxModel.opensMainConfig(d)) {
                snippet = false; // a main config, as the model reads it
            }
        }
        files.add(src);
        takeProblems(root);
        chain.add(rootPath != null ? key(rootPath) : Path.of("<" + src.name() + ">"));
        List<Node> items = loader.claim(root) ? root.items() : copy(root.items());
        process(items, 0);
        return new Resolved(root, items, List.copyOf(files), List.copyOf(problems), List.copyOf(includes));
    }

    private void takeProblems(ParsedFile pf) {
        if (problemsTaken.add(pf.source())) {
            problems.addAll(pf.problems());
        }
    }

    private Path key(Path p) {
        if (dump == null) {
            try {
                return p.toRealPath();
            } catch (IOException | RuntimeException e) {
                // fall through: not resolvable, use the normalized path
            }
        }
        return p.toAbsolutePath().normalize();
    }

    /** Finds include directives in items at any block depth (explicit stack) and resolves them. */
    private void process(List<Node> items, int depth) {
        ArrayList<List<Node>> stack = new ArrayList<>();
        stack.add(items);
        while (!stack.isEmpty()) {
            List<Node> list = stack.remove(stack.size() - 1);
            for (Node n : list) {
                if (n instanceof Directive d) {
                    if (d.is("include") && d.argCount() == 1 && !d.hasBlock()) {
                        include(d, depth);
                    } else if (d.hasBlock() && !d.children().isEmpty()) {
                        stack.add(d.children());
                    }
                }
            }
        }
    }

    private void include(Directive d, int depth) {
        String arg = d.arg(0);
        Path pattern;
        if (snippet && !arg.startsWith("/")) {
            // nginx has one prefix: the first relative include decides it, here or above
            snippet = false;
            Path b = ResolveOptions.snippetBase(base, arg, Glob.isPattern(arg, Glob.Flavor.NGINX));
            if (b != null) {
                base = b;
            }
        }
        try {
            // a dump holds the files it names; otherwise an absolute path the config writes is a host path
            ResolveOptions.Mapped m = options.mapInclude(base.resolve(arg).normalize(), mainDir,
                    dump == null && Path.of(arg).isAbsolute());
            includes.add(new Resolved.Include(d, m));
            if (m.how() == ResolveOptions.How.NOT_READ) {
                problems.add(new Problem("CFG107", d.span(), head(arg) + " is outside the scanned tree "
                        + "and was not read." + whole(arg) + " Map it with --path-map " + ResolveOptions.suggestFrom(m.path()) + "=DIR"));
                d.setIncludedFiles(List.of());
                d.setExpansion(List.of());
                return;
            }
            pattern = m.path();
        } catch (RuntimeException e) {
            problems.add(new Problem("CFG101", d.span(), head(arg) + " is not a valid path." + whole(arg)));
            return;
        }
        List<Path> matches;
        boolean glob = Glob.isPattern(arg, Glob.Flavor.NGINX);
        if (glob) {
            if (dump != null) {
                matches = Glob.expand(pattern, dump.paths());
            } else {
                try {
                    matches = Glob.expand(pattern, MAX_FILES - included);
                } catch (Glob.ListingException e) {
                    problems.add(new Problem("CFG106", d.span(), head(arg) + " cannot be listed." + whole(arg) + " Listing it failed: " + e.getMessage()));
                    return;
                }
            }
        } else {
            matches = List.of(pattern);
        }
        Path[] keys = null;
        if (glob && dump == null) {
            List<Path> ahead = matches.subList(0, Math.min(matches.size(), Math.max(0, MAX_FILES - included)));
            loader.prefetch(ahead, Dialect.NGINX);
            if (ahead.size() >= PARALLEL_KEYS) {
                // the real path of each match (a system call per path component) on every core, too
                keys = ahead.parallelStream().map(this::key).toArray(Path[]::new);
            }
        }
        int index = -1;
        List<Node> expansion = new ArrayList<>();
        List<SourceFile> matched = new ArrayList<>();
        for (Path p : matches) {
            index++;
            if (included >= MAX_FILES) {
                if (!limitReported) {
                    limitReported = true;
                    problems.add(new Problem("CFG103", d.span(), head(arg) + ": more than " + MAX_FILES
                            + " included files; the rest are not read." + whole(arg)));
                }
                break;
            }
            if (depth + 1 > MAX_DEPTH) {
                problems.add(new Problem("CFG103", d.span(), head(arg) + ": includes nested deeper than "
                        + MAX_DEPTH + " levels; not followed." + whole(arg)));
                break;
            }
            Path k = keys != null && index < keys.length ? keys[index] : key(p);
            if (chain.contains(k)) {
                problems.add(new Problem("CFG102", d.span(), "include cycle: " + name(p)
                        + " is already being read; not followed. The file is " + p + " (" + cycleText(k) + ")"));
                continue;
            }
            ParsedFile pf;
            try {
                pf = loader.load(p, Dialect.NGINX);
            } catch (NoSuchFileException e) {
                if (glob) {
                    continue; // vanished or dangling symlink matched by a pattern: glob(3) would skip it too
                }
                problems.add(new Problem("CFG101", d.span(), head(arg) + ": no such file." + whole(arg) + " The path " + p + " does not exist"));
                continue;
            } catch (AccessDeniedException e) {
                problems.add(new Problem("CFG106", d.span(), ReadFailure.headline(head(arg, 32), "permission denied") + whole(arg, 32) + " The path " + p + " cannot be read (permission denied)"));
                continue;
            } catch (FileSystemException e) {
                if (dump == null && Files.isDirectory(p)) {
                    // asked only when reading failed: a stat per included file saved
                    problems.add(new Problem("CFG106", d.span(), head(arg) + " names a directory." + whole(arg) + " The path " + p + " is a directory"));
                    continue;
                }
                String why = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
                problems.add(new Problem("CFG106", d.span(), ReadFailure.headline(head(arg, 32), why) + whole(arg, 32) + " The path " + p + " cannot be read (" + why + ")"));
                continue;
            } catch (IOException | RuntimeException e) {
                problems.add(new Problem("CFG106", d.span(), ReadFailure.headline(head(arg, 32), e.getMessage()) + whole(arg, 32) + " The path " + p + " cannot be read (" + e.getMessage() + ")"));
                continue;
            }
            included++;
            files.add(pf.source());
            takeProblems(pf);
            matched.add(pf.source());
            // the first inclusion of a file takes its parsed tree; a later one (the same file included
            // twice, or by two roots) works on a copy, so that via and expansions stay per site
            List<Node> copy = loader.claim(pf) ? pf.items() : copy(pf.items());
            for (Node n : copy) {
                if (n instanceof Directive cd) {
                    cd.setVia(d);
                }
            }
            expansion.addAll(copy);
            chain.add(k);
            process(copy, depth + 1);
            chain.remove(chain.size() - 1);
        }
        d.setIncludedFiles(List.copyOf(matched));
        d.setExpansion(expansion);
    }

    /**
     * {@code include "ARG"} for a finding's first sentence, the argument cut to 40 characters; when
     * it is cut, {@link #whole} names it whole in the rest of the message.
     */
    private static String head(String arg) {
        return head(arg, 40);
    }

    private static String head(String arg, int max) {
        return "include \"" + Brief.tail(arg, max) + "\"";
    }

    /** " The include reads "ARG"." when {@link #head} cut the argument, else nothing. */
    private static String whole(String arg) {
        return whole(arg, 40);
    }

    private static String whole(String arg, int max) {
        return arg.length() > max ? " The include reads \"" + arg + "\"." : "";
    }

    /** A path's last name for a first sentence (the path itself when it has none, as "/"). */
    private static String name(Path p) {
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }

    private String cycleText(Path k) {
        StringBuilder sb = new StringBuilder();
        int from = chain.indexOf(k);
        for (int i = from; i < chain.size(); i++) {
            sb.append(chain.get(i).getFileName()).append(" -> ");
        }
        return sb.append(k.getFileName()).toString();
    }

    /** A deep copy of a file's tree (explicit stack); arguments and comments are immutable and shared. */
    static List<Node> copy(List<Node> items) {
        List<Node> top = new ArrayList<>(items.size());
        // work items: source list, destination list
        ArrayList<List<Node>> src = new ArrayList<>();
        ArrayList<List<Node>> dst = new ArrayList<>();
        src.add(items);
        dst.add(top);
        while (!src.isEmpty()) {
            List<Node> from = src.remove(src.size() - 1);
            List<Node> to = dst.remove(dst.size() - 1);
            for (Node n : from) {
                if (n instanceof Directive d) {
                    List<Arg> args = d.args();
                    Directive c = new Directive(d.dialect(), d.file(), d.name(), d.start(), d.nameSpan().end(),
                            d.end(), args);
                    if (d.hasBlock()) {
                        List<Node> kids = new ArrayList<>(d.children().size());
                        c.setBlock(kids, d.blockOpen(), d.blockClose());
                        src.add(d.children());
                        dst.add(kids);
                    }
                    to.add(c);
                } else {
                    to.add(n);
                }
            }
        }
        return top;
    }

}
