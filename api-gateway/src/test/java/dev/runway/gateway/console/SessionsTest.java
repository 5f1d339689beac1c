package dev.runway.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SessionsTest {

    /** A clock the test moves. */
    static final class FakeClock extends Clock {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void shouldKeepASessionWhileItIsUsed() {
        // given a session used every 20 minutes
        FakeClock clock = new FakeClock();
        Sessions sessions = new Sessions(clock);
        Sessions.Session s = sessions.start("AKIAEXAMPLE");
        for (int i = 0; i < 5; i++) {
            clock.now = clock.now.plus(Duration.ofMinutes(20));
            // then it stays
            assertTrue(sessions.find(s.id()).isPresent());
        }
        assertEquals("AKIAEXAMPLE", sessions.find(s.id()).orElseThrow().accessKeyId());
    }

    @Test
    void shouldEndAnIdleOrOldSession() {
        FakeClock clock = new FakeClock();
        Sessions sessions = new Sessions(clock);
        Sessions.Session idle = sessions.start("AKIAEXAMPLE");
        // when 30 minutes pass without a request, then it is gone
        clock.now = clock.now.plus(Sessions.IDLE);
        assertTrue(sessions.find(idle.id()).isEmpty());

        // and a session used all along still ends 8 hours after sign-in
        Sessions.Session busy = sessions.start("AKIAEXAMPLE");
        Instant end = clock.now.plus(Sessions.LIFETIME);
        while (clock.now.isBefore(end.minusSeconds(60))) {
            clock.now = clock.now.plus(Duration.ofMinutes(10));
            sessions.find(busy.id());
        }
        clock.now = end;
        assertTrue(sessions.find(busy.id()).isEmpty());
    }

    @Test
    void shouldEndOnSignOutAndWhenTheKeyGoes() {
        Sessions sessions = new Sessions(new FakeClock());
        Sessions.Session a = sessions.start("AKIAONE");
        Sessions.Session b = sessions.start("AKIAONE");
        Sessions.Session c = sessions.start("AKIATWO");
        assertNotEquals(a.id(), b.id());
        assertNotEquals(a.csrfToken(), a.id());
        sessions.end(a.id());
        assertTrue(sessions.find(a.id()).isEmpty());
        sessions.endAllOf("AKIAONE");
        assertTrue(sessions.find(b.id()).isEmpty());
        assertTrue(sessions.find(c.id()).isPresent());
    }
}
