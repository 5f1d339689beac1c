package dev.runway.deployworker.rollout;

import dev.runway.events.model.HealthCheck;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Health-check answers in a given order; once the script runs out it repeats its default. */
class ScriptedProbe implements InstanceProbe {

    static final Result LISTENING = Result.passed("TCP connect succeeded");
    static final Result NOT_LISTENING = Result.failed("connection refused");

    private final Deque<Result> script = new ArrayDeque<>();
    private Result otherwise = LISTENING;
    final List<Integer> attempts = new ArrayList<>();

    ScriptedProbe answering(Boolean... answers) {
        for (Boolean healthy : answers) {
            script.add(healthy ? LISTENING : NOT_LISTENING);
        }
        return this;
    }

    ScriptedProbe answering(Result... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    ScriptedProbe thenAlways(boolean healthy) {
        otherwise = healthy ? LISTENING : NOT_LISTENING;
        return this;
    }

    ScriptedProbe thenAnswering(Result answer) {
        otherwise = answer;
        return this;
    }

    @Override
    public synchronized Result attempt(int port, HealthCheck check) {
        attempts.add(port);
        return script.isEmpty() ? otherwise : script.poll();
    }
}
