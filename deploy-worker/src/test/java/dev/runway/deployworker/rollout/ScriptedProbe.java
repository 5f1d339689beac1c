package dev.runway.deployworker.rollout;

import dev.runway.events.model.HealthCheck;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Health-check answers in a given order; once the script runs out it repeats its default. */
class ScriptedProbe implements InstanceProbe {

    private final Deque<Boolean> script = new ArrayDeque<>();
    private boolean otherwise = true;
    final List<Integer> attempts = new ArrayList<>();

    ScriptedProbe answering(Boolean... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    ScriptedProbe thenAlways(boolean healthy) {
        otherwise = healthy;
        return this;
    }

    @Override
    public synchronized Result attempt(int port, HealthCheck check) {
        attempts.add(port);
        boolean healthy = script.isEmpty() ? otherwise : script.poll();
        return healthy ? Result.passed("TCP connect succeeded") : Result.failed("connection refused");
    }
}
