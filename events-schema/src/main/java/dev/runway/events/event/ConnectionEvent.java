package dev.runway.events.event;

import dev.runway.events.Message;

/** A fact about a connection, appended to its stream by the service-registry. Never carries credentials. */
public sealed interface ConnectionEvent extends Message permits ConnectionCreated, ConnectionHandshakeCompleted,
        ConnectionDeleted {

    String connectionArn();

    @Override
    default String resourceArn() {
        return connectionArn();
    }
}
