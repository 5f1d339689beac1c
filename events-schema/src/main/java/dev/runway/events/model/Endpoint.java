package dev.runway.events.model;

/** Where one ready instance of a revision listens. */
public record Endpoint(String instanceId, String host, int port) {
}
