package dev.runway.gateway.stream;

import dev.runway.events.Topics;
import dev.runway.events.wire.Json;
import dev.runway.events.wire.KafkaSettings;
import dev.runway.gateway.auth.Caller;
import dev.runway.gateway.config.GatewayConfig;
import dev.runway.gateway.config.GatewaySecrets;
import dev.runway.gateway.config.RotatingSecret;
import dev.runway.gateway.eventbridge.EventPatterns;
import dev.runway.gateway.protocol.ApiError;
import io.quarkus.logging.Log;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code GET /events/stream[?pattern=<event pattern>]}: the public feed as server-sent events,
 * filtered by an EventBridge pattern. Each SSE event carries the public event as {@code data},
 * its {@code id} a {@link StreamCursor}; reconnecting with {@code Last-Event-ID} resumes right
 * after the last event seen, without a gap. Without it the stream starts at the feed's end.
 * Auth: SigV4 (verified by {@code AuthRoutes}, which leaves the access key on {@link Caller}), or
 * {@code Authorization: Bearer <runway.events.stream-token>} or {@code ?token=} (browsers'
 * EventSource cannot sign); with {@code RUNWAY_AUTH=off} the stream is open like the API.
 */
@Path("/events/stream")
public class EventStreamResource {

    private final GatewayConfig config;
    private final Caller caller;
    private final RotatingSecret streamToken;
    private final boolean authOff;

    public EventStreamResource(GatewayConfig config, GatewaySecrets secrets, Caller caller) {
        this.config = config;
        this.caller = caller;
        this.streamToken = secrets.streamToken();
        this.authOff = config.auth().mode().trim().equalsIgnoreCase("off");
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@QueryParam("pattern") String pattern, @QueryParam("token") String token,
            @HeaderParam("Authorization") String authorization, @HeaderParam("Last-Event-ID") String lastEventId,
            @Context SseEventSink sink, @Context Sse sse) {
        String bearer = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()) : token;
        boolean signed = caller.accessKeyId().isPresent();
        boolean tokenOk = streamToken.accepts(bearer);
        if (!signed && !tokenOk && !authOff) {
            throw refusal(401, "UnrecognizedClientException", streamToken.current().isEmpty()
                    ? "This gateway has no event stream token (RUNWAY_EVENTS_STREAM_TOKEN): sign the request with AWS"
                            + " Signature Version 4."
                    : "The event stream token is wrong: send Authorization: Bearer <token> or ?token=<token> with the"
                            + " profile's RUNWAY_EVENTS_STREAM_TOKEN (<state dir>/events-stream-token), or sign the"
                            + " request with AWS Signature Version 4.");
        }
        if (pattern != null) {
            try {
                EventPatterns.check(pattern);
            } catch (ApiError e) {
                throw refusal(400, e.type(), e.getMessage());
            }
        }
        // a stream opened with the token ends when a rotation takes that token out of force
        String heldToken = signed || !tokenOk ? null : bearer;
        Thread follower = new Thread(() -> follow(pattern, lastEventId, heldToken, sink, sse), "event-stream");
        follower.setDaemon(true);
        follower.start();
    }

    private void follow(String pattern, String lastEventId, String heldToken, SseEventSink sink, Sse sse) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(KafkaSettings.followerConsumer(
                config.kafka().bootstrapServers(), "api-gateway-stream-" + UUID.randomUUID().toString().substring(0, 8)))) {
            List<TopicPartition> partitions = c.partitionsFor(Topics.PUBLIC_EVENTS, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
            c.assign(partitions);
            StreamCursor cursor = StreamCursor.parse(lastEventId, partitions.size());
            if (cursor == null) {
                Map<TopicPartition, Long> ends = c.endOffsets(partitions, Duration.ofSeconds(10));
                long[] next = new long[partitions.size()];
                for (TopicPartition p : partitions) {
                    next[p.partition()] = ends.get(p);
                }
                cursor = new StreamCursor(next);
            }
            for (TopicPartition p : partitions) {
                c.seek(p, cursor.next(p.partition()));
            }
            sink.send(sse.newEventBuilder().comment("runway event stream; id " + cursor.id()).build());
            long lastWrite = System.currentTimeMillis();
            while (!sink.isClosed()) {
                if (heldToken != null && !streamToken.accepts(heldToken)) {
                    Log.info("an event stream opened with a rotated stream token ended after its grace");
                    break;
                }
                for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                    cursor = cursor.after(record.partition(), record.offset());
                    String json = new String(record.value(), StandardCharsets.UTF_8);
                    if (pattern != null && !EventPatterns.matches(json, pattern)) {
                        continue;
                    }
                    sink.send(sse.newEventBuilder().id(cursor.id()).name("event").data(json).build())
                            .toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
                    lastWrite = System.currentTimeMillis();
                }
                if (System.currentTimeMillis() - lastWrite > 10_000) {
                    // a comment keeps proxies (and edge.SlowClientTimeout) from closing an idle
                    // stream, and tells us when the client left
                    sink.send(sse.newEventBuilder().comment("keep-alive").build())
                            .toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
                    lastWrite = System.currentTimeMillis();
                }
            }
        } catch (Exception e) {
            Log.debugf("event stream ended: %s", e.toString());
        } finally {
            try {
                sink.close();
            } catch (RuntimeException e) {
                // already closed by the client
            }
        }
    }

    private static WebApplicationException refusal(int status, String type, String message) {
        String body = Json.MAPPER.createObjectNode().put("__type", type).put("message", message).toString();
        return new WebApplicationException(Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build());
    }
}
