package dev.runway.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.Topics;
import dev.runway.events.publicfeed.PublicEvents;
import dev.runway.events.wire.KafkaSettings;
import dev.runway.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code GET /console/live}: App Runner's status events from the public feed as server-sent
 * events the pages swap in with htmx's SSE extension: {@code status-<service id>} (the status
 * badge), {@code event-<service id>} (a line for the service's event list) and
 * {@code ops-<service id>} (its operations changed). On connect it first fixes the feed's end,
 * then sends every service's current status (one ListServices; DELETED for a service the page
 * shows, {@code ?shown=<id>,...}, that is no longer listed), then follows: no change falls between
 * the page and the stream. It ends when the browser leaves or the session ends.
 */
@Path("/console/live")
public class LiveResource {

    private final GatewayConfig config;
    private final ConsoleApi api;
    private final SignedIn who;
    private final Sessions sessions;

    public LiveResource(GatewayConfig config, ConsoleApi api, SignedIn who, Sessions sessions) {
        this.config = config;
        this.api = api;
        this.who = who;
        this.sessions = sessions;
    }

    /** How many service ids a page may name in {@code shown}; more are ignored. */
    static final int MAX_SHOWN = 500;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void live(@QueryParam("shown") String shown, @Context SseEventSink sink, @Context Sse sse) {
        String sessionId = who.session().id();
        String accessKeyId = who.accessKeyId();
        String sourceIp = who.sourceIp();
        Set<String> onPage = shownIds(shown);
        Thread follower = new Thread(() -> follow(sessionId, accessKeyId, sourceIp, onPage, sink, sse), "console-live");
        follower.setDaemon(true);
        follower.start();
    }

    /**
     * The service ids the page shows ({@code ?shown=<id>,<id>}): each a service id's shape (32 hex
     * digits), anything else dropped, at most {@link #MAX_SHOWN}.
     */
    static Set<String> shownIds(String shown) {
        if (shown == null || shown.isBlank()) {
            return Set.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : shown.split(",", MAX_SHOWN + 1)) {
            if (ids.size() < MAX_SHOWN && SERVICE_ID.matcher(id).matches()) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static final Pattern SERVICE_ID = Pattern.compile("[0-9a-f]{32}");

    private void follow(String sessionId, String accessKeyId, String sourceIp, Set<String> onPage, SseEventSink sink,
            Sse sse) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(KafkaSettings.followerConsumer(
                config.kafka().bootstrapServers(), "api-gateway-console-" + UUID.randomUUID().toString().substring(0, 8)))) {
            List<TopicPartition> partitions = c.partitionsFor(Topics.PUBLIC_EVENTS, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            c.assign(partitions);
            Map<TopicPartition, Long> ends = c.endOffsets(partitions, Duration.ofSeconds(10));
            ends.forEach(c::seek);
            send(sink, sse, "ping", "");
            snapshot(accessKeyId, sourceIp, onPage, sink, sse);
            long lastWrite = System.currentTimeMillis();
            while (!sink.isClosed() && sessions.alive(sessionId)) {
                for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                    JsonNode event = ConsoleApi.parse(new String(record.value(), StandardCharsets.UTF_8));
                    if (!PublicEvents.SOURCE.equals(event.path("source").asText())) {
                        continue;
                    }
                    JsonNode detail = event.path("detail");
                    String serviceId = detail.path("serviceId").asText("");
                    if (serviceId.isEmpty()) {
                        continue;
                    }
                    String type = event.path("detail-type").asText();
                    if (PublicEvents.STATUS_CHANGE.equals(type)) {
                        send(sink, sse, "status-" + serviceId, Pages.status(detail.path("currentServiceStatus").asText()).render());
                    } else if (PublicEvents.OPERATION_STATUS_CHANGE.equals(type)) {
                        send(sink, sse, "ops-" + serviceId, "");
                    }
                    send(sink, sse, "event-" + serviceId, Pages.eventItem(new Views.LogLine(
                            Views.time(event.get("time")), "events", detail.path("message").asText())).render());
                    lastWrite = System.currentTimeMillis();
                }
                if (System.currentTimeMillis() - lastWrite > 10_000) {
                    // keeps edge.SlowClientTimeout from closing an idle stream, and notices a browser that left
                    sink.send(sse.newEventBuilder().comment("keep-alive").build()).toCompletableFuture()
                            .get(10, TimeUnit.SECONDS);
                    lastWrite = System.currentTimeMillis();
                }
            }
        } catch (Exception e) {
            Log.debugf("console live stream ended: %s", e.toString());
        } finally {
            try {
                sink.close();
            } catch (RuntimeException e) {
                // already closed by the browser
            }
        }
    }

    /**
     * Every service's status now; a service the page shows that is no longer listed was deleted
     * between the page and the stream (its event fell before the feed's end was fixed): DELETED.
     */
    private void snapshot(String accessKeyId, String sourceIp, Set<String> onPage, SseEventSink sink, Sse sse)
            throws Exception {
        Set<String> gone = new LinkedHashSet<>(onPage);
        String token = null;
        int pages = 0;
        do {
            var in = ConsoleApi.input().put("MaxResults", 20);
            if (token != null) {
                in.put("NextToken", token);
            }
            ConsoleApi.Answer answer = api.call(accessKeyId, sourceIp, "AppRunner.ListServices", in);
            if (!answer.ok()) {
                return;
            }
            for (JsonNode s : answer.body().path("ServiceSummaryList")) {
                gone.remove(s.path("ServiceId").asText());
                send(sink, sse, "status-" + s.path("ServiceId").asText(), Pages.status(s.path("Status").asText()).render());
            }
            token = answer.body().path("NextToken").asText(null);
        } while (token != null && ++pages < 50);
        if (token != null) {
            return; // not every service was listed: what is missing may be on a later page
        }
        for (String id : gone) {
            send(sink, sse, "status-" + id, Pages.status("DELETED").render());
        }
    }

    private static void send(SseEventSink sink, Sse sse, String name, String data) throws Exception {
        sink.send(sse.newEventBuilder().name(name).data(data).build()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

}
