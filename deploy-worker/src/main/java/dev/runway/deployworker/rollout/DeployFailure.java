package dev.runway.deployworker.rollout;

/** A revision cannot be brought up; the message is the reason a user reads. */
class DeployFailure extends RuntimeException {

    DeployFailure(String reason) {
        super(reason);
    }
}
