package dev.proxylint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The launcher's training run reaches what a real run loads: both dialects' readers and rules,
 * every report format, the fix diff and the other subcommands; and it leaves no files behind.
 */
class TrainTest {
    @Test
    void trainingRunsEverySubcommandOnBothDialectsAndCleansUp() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = trainDirs(tmp);
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            rc = Train.run(true);
        } finally {
            System.setOut(saved);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, out);
        // findings of both dialects' WebSocket and TLS rules, in text, SARIF and JSON
        for (String s : new String[] {"[WS102]", "[WS202]", "[TLS102]", "[SEC101]", "\"$schema\"", "\"ruleId\"", "+++ b/", "\"items\"",
            "proxylint " + Main.VERSION}) {
            assertTrue(out.contains(s), "training output lacks " + s);
        }
        assertEquals(before, trainDirs(tmp), "the training directory is removed");
    }

    private static long trainDirs(Path tmp) throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("proxylint-train")).count();
        }
    }
}
