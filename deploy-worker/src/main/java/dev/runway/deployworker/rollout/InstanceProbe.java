package dev.runway.deployworker.rollout;

import dev.runway.events.model.HealthCheck;

/** One health-check attempt against an instance listening on a loopback port. */
public interface InstanceProbe {

    /**
     * The result of one attempt.
     *
     * @param healthy  whether the attempt passed
     * @param answered whether the instance answered at all: an HTTP status came back, even a failing
     *                 one. An instance that answers is running its app, so failures then count
     *                 against its UnhealthyThreshold; one that does not answer may still be starting.
     * @param detail   what happened, for a person reading a failure ("connection refused", "HTTP 503")
     */
    record Result(boolean healthy, boolean answered, String detail) {

        public static Result passed(String detail) {
            return new Result(true, true, detail);
        }

        /** No answer: nothing listens yet, or it did not answer within the timeout. */
        public static Result failed(String detail) {
            return new Result(false, false, detail);
        }

        /** The app answered, but not with what the check wants (HTTP outside 2xx). */
        public static Result refused(String detail) {
            return new Result(false, true, detail);
        }
    }

    Result attempt(int port, HealthCheck check);
}
