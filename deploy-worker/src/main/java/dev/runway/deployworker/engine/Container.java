package dev.runway.deployworker.engine;

import java.util.Map;

/**
 * A container as a listing shows it.
 *
 * @param id     the engine's id
 * @param name   the container's name, without Docker's leading slash
 * @param labels its labels
 * @param state  the engine's state word: {@code created}, {@code running}, {@code exited}, {@code dead}, ...
 */
public record Container(String id, String name, Map<String, String> labels, String state) {

    public Container {
        labels = Map.copyOf(labels);
    }

    public boolean running() {
        return "running".equals(state);
    }

    public String label(String key) {
        return labels.get(key);
    }
}
