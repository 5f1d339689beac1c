package dev.runway.registry.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.event.AccessKeyCreated;
import dev.runway.events.event.AccessKeyDeleted;
import dev.runway.events.event.AccountEvent;
import dev.runway.registry.credentials.AccessKeyDecider.CreateAccessKey;
import dev.runway.registry.credentials.AccessKeyDecider.DeleteAccessKey;
import dev.runway.registry.credentials.AccessKeyDecider.State;
import dev.runway.registry.service.Rejection;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The account's credentials: given what happened, when a key is created or deleted, then. */
class AccessKeyDeciderTest {

    static final String ACCOUNT = "arn:aws:iam::000000000000:root";
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    static State given(AccountEvent... history) {
        State state = AccessKeyDecider.FOLD.initial();
        for (AccountEvent e : history) {
            state = AccessKeyDecider.FOLD.evolve(state, e);
        }
        return state;
    }

    @Test
    void shouldCreateAKeyForAValidUser() throws Rejection {
        AccountEvent event = AccessKeyDecider.decide(new CreateAccessKey(ACCOUNT, "AKIAAAAAAAAAAAAAAAAA", "admin"),
                given(), NOW);
        assertEquals(new AccessKeyCreated(ACCOUNT, "AKIAAAAAAAAAAAAAAAAA", "admin", NOW), event);
    }

    @Test
    void shouldRefuseAnInvalidUserName() {
        Rejection r = assertThrows(Rejection.class, () -> AccessKeyDecider.decide(
                new CreateAccessKey(ACCOUNT, "AKIAAAAAAAAAAAAAAAAA", "no spaces"), given(), NOW));
        assertEquals(Rejection.INVALID_REQUEST, r.errorType());
        assertTrue(r.getMessage().contains("no spaces"));
    }

    @Test
    void shouldNeverIssueADeletedIdAgain() {
        State state = given(new AccessKeyCreated(ACCOUNT, "AKIAAAAAAAAAAAAAAAAA", "admin", NOW),
                new AccessKeyDeleted(ACCOUNT, "AKIAAAAAAAAAAAAAAAAA", NOW));
        assertThrows(Rejection.class, () -> AccessKeyDecider.decide(
                new CreateAccessKey(ACCOUNT, "AKIAAAAAAAAAAAAAAAAA", "admin"), state, NOW));
    }

    @Test
    void shouldDeleteAnActiveKeyOnce() throws Rejection {
        State state = given(new AccessKeyCreated(ACCOUNT, "AKIAAAAAAAAAAAAAAAAA", "admin", NOW));
        AccountEvent deleted = AccessKeyDecider.decide(new DeleteAccessKey(ACCOUNT, "AKIAAAAAAAAAAAAAAAAA"), state, NOW);
        assertEquals(new AccessKeyDeleted(ACCOUNT, "AKIAAAAAAAAAAAAAAAAA", NOW), deleted);

        State after = AccessKeyDecider.FOLD.evolve(state, deleted);
        Rejection again = assertThrows(Rejection.class, () -> AccessKeyDecider.decide(
                new DeleteAccessKey(ACCOUNT, "AKIAAAAAAAAAAAAAAAAA"), after, NOW));
        assertEquals(Rejection.NOT_FOUND, again.errorType());
    }

    @Test
    void shouldBoundTheNumberOfActiveKeys() {
        AccountEvent[] history = new AccountEvent[AccessKeyDecider.MAX_ACTIVE_KEYS];
        for (int i = 0; i < history.length; i++) {
            history[i] = new AccessKeyCreated(ACCOUNT, "AKIA" + i, "u", NOW);
        }
        Rejection r = assertThrows(Rejection.class, () -> AccessKeyDecider.decide(
                new CreateAccessKey(ACCOUNT, "AKIANEW", "u"), given(history), NOW));
        assertEquals("ServiceQuotaExceededException", r.errorType());
    }

    @Test
    void generatedKeysHaveAwsShapes() {
        List<String> ids = List.of(AccessKeys.newAccessKeyId(), AccessKeys.newAccessKeyId());
        ids.forEach(id -> assertTrue(id.matches("AKIA[A-Z2-7]{16}"), id));
        assertTrue(!ids.get(0).equals(ids.get(1)));
        assertTrue(AccessKeys.newSecret().matches("[A-Za-z0-9+/]{40}"));
    }
}
