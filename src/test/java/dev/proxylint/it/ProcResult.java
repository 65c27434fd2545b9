package dev.proxylint.it;

/** Exit code and combined stdout+stderr of a bounded external command. */
public record ProcResult(int exitCode, String output, boolean timedOut) {
    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }
}
