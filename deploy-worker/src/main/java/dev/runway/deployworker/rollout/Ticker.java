package dev.runway.deployworker.rollout;

import java.time.Duration;
import java.time.Instant;

/** The clock a rollout waits by; tests move a fake one forward. */
interface Ticker {

    Instant now();

    void sleep(Duration duration) throws InterruptedException;

    static Ticker system() {
        return new Ticker() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Thread.sleep(duration.toMillis());
            }
        };
    }
}
