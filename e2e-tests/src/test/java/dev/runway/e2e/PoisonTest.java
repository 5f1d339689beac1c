package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No input can stop Runway (issue 17): each of the findings that once bricked a service, the audit
 * trail or a gateway worker is sent again and must be refused at once, and the platform must still
 * act afterwards; poison messages written straight onto the topics the registry consumes are
 * dead-lettered on {@code runway.deadletters} and the next good message on the same partition is
 * handled within seconds.
 */
class PoisonTest {

    private static final Duration QUICK = Duration.ofSeconds(5);
    private static String arn;

    @BeforeAll
    static void aRunningService() {
        arn = Services.create(Platform.uniqueName("poison"), Platform.HELLO_IMAGE).path("Service").path("ServiceArn").asText();
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(120)).path("Status").asText());
    }

    @AfterAll
    static void deleteIt() {
        if (arn != null) {
            Services.deleteAndWait(arn);
        }
    }

    /** Pause and resume, each answered and done: the service's commands still flow. */
    private static void stillPausesAndResumes() {
        AwsCli.ok("pause-service", "--service-arn", arn);
        assertEquals("PAUSED", Services.settle(arn, Duration.ofSeconds(60)).path("Status").asText());
        AwsCli.ok("resume-service", "--service-arn", arn);
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(120)).path("Status").asText());
    }

    private static Response timed(String target, String body) {
        Instant start = Instant.now();
        Response r = RawApi.post(target, body);
        Duration took = Duration.between(start, Instant.now());
        assertTrue(took.compareTo(QUICK) < 0, target + " answered after " + took);
        return r;
    }

    @Test
    void shouldRefuseATagValueHoldingUPlus0000AndKeepTheServiceWorking() {
        Response r = timed("AppRunner.TagResource", "{\"ResourceArn\":\"" + arn
                + "\",\"Tags\":[{\"Key\":\"k\",\"Value\":\"a\\u0000b\"}]}");
        assertEquals(400, r.statusCode(), r.asString());
        assertEquals("InvalidRequestException", r.jsonPath().getString("__type"), r.asString());
        assertTrue(r.jsonPath().getString("Message").contains("Tags[0].Value"), r.asString());
        Response surrogate = timed("AppRunner.TagResource", "{\"ResourceArn\":\"" + arn
                + "\",\"Tags\":[{\"Key\":\"\\ud800\",\"Value\":\"v\"}]}");
        assertEquals(400, surrogate.statusCode(), surrogate.asString());
        assertTrue(surrogate.jsonPath().getString("Message").contains("Tags[0].Key"), surrogate.asString());
        stillPausesAndResumes();
    }

    @Test
    void shouldRefuseUPlus0000InAFilterOfEveryProtocol() {
        Response vpc = timed("AppRunner.ListVpcIngressConnections", "{\"Filter\":{\"VpcEndpointId\":\"\\u0000\"}}");
        assertEquals(400, vpc.statusCode(), vpc.asString());
        assertTrue(vpc.jsonPath().getString("Message").contains("Filter.VpcEndpointId"), vpc.asString());
        Map<String, String> expected = Map.of(
                "AWSEvents.ListRules", "ValidationException",
                "Logs_20140328.DescribeLogGroups", "InvalidParameterException",
                "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents", "InvalidParameterException");
        expected.forEach((target, type) -> {
            Response r = timed(target, "{\"NamePrefix\":\"\\u0000\",\"logGroupNamePrefix\":\"\\u0000\","
                    + "\"LookupAttributes\":[{\"AttributeKey\":\"EventName\",\"AttributeValue\":\"\\u0000\"}]}");
            assertEquals(400, r.statusCode(), target + ": " + r.asString());
            assertEquals(type, r.jsonPath().getString("__type"), target + ": " + r.asString());
            String deep = "{\"a\":".repeat(200) + "1" + "}".repeat(200);
            Response nested = timed(target, deep);
            assertEquals(400, nested.statusCode(), target + " with a body nested 200 deep: " + nested.asString());
            assertEquals("SerializationException", nested.jsonPath().getString("__type"), nested.asString());
        });
    }

    @Test
    void shouldAnswerSignedEmptyBodiesAtOnce() throws Exception {
        // HTTP/1.1 as the AWS CLI speaks it (an h2c upgrade would carry the host as :authority)
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(QUICK).build();
        for (String operation : List.of("ListServices", "DescribeService")) {
            for (boolean chunked : List.of(false, true)) {
                String target = "AppRunner." + operation;
                var request = HttpRequest.newBuilder(URI.create(Platform.GATEWAY + "/")).timeout(QUICK)
                        .header("Content-Type", RawApi.CONTENT_TYPE)
                        .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[0]))
                                : HttpRequest.BodyPublishers.noBody());
                SigV4.adminHeaders("POST", "/", target, new byte[0]).forEach((name, value) -> {
                    if (!Set.of("host", "content-length").contains(name.toLowerCase())) {
                        request.header(name, value);
                    }
                });
                HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(400, answer.statusCode(), operation + (chunked ? " chunked: " : ": ") + answer.body());
                assertTrue(answer.body().contains("SerializationException"), answer.body());
            }
        }
        // the gateway still answers a normal call
        AwsCli.ok("list-services");
    }

    @Test
    void shouldKeepTheAuditTrailGoingAfterABodyHoldingUPlus0000() {
        // U+0000 escaped in the JSON text, and as a raw byte (which JSON forbids)
        Response poisoned = timed("AppRunner.DescribeService", "{\"ServiceArn\":\"" + arn + "\\u0000\"}");
        assertEquals(400, poisoned.statusCode(), poisoned.asString());
        String poisonedId = poisoned.header("x-amzn-RequestId");
        Response raw = timed("AppRunner.DescribeService", "{\"ServiceArn\":\"" + arn + "\u0000\"}");
        assertEquals(400, raw.statusCode(), raw.asString());
        assertEquals("SerializationException", raw.jsonPath().getString("__type"), raw.asString());
        writeToTopic("runway.audit", "poison-" + UUID.randomUUID(), "{not json".getBytes(StandardCharsets.UTF_8));
        writeToTopic("runway.audit", "poison-" + UUID.randomUUID(), ("{\"eventID\":\"" + UUID.randomUUID()
                + "\",\"eventTime\":\"2026-12-07T00:00:00Z\",\"eventName\":\"x\\u0000\",\"eventSource\":\"x\"}")
                .getBytes(StandardCharsets.UTF_8));
        Response after = RawApi.post("AppRunner.DescribeService", "{\"ServiceArn\":\"" + arn + "\"}");
        assertEquals(200, after.statusCode(), after.asString());
        String afterId = after.header("x-amzn-RequestId");
        for (String id : List.of(afterId, poisonedId)) {
            Platform.eventually("the audit record of request " + id, Duration.ofSeconds(30), () -> {
                for (JsonNode e : AwsCli.okOn("cloudtrail", "lookup-events", "--lookup-attributes",
                        "AttributeKey=EventName,AttributeValue=DescribeService", "--max-items", "200").path("Events")) {
                    if (e.path("CloudTrailEvent").asText().contains(id)) {
                        return e;
                    }
                }
                return null;
            });
        }
    }

    @Test
    void shouldDeadLetterPoisonOnTheCommandTopicAndHandleTheNextCommandOfThatPartition() {
        List<RecordMetadata> poison = new ArrayList<>();
        poison.add(writeToTopic("runway.commands", arn, "{not json".getBytes(StandardCharsets.UTF_8)));
        poison.add(writeToTopic("runway.commands", arn, envelope("LaunchRocket", "{}")));
        // a valid command whose tag value the event store refuses (the gateway would have refused it)
        poison.add(writeToTopic("runway.commands", arn, envelope("TagResource", "{\"resourceArn\":\"" + arn
                + "\",\"tags\":[{\"key\":\"k\",\"value\":\"a\\u0000b\"}]}")));
        Instant start = Instant.now();
        AwsCli.ok("pause-service", "--service-arn", arn);
        assertTrue(Duration.between(start, Instant.now()).compareTo(QUICK) < 0,
                "pause-service after the poison took " + Duration.between(start, Instant.now()));
        assertEquals("PAUSED", Services.settle(arn, Duration.ofSeconds(60)).path("Status").asText());
        for (RecordMetadata m : poison) {
            JsonNode letter = deadLetterOf(m);
            assertEquals("service-registry", letter.path("consumer").asText(), letter.toString());
            assertTrue(!letter.path("reason").asText().isBlank(), letter.toString());
            assertTrue(Base64.getDecoder().decode(letter.path("value").asText()).length > 0, letter.toString());
        }
        String listed = Platform.runway("deadletters", "list");
        assertTrue(listed.contains("runway.commands-" + poison.get(0).partition() + "@" + poison.get(0).offset()), listed);
        // an operator settles one: it leaves the list
        String first = deadLetterOf(poison.get(0)).path("id").asText();
        Platform.runway("deadletters", "drop", first);
        String after = Platform.runway("deadletters", "list");
        assertTrue(!after.contains("runway.commands-" + poison.get(0).partition() + "@" + poison.get(0).offset() + " "),
                after);
        // and sends another again: being the same poison, it is dead-lettered again, at its new offset
        Platform.runway("deadletters", "retry", deadLetterOf(poison.get(1)).path("id").asText());
        String status = Platform.runway("status");
        assertTrue(status.contains("service-registry dead-lettered"), status);
        countedOnPrometheus("RUNWAY_SERVICE_REGISTRY_PORT", "service-registry", poison.size());
        // a restart of every component does not bring the failure back
        for (String component : List.of("service-registry", "api-gateway", "deploy-worker", "build-worker", "autoscaler",
                "router")) {
            Platform.runway("restart", component);
        }
        AwsCli.ok("resume-service", "--service-arn", arn);
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(120)).path("Status").asText());
    }

    @Test
    void shouldDeadLetterPoisonOnEveryOtherTopicAndKeepEachPipelineMoving() {
        // every consumer of each topic, by the name it dead-letters under
        Map<String, List<String>> consumers = Map.of(
                "runway.deploy.commands", List.of("deploy-worker"),
                "runway.reports", List.of("service-registry"),
                "runway.events", List.of("router-route-follower", "api-gateway-public-feed", "service-registry-event-log",
                        "build-worker-deployment-logs"),
                "runway.metrics", List.of("autoscaler", "service-registry-metrics"),
                "runway.logs", List.of("service-registry-logs"),
                "runway.public-events", List.of("api-gateway-delivery"));
        Map<RecordMetadata, List<String>> poison = new java.util.LinkedHashMap<>();
        consumers.forEach((topic, readers) -> {
            poison.put(writeToTopic(topic, arn, "{not json".getBytes(StandardCharsets.UTF_8)), readers);
            if (!topic.equals("runway.public-events")) { // public events are plain JSON objects: any object is one
                poison.put(writeToTopic(topic, arn, envelope("LaunchRocket", "{}")), readers);
            }
        });
        // valid envelopes of real types whose strings hold U+0000, for another (unknown) service: a
        // consumer that can handle one harmlessly does; one whose store refuses it dead-letters it
        String nul = arn + "\\u0000";
        String operation = "\"" + UUID.randomUUID() + "\"";
        writeToTopic("runway.reports", arn, envelope("RevisionsRetired", "{\"serviceArn\":\"" + nul
                + "\",\"operationId\":" + operation + ",\"keepRevision\":1}"));
        writeToTopic("runway.deploy.commands", arn, envelope("RetireRevisions", "{\"serviceArn\":\"" + nul
                + "\",\"operationId\":" + operation + ",\"keepRevision\":1}"));
        writeToTopic("runway.events", arn, envelope("ServiceStatusChanged", "{\"serviceArn\":\"" + nul
                + "\",\"previousStatus\":\"RUNNING\",\"currentStatus\":\"RUNNING\",\"message\":\"a\\u0000b\"}"));
        writeToTopic("runway.metrics", arn, envelope("TrafficMeasured", "{\"serviceArn\":\"" + nul
                + "\",\"source\":\"poison\\u0000\",\"periodEnd\":\"" + Instant.now() + "\",\"periodMillis\":1000,"
                + "\"service\":{\"requests\":1,\"status2xx\":1,\"status4xx\":0,\"status5xx\":0,"
                + "\"latencyP50Millis\":1,\"latencyP90Millis\":1,\"latencyP99Millis\":1,\"concurrency\":1,"
                + "\"maxConcurrency\":100},\"instances\":{}}"));
        writeToTopic("runway.logs", arn, envelope("LogLine", "{\"serviceArn\":\"" + nul
                + "\",\"logGroup\":\"/aws/apprunner/poison\\u0000\",\"logStream\":\"application\",\"timestamp\":\""
                + Instant.now() + "\",\"message\":\"a\\u0000b\"}"));
        writeToTopic("runway.public-events", arn, ("{\"version\":\"0\",\"id\":\"" + UUID.randomUUID()
                + "\",\"detail-type\":\"AppRunner Service Status Change\\u0000\",\"source\":\"aws.apprunner\","
                + "\"resources\":[\"" + nul + "\"],\"detail\":{\"message\":\"a\\u0000b\"}}")
                .getBytes(StandardCharsets.UTF_8));
        // the build-worker: poison on every partition of its topic, then a code service's build completes
        for (int partition = 0; partition < partitionsOf("runway.build.commands"); partition++) {
            poison.put(writeToTopic("runway.build.commands", partition, arn, "{not json".getBytes(StandardCharsets.UTF_8)),
                    List.of("build-worker"));
        }
        String code = AwsCli.ok("create-service", "--service-name", Platform.uniqueName("poison-build"),
                "--source-configuration", SourceRepos.source(SourceRepos.url(SourceRepos.fromExample("python")), "main",
                        false)).path("Service").path("ServiceArn").asText();
        // deploy commands, reports and events of this service's partition still flow, and the router follows them
        stillPausesAndResumes();
        assertEquals("RUNNING", Services.settle(code, Duration.ofSeconds(240)).path("Status").asText(),
                "a code service built after the poison");
        Services.deleteAndWait(code);
        String url = Services.describe(arn).path("ServiceUrl").asText();
        Platform.eventually("the router to serve " + url + " again", Duration.ofSeconds(30),
                () -> Services.viaRouter(url, "/").statusCode() == 200 ? true : null);
        // a scale command (as the autoscaler sends them) completes on the poisoned partitions
        writeToTopic("runway.commands", arn, envelope("ScaleService", "{\"serviceArn\":\"" + arn
                + "\",\"desiredInstances\":2,\"reason\":\"PoisonTest scales out after the poison\"}"));
        Platform.eventually("the scale command to leave two instances", Duration.ofSeconds(90),
                () -> Platform.containersOf(arn).size() == 2 ? true : null);
        poison.forEach((m, readers) -> readers.forEach(reader -> {
            JsonNode letter = deadLetterOf(m, reader);
            assertTrue(!letter.path("reason").asText().isBlank(), letter.toString());
        }));
        // each component counts what it dead-lettered for Prometheus
        countedOnPrometheus("RUNWAY_DEPLOY_WORKER_PORT", "deploy-worker", 2);
        countedOnPrometheus("RUNWAY_BUILD_WORKER_PORT", "build-worker", 2);
        countedOnPrometheus("RUNWAY_AUTOSCALER_PORT", "autoscaler", 2);
        countedOnPrometheus("RUNWAY_ROUTER_ADMIN_PORT", "router-route-follower", 2);
        countedOnPrometheus("RUNWAY_API_GATEWAY_PORT", "api-gateway-public-feed", 2);
        countedOnPrometheus("RUNWAY_SERVICE_REGISTRY_PORT", "service-registry-logs", 2);
    }

    /** {@code runway_deadletters_total{consumer}} on the component's /q/metrics is at least {@code atLeast}. */
    private static void countedOnPrometheus(String portVariable, String consumer, int atLeast) {
        String url = "http://127.0.0.1:" + Platform.env(portVariable) + "/q/metrics";
        Platform.eventually(consumer + "'s dead letters counted on " + url, Duration.ofSeconds(30), () -> {
            PrometheusText text = PrometheusText.parse(io.restassured.RestAssured.get(url).asString());
            return text.samples().stream()
                    .filter(sample -> sample.name().equals("runway_deadletters_total")
                            && consumer.equals(sample.labels().get("consumer")) && sample.value() >= atLeast)
                    .findFirst().orElse(null);
        });
    }

    private static byte[] envelope(String type, String data) {
        return ("{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"schemaVersion\":1,\"time\":\""
                + Instant.now() + "\",\"source\":\"poison-test\",\"resourceArn\":\"" + arn + "\",\"data\":" + data + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static RecordMetadata writeToTopic(String topic, String key, byte[] value) {
        return writeToTopic(topic, null, key, value);
    }

    /** Writes one record, to {@code partition} when it is given (else the key's). */
    private static RecordMetadata writeToTopic(String topic, Integer partition, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            return producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not write to " + topic, e);
        }
    }

    private static int partitionsOf(String topic) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            return producer.partitionsFor(topic).size();
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = Platform.kafka("admin");
        p.put("acks", "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** The dead letter of the message at {@code m}, read from runway.deadletters. */
    private static JsonNode deadLetterOf(RecordMetadata m) {
        return deadLetterOf(m, null);
    }

    /** The dead letter {@code consumer} (any, when null) wrote for the message at {@code m}. */
    private static JsonNode deadLetterOf(RecordMetadata m, String consumer) {
        return Platform.eventually("the dead letter of " + m.topic() + "-" + m.partition() + "@" + m.offset()
                + (consumer == null ? "" : " by " + consumer), Duration.ofSeconds(30), () -> {
                    Properties p = Platform.kafka("admin");
                    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
                        List<TopicPartition> partitions = c.partitionsFor("runway.deadletters").stream()
                                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
                        c.assign(partitions);
                        c.seekToBeginning(partitions);
                        Map<TopicPartition, Long> end = c.endOffsets(partitions);
                        Instant deadline = Instant.now().plusSeconds(5);
                        while (Instant.now().isBefore(deadline)
                                && partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                            for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                                JsonNode letter = AwsCli.JSON.readTree(r.value());
                                if (letter.path("topic").asText().equals(m.topic()) && letter.path("partition").asInt() == m.partition()
                                        && letter.path("offset").asLong() == m.offset()
                                        && (consumer == null || letter.path("consumer").asText().equals(consumer))) {
                                    return letter;
                                }
                            }
                        }
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                    return null;
                });
    }
}
