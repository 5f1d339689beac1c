package dev.runway.gateway.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FilterPatternTest {

    @Test
    void shouldMatchEveryLineWithAnEmptyPattern() {
        assertTrue(FilterPattern.parse("").matches("anything"));
        assertTrue(FilterPattern.parse(null).matches(""));
    }

    @Test
    void shouldRequireEveryTermCaseSensitively() {
        FilterPattern p = FilterPattern.parse("ERROR timeout");
        assertTrue(p.matches("12:00 ERROR upstream timeout"));
        assertFalse(p.matches("12:00 ERROR upstream closed"));
        assertFalse(p.matches("12:00 error upstream timeout"));
    }

    @Test
    void shouldMatchAQuotedPhraseAsWritten() {
        FilterPattern p = FilterPattern.parse("\"not found\"");
        assertTrue(p.matches("GET /x not found"));
        assertFalse(p.matches("not the one found"));
    }

    @Test
    void shouldExcludeMinusTermsAndAcceptAnyQuestionTerm() {
        assertFalse(FilterPattern.parse("GET -health").matches("GET /health 200"));
        assertTrue(FilterPattern.parse("GET -health").matches("GET / 200"));
        FilterPattern any = FilterPattern.parse("?ERROR ?WARN");
        assertTrue(any.matches("WARN slow"));
        assertTrue(any.matches("ERROR down"));
        assertFalse(any.matches("INFO fine"));
    }

    @Test
    void shouldRefuseJsonAndSpaceDelimitedPatternsAndAnOpenQuote() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FilterPattern.parse("{ $.level = 1 }"))
                .getMessage().contains("not supported"));
        assertThrows(IllegalArgumentException.class, () -> FilterPattern.parse("[ip, user]"));
        assertEquals(true, assertThrows(IllegalArgumentException.class, () -> FilterPattern.parse("\"open"))
                .getMessage().contains("closing quote"));
    }
}
