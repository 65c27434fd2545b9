package dev.proxylint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleDocsRendererTest {
    @Test
    void plainTextDropsMarkdownSyntax() {
        String t = RuleDocsRenderer.plainText("# A b\n\nSee `x` and [docs](https://e.com/d), **bold**, <https://e.com/x>.\n\n"
                + "## Bad\n\n```nginx\nlisten 80;\n\n  a;\n```\n");
        assertEquals("A b\n===\n\nSee x and docs (https://e.com/d), bold, https://e.com/x.\n\nBad\n---\n\n"
                + "    listen 80;\n\n      a;\n", t);
    }

    @Test
    void explainShowsHeaderMetadataAndBody() {
        RuleMeta m = RuleRegistry.builtin().get("CFG104");
        String s = RuleDocsRenderer.explain(m);
        assertTrue(s.startsWith("CFG104 undefined-variable: An Apache ${VAR} reference has no Define\n"
                + "level: warning    dialects: apache    tags: correctness, defines\n"
                + "docs: https://github.com/proxylint/proxylint/blob/main/rules/CFG104.md\n\n"
                + "CFG104 undefined-variable\n"), s);
        assertTrue(s.contains("\nWhy\n---\n"));
        assertTrue(s.contains("\n    Define BACKEND_HOST 127.0.0.1\n"), "code is indented, fences dropped");
        assertFalse(s.contains("```"));
        assertTrue(s.endsWith("\n"));
    }

    @Test
    void markdownTableHasOneRowPerRule() {
        RuleRegistry r = RuleRegistry.builtin();
        String t = RuleDocsRenderer.markdownTable(r.family("SYN"));
        assertEquals("| ID | Name | Level | Dialects | Summary |\n|---|---|---|---|---|\n"
                + "| [SYN001](rules/SYN001.md) | `syntax-error` | error | nginx, apache | The configuration file does not parse |\n"
                + "| [SYN002](rules/SYN002.md) | `binary-input` | error | nginx, apache | The file is not a text configuration file |\n"
                + "| [SYN003](rules/SYN003.md) | `invalid-time-value` | error | nginx, apache | A time value the server refuses |\n",
                t);
        assertEquals(List.of("SYN001", "SYN002", "SYN003"), RuleDocsRenderer.ids(r.family("SYN")));
    }
}
