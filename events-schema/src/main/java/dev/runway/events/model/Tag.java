package dev.runway.events.model;

/** A resource tag. */
public record Tag(String key, String value) {
}
