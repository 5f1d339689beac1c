package dev.runway.gateway.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.runway.events.Topics;
import dev.runway.events.wire.Json;
import dev.runway.events.wire.KafkaSettings;
import dev.runway.gateway.config.GatewayConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code GET /events/dead-letters[?rule=<name>]}: the events no target took, oldest first per
 * rule, each with the rule, target, attempts and last error. Read from
 * {@code runway.dead-letters} (kept as long as Kafka retains it), so every gateway instance
 * answers the same. An operator's endpoint on the gateway's loopback port.
 */
@Path("/events/dead-letters")
public class DeadLetterResource {

    private final GatewayConfig config;

    public DeadLetterResource(GatewayConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String list(@QueryParam("rule") String rule) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(KafkaSettings.followerConsumer(
                config.kafka().bootstrapServers(), "api-gateway-dead-letters-" + UUID.randomUUID()))) {
            List<TopicPartition> partitions = c.partitionsFor(Topics.DEAD_LETTERS, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = c.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.currentTimeMillis() + 20_000;
            while (partitions.stream().anyMatch(p -> c.position(p) < ends.get(p)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    try {
                        JsonNode letter = Json.MAPPER.readTree(record.value());
                        if (rule == null || rule.equals(letter.path("Rule").asText())) {
                            out.add(letter);
                        }
                    } catch (java.io.IOException e) {
                        // not a dead letter Runway wrote; leave it out
                    }
                }
            }
        }
        return Json.MAPPER.createObjectNode().set("DeadLetters", out).toString();
    }
}
