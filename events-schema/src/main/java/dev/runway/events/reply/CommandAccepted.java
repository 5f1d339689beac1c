package dev.runway.events.reply;

import java.util.UUID;

/** The command's events are durably appended. */
public record CommandAccepted(UUID commandId, String resourceArn) implements Reply {
}
