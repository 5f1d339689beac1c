package dev.runway.events.command;

/** Delete a connection; services that use it can no longer fetch their source. */
public record DeleteConnection(String connectionArn) implements Command {

    @Override
    public String resourceArn() {
        return connectionArn;
    }
}
