package dev.proxylint.syntax;

import dev.proxylint.source.SourceFile;
import dev.proxylint.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * A directive: its name, arguments and optional block. For Apache, a section such as
 * {@code <VirtualHost *:443>} is a directive named {@code VirtualHost} with a block.
 *
 * <p>The parser fills name, arguments, block and spans. Resolution (includes, Apache conditionals
 * and macros) then sets {@link #expansion()} on the directives that stand for other content: an
 * {@code include} stands for the included files' items, an {@code <IfModule>} for its block when
 * true and for nothing when false, a macro {@code Use} for the macro's expanded body. Walkers
 * ({@link Tree}) visit the expansion in place of such a directive, which is how the servers read
 * them. Every directive that came in through an include or a macro points at that site with
 * {@link #via()}.
 */
public final class Directive implements Node {
    private final Dialect dialect;
    private final SourceFile file;
    private final String name;
    private final int start;
    private final int nameEnd;
    private int end;
    // an array, not a List: rules read arguments hundreds of millions of times in a fleet config, and
    // a field load beats an interface call; args() hands out a read-only view (a small short-lived object: caching it would cost 7 MB at 20 MB)
    private final Arg[] argv;
    private List<Node> block;
    private int blockOpen = -1;
    private int blockClose = -1;
    private Directive via;
    private List<Node> expansion;
    private Cond cond;
    private List<SourceFile> includedFiles = List.of();

    private static final Arg[] NO_ARGS = new Arg[0];

    public Directive(Dialect dialect, SourceFile file, String name, int start, int nameEnd, int end,
            List<Arg> args) {
        this(dialect, file, name, start, nameEnd, end, args instanceof ArgView v ? v.a
                : args.isEmpty() ? NO_ARGS : args.toArray(NO_ARGS));
    }

    /** The same with the arguments as an array, which the directive keeps (the caller must not change it). */
    public Directive(Dialect dialect, SourceFile file, String name, int start, int nameEnd, int end,
            Arg[] args) {
        Work.tick();
        this.dialect = dialect;
        this.file = file;
        this.name = name;
        this.start = start;
        this.nameEnd = nameEnd;
        this.end = end;
        this.argv = args.length == 0 ? NO_ARGS : args;
    }

    /** The read-only list view of a directive's arguments. */
    private static final class ArgView extends java.util.AbstractList<Arg> implements java.util.RandomAccess {
        private final Arg[] a;

        ArgView(Arg[] a) {
            this.a = a;
        }

        @Override
        public Arg get(int i) {
            return a[i];
        }

        @Override
        public int size() {
            return a.length;
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    public SourceFile file() {
        return file;
    }

    /** The name as written. */
    public String name() {
        return name;
    }

    /** Whether this directive has the given name: exact for nginx, case-insensitive for Apache. */
    public boolean is(String n) {
        Work.tick();
        return dialect == Dialect.APACHE ? name.equalsIgnoreCase(n) : name.equals(n);
    }

    public List<Arg> args() {
        return argv.length == 0 ? java.util.Collections.emptyList() : new ArgView(argv);
    }

    public int argCount() {
        return argv.length;
    }

    /** Argument {@code i} (0-based); for loops that would otherwise make a view and an iterator per directive. */
    public Arg argument(int i) {
        return argv[i];
    }

    /** The value of argument {@code i} (0-based), or null when there is no such argument. */
    public String arg(int i) {
        return i < argv.length ? argv[i].value() : null;
    }

    /** All argument values. */
    public List<String> values() {
        List<String> out = new ArrayList<>(argv.length);
        for (Arg a : argv) {
            out.add(a.value());
        }
        return out;
    }

    public boolean hasBlock() {
        return block != null;
    }

    /** The items of this directive's block, or an empty list when it has none. */
    public List<Node> children() {
        return block != null ? block : java.util.Collections.emptyList();
    }

    public void setBlock(List<Node> items, int openOffset, int closeOffset) {
        this.block = items;
        this.blockOpen = openOffset;
        this.blockClose = closeOffset;
    }

    /** Offset of the block's opening ({@code {} or the end of the section opener), or -1. */
    public int blockOpen() {
        return blockOpen;
    }

    /** Offset where the block's closing ({@code }} or {@code </Section>}) starts, or -1 if missing. */
    public int blockClose() {
        return blockClose;
    }

    public void setEnd(int end) {
        this.end = end;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    /** The whole directive, through its {@code ;} or the end of its block. */
    @Override
    public Span span() {
        return new Span(file, start, end);
    }

    /** Just the directive's name. */
    public Span nameSpan() {
        return new Span(file, start, nameEnd);
    }

    /** From the name to the end of the last argument (the head line of a block directive). */
    public Span headSpan() {
        int e = argv.length == 0 ? nameEnd : argv[argv.length - 1].end();
        if (e < start || argv.length == 0 || argv[argv.length - 1].file() != file) {
            e = nameEnd;
        }
        return new Span(file, start, e);
    }

    public int line() {
        return file.line(start);
    }

    public int column() {
        return file.column(start);
    }

    /** The include or macro {@code Use} directive this one came in through, or null. */
    public Directive via() {
        return via;
    }

    public void setVia(Directive via) {
        this.via = via;
    }

    /** What this directive stands for after resolution, or null when it stands for itself. */
    public List<Node> expansion() {
        return expansion;
    }

    public void setExpansion(List<Node> expansion) {
        this.expansion = expansion;
    }

    /** For Apache conditional sections: the resolver's verdict; null elsewhere. */
    public Cond cond() {
        return cond;
    }

    public void setCond(Cond cond) {
        this.cond = cond;
    }

    /** For include directives: the files they matched, in the order the server reads them. */
    public List<SourceFile> includedFiles() {
        return includedFiles;
    }

    public void setIncludedFiles(List<SourceFile> files) {
        this.includedFiles = files;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name);
        for (Arg a : argv) {
            sb.append(' ').append(a.raw());
        }
        return sb.toString();
    }
}
