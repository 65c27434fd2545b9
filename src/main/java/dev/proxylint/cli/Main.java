package dev.proxylint.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point. The commands live beside this class; this one only wires them up. */
@Command(name = "proxylint", mixinStandardHelpOptions = true, version = "proxylint 0.1.0",
        description = "Static analyzer for nginx and Apache httpd reverse-proxy configuration.")
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
