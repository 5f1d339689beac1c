package dev.runway.registry.logs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.wire.Json;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code GET /internal/logs/*}: the log store's reads, for the gateway's CloudWatch Logs API. A
 * line's {@code id} orders a stream as its lines arrived and is what paging tokens carry. A group
 * or stream that holds no line does not exist (404). Times are epoch milliseconds. The gateway
 * validates every input; here only what SQL needs is checked.
 */
@Path("/internal/logs")
@Produces(MediaType.APPLICATION_JSON)
public class LogQueryResource {

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "runway.log-retention-days", defaultValue = "30")
    int retentionDays;

    /** Groups by name, after {@code after} (exclusive), {@code limit} of them; {@code more} when others follow. */
    @GET
    @Path("groups")
    @Transactional
    public String groups(@QueryParam("prefix") @DefaultValue("") String prefix,
            @QueryParam("after") @DefaultValue("") String after, @QueryParam("limit") @DefaultValue("50") int limit) {
        List<Object[]> rows = rows("select log_group, min(ingestion_time), sum(octet_length(message)) from log_events"
                + " where starts_with(log_group, ?1) and log_group > ?2 group by log_group order by log_group limit ?3",
                prefix, after, limit + 1);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode groups = out.putArray("groups");
        for (Object[] r : rows.subList(0, Math.min(limit, rows.size()))) {
            groups.addObject().put("name", (String) r[0]).put("created", millis(r[1]))
                    .put("storedBytes", ((Number) r[2]).longValue());
        }
        out.put("more", rows.size() > limit);
        out.put("retentionDays", retentionDays);
        return out.toString();
    }

    /** A group's streams, by name or by last event time, a page at a time. */
    @GET
    @Path("streams")
    @Transactional
    public String streams(@QueryParam("group") String group, @QueryParam("prefix") @DefaultValue("") String prefix,
            @QueryParam("byLastEvent") @DefaultValue("false") boolean byLastEvent,
            @QueryParam("descending") @DefaultValue("false") boolean descending,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("50") int limit) {
        requireGroup(group);
        String order = (byLastEvent ? "max(event_time)" : "log_stream") + (descending ? " desc" : "") + ", log_stream";
        List<Object[]> rows = rows("select log_stream, min(ingestion_time), min(event_time), max(event_time),"
                + " max(ingestion_time), sum(octet_length(message)) from log_events where log_group = ?1"
                + " and starts_with(log_stream, ?2) group by log_stream order by " + order + " offset ?3 limit ?4",
                group, prefix, offset, limit + 1);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode streams = out.putArray("streams");
        for (Object[] r : rows.subList(0, Math.min(limit, rows.size()))) {
            streams.addObject().put("name", (String) r[0]).put("created", millis(r[1])).put("first", millis(r[2]))
                    .put("last", millis(r[3])).put("lastIngestion", millis(r[4]))
                    .put("storedBytes", ((Number) r[5]).longValue());
        }
        out.put("more", rows.size() > limit);
        return out.toString();
    }

    /**
     * One stream's lines in arrival order within [start, end]: after the line {@code after}, or the
     * last {@code limit} before the line {@code before}; without either, the first {@code limit}
     * ({@code head}) or the last.
     */
    @GET
    @Path("events")
    @Transactional
    public String events(@QueryParam("group") String group, @QueryParam("stream") String stream,
            @QueryParam("start") Long start, @QueryParam("end") Long end, @QueryParam("after") Long after,
            @QueryParam("before") Long before, @QueryParam("head") @DefaultValue("false") boolean head,
            @QueryParam("limit") @DefaultValue("10000") int limit) {
        if (rows("select 1 from log_events where log_group = ?1 and log_stream = ?2 limit 1", group, stream).isEmpty()) {
            throw new NotFoundException("no stream " + stream + " in " + group);
        }
        boolean forward = after != null || (before == null && head);
        long bound = after != null ? after : before != null ? before : forward ? 0 : Long.MAX_VALUE;
        List<Object[]> rows = new ArrayList<>(rows("select id, event_time, ingestion_time, message, log_stream"
                + " from log_events where log_group = ?1 and log_stream = ?2 and event_time >= ?3 and event_time <= ?4"
                + " and id " + (forward ? ">" : "<") + " ?5 order by id " + (forward ? "asc" : "desc") + " limit ?6",
                group, stream, time(start, Instant.EPOCH), time(end, Instant.parse("9999-12-31T00:00:00Z")), bound,
                limit));
        if (!forward) {
            Collections.reverse(rows);
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        lines(out.putArray("events"), rows);
        return out.toString();
    }

    /** A group's lines after the line {@code after}, in arrival order, of the streams named or prefixed. */
    @GET
    @Path("scan")
    @Transactional
    public String scan(@QueryParam("group") String group, @QueryParam("stream") List<String> streams,
            @QueryParam("streamPrefix") @DefaultValue("") String streamPrefix, @QueryParam("start") Long start,
            @QueryParam("end") Long end, @QueryParam("after") @DefaultValue("0") long after,
            @QueryParam("limit") @DefaultValue("1000") int limit) {
        requireGroup(group);
        boolean named = streams != null && !streams.isEmpty();
        List<Object[]> rows = rows("select id, event_time, ingestion_time, message, log_stream from log_events"
                + " where log_group = ?1 and event_time >= ?2 and event_time <= ?3 and id > ?4"
                + (named ? " and log_stream = any(string_to_array(?5, chr(10)))" : " and starts_with(log_stream, ?5)")
                + " order by id limit ?6",
                group, time(start, Instant.EPOCH), time(end, Instant.parse("9999-12-31T00:00:00Z")), after,
                named ? String.join("\n", streams) : streamPrefix, limit + 1);
        ObjectNode out = Json.MAPPER.createObjectNode();
        lines(out.putArray("events"), rows.subList(0, Math.min(limit, rows.size())));
        out.put("more", rows.size() > limit);
        return out.toString();
    }

    private static void lines(ArrayNode into, List<Object[]> rows) {
        for (Object[] r : rows) {
            into.addObject().put("id", ((Number) r[0]).longValue()).put("timestamp", millis(r[1]))
                    .put("ingestionTime", millis(r[2])).put("message", (String) r[3]).put("stream", (String) r[4]);
        }
    }

    private static void requireGroup(String group) {
        if (rows("select 1 from log_events where log_group = ?1 limit 1", group).isEmpty()) {
            throw new NotFoundException("no log group " + group);
        }
    }

    private static Timestamp time(Long millis, Instant otherwise) {
        return Timestamp.from(millis == null ? otherwise : Instant.ofEpochMilli(millis));
    }

    private static long millis(Object timestamp) {
        if (timestamp instanceof Timestamp t) {
            return t.getTime();
        }
        if (timestamp instanceof Instant i) {
            return i.toEpochMilli();
        }
        if (timestamp instanceof java.time.OffsetDateTime o) {
            return o.toInstant().toEpochMilli();
        }
        throw new IllegalStateException("not a time: " + timestamp);
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(String sql, Object... parameters) {
        var query = Panache.getEntityManager().createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        List<Object[]> out = new ArrayList<>();
        for (Object row : query.getResultList()) {
            out.add(row instanceof Object[] many ? many : new Object[] {row});
        }
        return out;
    }
}
