package dev.runway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The registry's event store, read directly: what the platform recorded, for assertions. */
final class EventLog {

    /** One stored event of a stream, and when the registry recorded it. */
    record Recorded(int version, String type, JsonNode data, Instant at) {
    }

    /** Every event of a stream (a service's stream id is its ARN), in order. */
    static List<Recorded> of(String streamId) {
        var events = new ArrayList<Recorded>();
        try (Connection db = Platform.database();
                var query = db.prepareStatement("select version, type, data::text, recorded_at from events where stream_id = ?"
                        + " order by version")) {
            query.setString(1, streamId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    events.add(new Recorded(rs.getInt(1), rs.getString(2), AwsCli.JSON.readTree(rs.getString(3)),
                            rs.getTimestamp(4).toInstant()));
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot read the event store: " + e.getMessage(), e);
        }
        return events;
    }

    /** The events of one type in a stream, in order. */
    static List<Recorded> of(String streamId, String type) {
        return of(streamId).stream().filter(e -> e.type().equals(type)).toList();
    }

    private EventLog() {
    }
}
