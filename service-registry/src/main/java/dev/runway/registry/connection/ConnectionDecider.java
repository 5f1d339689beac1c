package dev.runway.registry.connection;

import dev.runway.events.command.Command;
import dev.runway.events.command.CreateConnection;
import dev.runway.events.command.DeleteConnection;
import dev.runway.events.event.ConnectionCreated;
import dev.runway.events.event.ConnectionDeleted;
import dev.runway.events.event.ConnectionEvent;
import dev.runway.events.event.ConnectionHandshakeCompleted;
import dev.runway.registry.service.Rejection;
import dev.runway.registry.store.StreamWriter;
import java.time.Instant;
import java.util.List;

/**
 * The Connection aggregate as pure functions. A connection is created PENDING_HANDSHAKE, becomes
 * AVAILABLE when its credentials arrive (they are stored encrypted beside the log, never in an
 * event), and is deleted. The quota of live connections is App Runner's 10 unless configured.
 */
public final class ConnectionDecider implements StreamWriter.Fold<ConnectionState, ConnectionEvent> {

    public static final ConnectionDecider FOLD = new ConnectionDecider();

    public static final String PENDING = "PENDING_HANDSHAKE";
    public static final String AVAILABLE = "AVAILABLE";
    public static final String DELETED = "DELETED";

    /**
     * @param nameInUse another live connection has the requested name
     * @param liveCount how many live connections the account has
     * @param quota     how many it may have (RUNWAY_QUOTA_CONNECTIONS)
     */
    public record Facts(Instant now, boolean nameInUse, long liveCount, int quota) {
    }

    public static boolean handles(Command command) {
        return command instanceof CreateConnection || command instanceof DeleteConnection;
    }

    public static List<ConnectionEvent> decide(Command command, ConnectionState state, Facts facts) throws Rejection {
        if (command instanceof CreateConnection c) {
            if (state.status() != null) {
                throw new Rejection(Rejection.INVALID_REQUEST, "Connection " + c.connectionArn() + " already exists.");
            }
            if (facts.nameInUse()) {
                throw new Rejection(Rejection.INVALID_REQUEST, "A connection named '" + c.connectionName()
                        + "' already exists in this account and region. Choose another ConnectionName.");
            }
            if (facts.liveCount() >= facts.quota()) {
                throw new Rejection("ServiceQuotaExceededException", "This account already has " + facts.liveCount()
                        + " connections, the quota (RUNWAY_QUOTA_CONNECTIONS=" + facts.quota() + "). Delete one you no"
                        + " longer use.");
            }
            return List.of(new ConnectionCreated(c.connectionArn(), c.connectionName(), c.providerType(), c.tags(),
                    facts.now()));
        }
        requireLive(state, command.resourceArn());
        return List.of(new ConnectionDeleted(state.connectionArn(), facts.now()));
    }

    /** The handshake: the connection's credentials arrived (the caller stores them, encrypted). */
    public static List<ConnectionEvent> handshake(ConnectionState state, String connectionArn, Instant now)
            throws Rejection {
        requireLive(state, connectionArn);
        return List.of(new ConnectionHandshakeCompleted(state.connectionArn(), now));
    }

    private static void requireLive(ConnectionState state, String arn) throws Rejection {
        if (!state.exists()) {
            throw new Rejection(Rejection.NOT_FOUND, "No connection exists with ARN " + arn
                    + ". list-connections shows the connections in this account and region.");
        }
    }

    @Override
    public ConnectionState initial() {
        return ConnectionState.initial();
    }

    @Override
    public ConnectionState evolve(ConnectionState state, ConnectionEvent event) {
        ConnectionState next = state;
        if (event instanceof ConnectionCreated c) {
            next = new ConnectionState(c.connectionArn(), c.connectionName(), PENDING, state.version());
        } else if (event instanceof ConnectionHandshakeCompleted) {
            next = new ConnectionState(state.connectionArn(), state.connectionName(), AVAILABLE, state.version());
        } else if (event instanceof ConnectionDeleted) {
            next = new ConnectionState(state.connectionArn(), state.connectionName(), DELETED, state.version());
        }
        return new ConnectionState(next.connectionArn(), next.connectionName(), next.status(), state.version() + 1);
    }

    private ConnectionDecider() {
    }
}
