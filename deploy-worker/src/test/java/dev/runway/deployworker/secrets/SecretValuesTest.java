package dev.runway.deployworker.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretValuesTest {

    @Test
    void shouldMaskEveryValueOfFourCharactersOrMoreLongestFirst() {
        // given a value that contains another, and one too short to mask
        var values = new SecretValues(Map.of("A", "p-123", "B", "p-123-long", "C", "abc"));
        // when a log line is masked, then both long values are masked whole, the short one is left
        assertEquals("x=**** y=**** z=abc", values.mask("x=p-123-long y=p-123 z=abc"));
    }

    @Test
    void shouldNameTheVariablesNeverTheValues() {
        assertEquals("SecretValues[A, B]", new SecretValues(Map.of("B", "v-2222", "A", "v-1111")).toString());
    }
}
