package dev.runway.deployworker.rollout;

/**
 * The worker is shutting down in the middle of a command. Nothing is reported and the offset is
 * not committed: the command is delivered again and the next attempt adopts what this one started.
 */
public class RolloutInterrupted extends RuntimeException {

    RolloutInterrupted(InterruptedException cause) {
        super("interrupted by shutdown", cause);
    }
}
