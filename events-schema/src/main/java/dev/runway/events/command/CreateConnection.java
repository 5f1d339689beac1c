package dev.runway.events.command;

import dev.runway.events.model.Tag;
import java.util.List;

/** Create a connection to a Git host (GITHUB or BITBUCKET); it waits for its credentials (handshake). */
public record CreateConnection(String connectionArn, String connectionName, String providerType, List<Tag> tags)
        implements Command {

    public CreateConnection {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public String resourceArn() {
        return connectionArn;
    }
}
