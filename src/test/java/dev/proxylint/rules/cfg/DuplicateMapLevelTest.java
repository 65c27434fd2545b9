package dev.proxylint.rules.cfg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.cli.CliRun;
import org.junit.jupiter.api.Test;

/**
 * CFG111: a copy of the same map is a warning (requests get the same values either way); copies
 * that differ are an error (one of them is silently dead and its values never apply).
 */
class DuplicateMapLevelTest {
    @Test
    void identicalCopiesWarnAndDifferingCopiesAreErrors() throws Exception {
        CliRun same = CliRun.of("check", "--format", "concise", "--select", "CFG111",
                "testdata/nginx/cfg/duplicate-map.conf");
        assertTrue(same.out().contains(":10:5: warning:") && same.out().contains("identical"), same.out());
        CliRun differ = CliRun.of("check", "--format", "concise", "--select", "CFG111",
                "testdata/nginx/cfg/duplicate-map-conflict.conf");
        assertTrue(differ.out().contains(":11:5: error:") && !differ.out().contains("identical"), differ.out());
    }
}
