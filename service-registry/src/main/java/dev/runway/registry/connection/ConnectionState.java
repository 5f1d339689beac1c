package dev.runway.registry.connection;

/**
 * A connection as its events left it.
 *
 * @param status  null until it exists; PENDING_HANDSHAKE, AVAILABLE or DELETED
 * @param version the stream version these events reached
 */
public record ConnectionState(String connectionArn, String connectionName, String status, long version) {

    public static ConnectionState initial() {
        return new ConnectionState(null, null, null, 0);
    }

    public boolean exists() {
        return status != null && !status.equals(ConnectionDecider.DELETED);
    }
}
