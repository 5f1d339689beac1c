package dev.runway.events.reply;

import dev.runway.events.Message;
import java.util.UUID;

/** The service-registry's verdict on one command, on {@code runway.replies}. */
public sealed interface Reply extends Message permits CommandAccepted, CommandRejected {

    /** The envelope id of the command this answers. */
    UUID commandId();
}
