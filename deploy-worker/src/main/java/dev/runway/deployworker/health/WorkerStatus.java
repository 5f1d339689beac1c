package dev.runway.deployworker.health;

import jakarta.inject.Singleton;

/** What readiness depends on: the engine has answered and the consumer has joined its group. */
@Singleton
public class WorkerStatus {

    private volatile String engineVersion;
    private volatile boolean consuming;

    public void engineAnswered(String version) {
        this.engineVersion = version;
    }

    public void consuming(boolean consuming) {
        this.consuming = consuming;
    }

    public String engineVersion() {
        return engineVersion;
    }

    public boolean consuming() {
        return consuming;
    }

    public boolean ready() {
        return engineVersion != null && consuming;
    }
}
