package dev.runway.registry.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.wire.Json;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /internal/audit}: audit records newest first, filtered by one CloudTrail lookup
 * attribute ({@code key}/{@code value}) and a time window, a page at a time
 * ({@code offset}/{@code limit}); {@code more} says whether another page exists.
 */
@Path("/internal/audit")
public class AuditQueryResource {

    /** CloudTrail's LookupAttribute keys and the column each filters. */
    static final Map<String, String> COLUMNS = Map.of("EventId", "event_id", "EventName", "event_name",
            "ReadOnly", "read_only", "Username", "username", "ResourceType", "resource_type",
            "ResourceName", "resource_name", "EventSource", "event_source", "AccessKeyId", "access_key_id");

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public String lookup(@QueryParam("key") String key, @QueryParam("value") String value,
            @QueryParam("start") Long startMillis, @QueryParam("end") Long endMillis,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("50") int limit) {
        StringBuilder sql = new StringBuilder("select cast(record as text) from audit_events where event_time >= ?1"
                + " and event_time <= ?2");
        if (key != null) {
            String column = COLUMNS.get(key);
            if (column == null) {
                throw new BadRequestException("unknown lookup attribute " + key);
            }
            sql.append(column.equals("read_only") ? " and read_only = cast(?3 as boolean)" : " and " + column + " = ?3");
        }
        // ordinal parameters must be numbered without gaps: offset and limit follow the last filter
        int paging = key != null ? 4 : 3;
        sql.append(" order by event_time desc, event_id desc offset ?" + paging + " limit ?" + (paging + 1));
        var query = Panache.getEntityManager().createNativeQuery(sql.toString())
                .setParameter(1, Timestamp.from(startMillis == null ? Instant.EPOCH : Instant.ofEpochMilli(startMillis)))
                .setParameter(2, Timestamp.from(endMillis == null ? Instant.parse("9999-12-31T00:00:00Z")
                        : Instant.ofEpochMilli(endMillis)))
                .setParameter(paging, Math.max(0, offset))
                .setParameter(paging + 1, Math.max(1, limit) + 1);
        if (key != null) {
            query.setParameter(3, value);
        }
        @SuppressWarnings("unchecked")
        List<Object> rows = query.getResultList();
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode events = out.putArray("events");
        for (int i = 0; i < Math.min(rows.size(), Math.max(1, limit)); i++) {
            try {
                events.add(Json.MAPPER.readTree(String.valueOf(rows.get(i))));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        out.put("more", rows.size() > Math.max(1, limit));
        return out.toString();
    }
}
