package dev.runway.registry.parameter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.model.Tag;
import dev.runway.events.secret.ParameterPut;
import dev.runway.registry.service.Rejection;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SSM parameter aggregate: versions, overwrite, types, patterns and names; given / when / then, no I/O. */
class ParameterDeciderTest {

    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final String ARN = "arn:aws:ssm:us-east-1:000000000000:parameter/shop/db";
    static final ParameterDecider D = ParameterDecider.FOLD;

    static ParameterDecider.Put put(String type, String value, boolean overwrite) {
        return new ParameterDecider.Put(ARN, "/shop/db", type, value, null, null, null, null, null, overwrite,
                List.of(), "arn:aws:iam::000000000000:root");
    }

    static ParameterPut decide(ParameterDecider.State s, ParameterDecider.Put p) throws Rejection {
        return ParameterDecider.put(s, p, NOW, v -> "sealed-v" + v);
    }

    @Test
    void shouldCreateVersionOneSealedAndCountUpOnOverwrite() throws Rejection {
        ParameterPut first = decide(D.initial(), put("SecureString", "s3cret", false));
        assertEquals(1, first.version());
        assertEquals("sealed-v1", first.valueCiphertext());
        assertEquals(ParameterDecider.DEFAULT_KEY, first.keyId());
        assertFalse(first.toString().contains("s3cret"));

        ParameterPut second = decide(D.evolve(D.initial(), first), put(null, "n3w", true));
        assertEquals(2, second.version());
        assertEquals("SecureString", second.type(), "an overwrite without Type keeps the type");
    }

    @Test
    void shouldRefuseAPutOverALiveParameterWithoutOverwrite() throws Rejection {
        var live = D.evolve(D.initial(), decide(D.initial(), put("String", "a", false)));
        Rejection r = assertThrows(Rejection.class, () -> decide(live, put("String", "b", false)));
        assertEquals("ParameterAlreadyExists", r.errorType());
    }

    @Test
    void shouldRefuseTagsWithOverwrite() throws Rejection {
        var live = D.evolve(D.initial(), decide(D.initial(), put("String", "a", false)));
        var tagged = new ParameterDecider.Put(ARN, "/shop/db", "String", "b", null, null, null, null, null, true,
                List.of(new Tag("k", "v")), null);
        assertEquals("ValidationException", assertThrows(Rejection.class, () -> decide(live, tagged)).errorType());
    }

    @Test
    void shouldRestartAtVersionOneAfterADelete() throws Rejection {
        var live = D.evolve(D.initial(), decide(D.initial(), put("String", "a", false)));
        var gone = D.evolve(live, ParameterDecider.delete(live, ARN, "/shop/db", NOW));
        assertFalse(gone.live());
        assertEquals(1, decide(gone, put("String", "b", false)).version());
        assertEquals("ParameterNotFound",
                assertThrows(Rejection.class, () -> ParameterDecider.delete(gone, ARN, "/shop/db", NOW)).errorType());
    }

    @Test
    void shouldRefuseBadTypesValuesAndPatterns() {
        assertEquals("ValidationException",
                assertThrows(Rejection.class, () -> decide(D.initial(), put(null, "a", false))).errorType());
        assertEquals("UnsupportedParameterType",
                assertThrows(Rejection.class, () -> decide(D.initial(), put("Nope", "a", false))).errorType());
        assertEquals("ValidationException", assertThrows(Rejection.class,
                () -> decide(D.initial(), put("String", "x".repeat(4097), false))).errorType());
        var advanced = new ParameterDecider.Put(ARN, "/shop/db", "String", "a", null, null, null, null, "Advanced",
                false, List.of(), null);
        assertEquals("ValidationException", assertThrows(Rejection.class, () -> decide(D.initial(), advanced)).errorType());
        var patterned = new ParameterDecider.Put(ARN, "/shop/db", "String", "abc", null, "[0-9]+", null, null, null,
                false, List.of(), null);
        assertEquals("ParameterPatternMismatchException",
                assertThrows(Rejection.class, () -> decide(D.initial(), patterned)).errorType());
        var broken = new ParameterDecider.Put(ARN, "/shop/db", "String", "abc", null, "[", null, null, null,
                false, List.of(), null);
        assertEquals("InvalidAllowedPatternException",
                assertThrows(Rejection.class, () -> decide(D.initial(), broken)).errorType());
    }

    @Test
    void shouldCheckNamesAsSsmDoes() {
        for (String bad : List.of("aws-thing", "/ssm/x", "a/b", "/a//b", "/a/", "with\u0000nul", "sp ace",
                "/" + "l/".repeat(15) + "x")) {
            Rejection r = assertThrows(Rejection.class, () -> ParameterDecider.checkName(bad), bad);
            assertTrue(r.errorType().equals("ValidationException")
                    || r.errorType().equals("HierarchyLevelLimitExceededException"), r.errorType());
            assertFalse(r.getMessage().contains("\u0000"));
        }
        assertNull(assertDoesNotThrow("/a/b.c-d_e"));
        assertNull(assertDoesNotThrow("plain"));
    }

    private static Object assertDoesNotThrow(String name) {
        try {
            ParameterDecider.checkName(name);
            return null;
        } catch (Rejection r) {
            return r.getMessage();
        }
    }
}
