package dev.runway.events.secret;

import java.time.Instant;

/** A parameter and all its versions are gone; its name may be put again (from version 1). */
public record ParameterDeleted(String parameterArn, String name, Instant at) implements ParameterEvent {
}
