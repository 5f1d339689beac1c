package dev.runway.events.wire;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a failure that may pass (the database or the broker is away, a competing writer got to
 * a stream version first) from one that will happen again every time the same message is
 * handled: undecodable bytes, an unknown type, content the database refuses (SQLSTATE class 22,
 * or 23 other than the event store's expected-version conflict), a bug. Consumers retry the
 * first kind with backoff and dead-letter the second, so no message can stop them.
 */
public final class Failures {

    /** The event store's optimistic-concurrency constraint: a competing append, retried by reloading. */
    public static final String EXPECTED_VERSION_CONSTRAINT = "events_stream_version";

    /** True when handling the same message again may succeed. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return isTransientState(sql.getSQLState(), sql.getMessage());
            }
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof RetriableException || t instanceof ConnectException
                    || t instanceof SocketTimeoutException
                    || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")
                    // a pool that found no connection in time says so without a SQLSTATE; a timeout may pass
                    || (t instanceof SQLException && t.getCause() == null)
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** True when the database refused the message's content (SQLSTATE class 22 or 23): the sender's fault. */
    public static boolean isRefusedContent(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23");
            }
        }
        return false;
    }

    /**
     * By SQLSTATE class: 08 connection, 40 serialization or deadlock, 53 resources, 57 operator
     * intervention (a restart), 58 system error are transient; 22 (data) and 23 (constraints)
     * are permanent except the expected-version conflict; anything else is treated as permanent.
     */
    static boolean isTransientState(String state, String message) {
        String cls = state.length() >= 2 ? state.substring(0, 2) : state;
        return switch (cls) {
            case "08", "40", "53", "57", "58" -> true;
            case "23" -> state.equals("23505") && message != null && message.contains(EXPECTED_VERSION_CONSTRAINT);
            default -> false;
        };
    }

    /** The innermost message of a failure, for a dead letter's reason and a log line. */
    public static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        String text = t instanceof UncheckedIOException || message == null ? t.getClass().getSimpleName()
                + (message == null ? "" : ": " + message) : message;
        return text.length() > 1000 ? text.substring(0, 1000) + "…" : text;
    }

    private Failures() {
    }
}
