package dev.proxylint.rules.cfg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** CFG110's did-you-mean: nginx's own variables and the config's, one or two edits away. */
class VariableSuggestionTest {
    @Test
    void aMisspeltVariableNamesTheNearestKnownOne() {
        assertEquals("upstream_response_time", NginxVariableRules.nearest("upstream_reponse_time", null, Set.of()));
        assertEquals("connection_upgrade", NginxVariableRules.nearest("conection_upgrade", null,
                Set.of("connection_upgrade")));
        assertEquals("", NginxVariableRules.nearest("completely_unrelated_name", null, Set.of()));
        assertEquals("", NginxVariableRules.nearest("connection_upgrade", null, Set.of()),
                "three or more edits from anything: no guess");
    }
}
