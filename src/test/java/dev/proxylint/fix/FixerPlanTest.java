package dev.proxylint.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Fix;
import dev.proxylint.rules.Level;
import dev.proxylint.source.SourceFile;
import dev.proxylint.source.TextEdit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --fix takes the unedited file's syntax problem count from the run and parses only the edited text. */
class FixerPlanTest {
    private static Finding fixing(SourceFile f, int at, String insert) {
        TextEdit e = TextEdit.insert(f, at, insert);
        return new Finding("WS101", Level.WARNING, "m", new dev.proxylint.source.Span(f, at, at), List.of(),
                new Fix("t", List.of(e)));
    }

    @Test
    void theOriginalIsNotParsedAgainOnlyTheEditedText() {
        SourceFile f = SourceFile.of("a.conf", "x;\n");
        List<String> counted = new ArrayList<>();
        List<Fixer.FileFix> plan = Fixer.plan(List.of(fixing(f, 3, "y;\n")), orig -> {
            assertTrue(orig == f, "the run's count is asked for the unedited file");
            return 0;
        }, text -> {
            counted.add(text.text());
            return 0;
        }, s -> s);
        assertEquals(List.of("x;\ny;\n"), counted, "only the edited text is parsed");
        assertEquals("x;\ny;\n", plan.get(0).newText());
        assertNull(plan.get(0).refusal());
    }

    @Test
    void anEditThatAddsSyntaxProblemsIsRefused() {
        SourceFile f = SourceFile.of("a.conf", "x;\n");
        List<Fixer.FileFix> plan = Fixer.plan(List.of(fixing(f, 3, "{\n")), orig -> 0,
                text -> text.text().contains("{") ? 1 : 0, s -> s);
        assertEquals("the fixed text would not parse; left unchanged", plan.get(0).refusal());
        assertEquals(false, plan.get(0).changed());
    }
}
