package dev.runway.deployworker.rollout;

import java.time.Duration;
import java.time.Instant;

/** A clock that moves only when the rollout sleeps. */
class FakeTicker implements Ticker {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Instant start = now;

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void sleep(Duration duration) {
        now = now.plus(duration);
    }

    Duration elapsed() {
        return Duration.between(start, now);
    }
}
