package dev.proxylint.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the command line, as tests drive it: exit code, standard output and error. */
public record CliRun(int code, String out, String err) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
