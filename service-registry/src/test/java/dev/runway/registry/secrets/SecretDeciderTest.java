package dev.runway.registry.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.model.Tag;
import dev.runway.events.secret.SecretDeleted;
import dev.runway.events.secret.SecretDeletionScheduled;
import dev.runway.events.secret.SecretEvent;
import dev.runway.registry.secrets.SecretDecider.NewValue;
import dev.runway.registry.secrets.SecretDecider.State;
import dev.runway.registry.service.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Secrets Manager secret aggregate: versions and staging labels, deletion windows, tags; no I/O. */
class SecretDeciderTest {

    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final String ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:shop/api-AbCdEf";
    static final SecretDecider D = SecretDecider.FOLD;

    static State fold(State s, List<SecretEvent> events) {
        for (SecretEvent e : events) {
            s = D.evolve(s, e);
        }
        return s;
    }

    static NewValue value(String id) {
        return new NewValue(id, "sealed-" + id, false, List.of(SecretDecider.CURRENT));
    }

    static State created() throws Rejection {
        return fold(D.initial(), SecretDecider.create(D.initial(), ARN, "shop/api", null, null, List.of(), value("v1"),
                NOW));
    }

    @Test
    void shouldMoveCurrentToTheNewVersionAndPreviousToTheOldOne() throws Rejection {
        State s = created();
        assertEquals(Map.of("v1", List.of("AWSCURRENT")), s.stagesByVersion());
        s = fold(s, SecretDecider.putValue(s, ARN, value("v2"), false, NOW));
        s = fold(s, SecretDecider.putValue(s, ARN, value("v3"), false, NOW));
        assertEquals(List.of(), s.stagesByVersion().get("v1"));
        assertEquals(List.of("AWSPREVIOUS"), s.stagesByVersion().get("v2"));
        assertEquals(List.of("AWSCURRENT"), s.stagesByVersion().get("v3"));
    }

    @Test
    void shouldMoveACustomStageWithoutTouchingCurrent() throws Rejection {
        State s = created();
        var pending = new NewValue("v2", "sealed", false, List.of("AWSPENDING"));
        s = fold(s, SecretDecider.putValue(s, ARN, pending, false, NOW));
        assertEquals(List.of("AWSCURRENT"), s.stagesByVersion().get("v1"));
        assertEquals(List.of("AWSPENDING"), s.stagesByVersion().get("v2"));
    }

    @Test
    void shouldTreatARetriedVersionAsDoneAndAnotherValueUnderItsIdAsRefused() throws Rejection {
        State s = created();
        assertEquals(List.of(), SecretDecider.putValue(s, ARN, value("v1"), true, NOW));
        Rejection r = assertThrows(Rejection.class, () -> SecretDecider.putValue(s, ARN, value("v1"), false, NOW));
        assertEquals("ResourceExistsException", r.errorType());
    }

    @Test
    void shouldScheduleDeletionRefuseUseMeanwhileAndRestore() throws Rejection {
        State s = created();
        List<SecretEvent> scheduled = SecretDecider.delete(s, ARN, 7L, false, NOW);
        assertEquals(NOW.plus(Duration.ofDays(7)), ((SecretDeletionScheduled) scheduled.get(0)).deletionDate());
        State marked = fold(s, scheduled);
        assertEquals("InvalidRequestException",
                assertThrows(Rejection.class, () -> SecretDecider.putValue(marked, ARN, value("v2"), false, NOW)).errorType());
        assertEquals(List.of(), SecretDecider.expire(marked, ARN, NOW.plus(Duration.ofDays(6))));
        assertTrue(SecretDecider.expire(marked, ARN, NOW.plus(Duration.ofDays(7))).get(0) instanceof SecretDeleted);
        State restored = fold(marked, SecretDecider.restore(marked, ARN, NOW));
        assertEquals(1, SecretDecider.putValue(restored, ARN, value("v2"), false, NOW).size());
    }

    @Test
    void shouldRefuseBadDeletionsAndForgetAForcedOne() throws Rejection {
        State s = created();
        assertEquals("InvalidParameterException",
                assertThrows(Rejection.class, () -> SecretDecider.delete(s, ARN, 6L, false, NOW)).errorType());
        assertEquals("InvalidParameterException",
                assertThrows(Rejection.class, () -> SecretDecider.delete(s, ARN, 7L, true, NOW)).errorType());
        State gone = fold(s, SecretDecider.delete(s, ARN, null, true, NOW));
        assertEquals("ResourceNotFoundException",
                assertThrows(Rejection.class, () -> SecretDecider.restore(gone, ARN, NOW)).errorType());
    }

    @Test
    void shouldRefuseBadNamesAndReservedOrTooManyTags() throws Rejection {
        assertEquals("InvalidParameterException",
                assertThrows(Rejection.class, () -> SecretDecider.checkName("bad name")).errorType());
        assertEquals("InvalidParameterException",
                assertThrows(Rejection.class, () -> SecretDecider.checkName("nul\u0000")).errorType());
        State s = created();
        assertEquals("InvalidParameterException", assertThrows(Rejection.class,
                () -> SecretDecider.tag(s, ARN, List.of(new Tag("aws:x", "y")), NOW)).errorType());
        List<Tag> many = new java.util.ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(new Tag("k" + i, "v"));
        }
        assertEquals("InvalidParameterException",
                assertThrows(Rejection.class, () -> SecretDecider.tag(s, ARN, many, NOW)).errorType());
        State tagged = fold(s, SecretDecider.tag(s, ARN, List.of(new Tag("team", "a")), NOW));
        assertEquals(Map.of("team", "a"), tagged.tags());
        assertEquals(Map.of(), fold(tagged, SecretDecider.untag(tagged, ARN, List.of("team"), NOW)).tags());
    }
}
