package dev.runway.deployworker.rollout;

import dev.runway.events.model.HealthCheck;

/** One health-check attempt against an instance listening on a loopback port. */
public interface InstanceProbe {

    /**
     * The result of one attempt.
     *
     * @param healthy whether the attempt passed
     * @param detail  what happened, for a person reading a failure ("connection refused", "HTTP 503")
     */
    record Result(boolean healthy, String detail) {

        public static Result passed(String detail) {
            return new Result(true, detail);
        }

        public static Result failed(String detail) {
            return new Result(false, detail);
        }
    }

    Result attempt(int port, HealthCheck check);
}
