package dev.runway.events.wire;

/** A message whose type this build does not know (written by a newer Runway, or corrupt). */
public class UnknownMessageTypeException extends RuntimeException {
    public UnknownMessageTypeException(String type) {
        super("unknown message type '" + type + "'");
    }
}
