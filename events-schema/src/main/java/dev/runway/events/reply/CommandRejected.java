package dev.runway.events.reply;

import java.util.UUID;

/**
 * The command was refused; nothing changed.
 *
 * @param errorType an App Runner error shape name, e.g. {@code InvalidRequestException}
 * @param message   what the user should read
 */
public record CommandRejected(UUID commandId, String resourceArn, String errorType, String message) implements Reply {
}
