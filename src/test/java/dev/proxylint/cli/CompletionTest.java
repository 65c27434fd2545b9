package dev.proxylint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.it.ServerSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code proxylint completion bash|zsh|fish}, tried in the real shells: bash completes options and
 * their values, zsh registers the completion through bashcompinit, fish completes subcommands,
 * options and values from its {@code complete} lines. CI installs the three shells; elsewhere a
 * missing shell skips its part with a message.
 */
class CompletionTest {
    @TempDir
    Path dir;

    static String shell(Path binary, Path home, String script) throws Exception {
        ServerSupport.requireBinary(binary);
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-c", script).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        pb.environment().put("XDG_DATA_HOME", home.resolve(".local").toString());
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), binary + " did not end");
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), binary + ": " + out);
        return out;
    }

    Path script(String sh) throws Exception {
        CliRun r = CliRun.of("completion", sh);
        assertEquals(0, r.code(), r.err());
        Path f = dir.resolve("proxylint." + sh);
        Files.writeString(f, r.out());
        return f;
    }

    @Test
    void bashCompletesOptionsAndTheirValues() throws Exception {
        Path f = script("bash");
        String out = shell(Path.of("/bin/bash"), dir, "source " + f + "\n"
                + "COMP_WORDS=(proxylint check --for); COMP_CWORD=2; _complete_proxylint; echo \"A:${COMPREPLY[*]}\"\n"
                + "COMP_WORDS=(proxylint check --format ''); COMP_CWORD=3; _complete_proxylint; echo \"B:${COMPREPLY[*]}\"\n"
                + "COMP_WORDS=(proxylint ''); COMP_CWORD=1; _complete_proxylint; echo \"C:${COMPREPLY[*]}\"\n");
        assertTrue(out.contains("A:--format\n"), out);
        assertTrue(out.contains("B:text concise json sarif github\n"), out);
        for (String sub : List.of("check", "dump", "rules", "explain", "tls", "completion")) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith("C:") && List.of(l.substring(2).split(" ")).contains(sub)),
                    sub + " not offered:\n" + out);
        }
    }

    @Test
    void zshRegistersTheCompletion() throws Exception {
        Path f = script("zsh");
        String out = shell(Path.of("/usr/bin/zsh"), dir, "source " + f + " && print -r -- \"comps:${_comps[proxylint]}\"");
        assertTrue(out.contains("comps:_bash_complete -F _complete_proxylint"), out);
    }

    @Test
    void fishCompletesSubcommandsOptionsAndValues() throws Exception {
        Path f = script("fish");
        String out = shell(Path.of("/usr/bin/fish"), dir, "source " + f + "\n"
                + "complete -C 'proxylint ch'\n"
                + "echo ---\n"
                + "complete -C 'proxylint check --fail'\n"
                + "echo ---\n"
                + "complete -C 'proxylint check --context '\n"
                + "echo ---\n"
                + "complete -C 'proxylint tls '\n");
        String[] parts = out.split("---\n");
        assertEquals(4, parts.length, out);
        assertTrue(parts[0].startsWith("check\tLint nginx and Apache configuration files."), out);
        assertTrue(parts[1].startsWith("--fail-on\t"), out);
        assertEquals(List.of("all", "named", "none"), parts[2].lines().map(l -> l.split("\t")[0]).sorted().toList(), out);
        assertTrue(parts[3].startsWith("ciphers\t"), out);
    }

    @Test
    void unknownShellIsOneLine() {
        CliRun r = CliRun.of("completion", "tcsh");
        assertEquals(2, r.code());
        assertEquals("proxylint: error: unknown shell 'tcsh' (expected bash, zsh or fish)", r.err().strip());
    }
}
