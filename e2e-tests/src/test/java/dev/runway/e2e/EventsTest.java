package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Lifecycle events for subscribers: EventBridge rules through the real {@code aws events}, webhook
 * deliveries in App Runner's exact shapes, in order, surviving a subscriber outage and a
 * SIGKILLed gateway; dead letters; TestEventPattern; bad input.
 */
class EventsTest {

    static final String ACCOUNT = System.getenv().getOrDefault("RUNWAY_ACCOUNT_ID", "000000000000");

    static final List<String> OPERATIONS_IN_ORDER = List.of("CreateServiceStarted", "CreateServiceCompletedSuccessfully",
            "UpdateServiceStarted", "UpdateServiceCompletedSuccessfully", "UpdateServiceStarted", "UpdateServiceFailed",
            "PauseServiceStarted", "PauseServiceCompletedSuccessfully", "ResumeServiceStarted",
            "ResumeServiceCompletedSuccessfully", "DeleteServiceStarted", "DeleteServiceCompletedSuccessfully");

    static final Map<String, String> MESSAGES = Map.ofEntries(
            Map.entry("CreateServiceStarted", "Service creation started."),
            Map.entry("CreateServiceCompletedSuccessfully", "Service creation completed successfully."),
            Map.entry("UpdateServiceStarted", "Service update started."),
            Map.entry("UpdateServiceCompletedSuccessfully",
                    "Service update completed successfully. New application and configuration is deployed."),
            Map.entry("UpdateServiceFailed", "Service update failed. For details, see service logs."),
            Map.entry("PauseServiceStarted", "Service pause started."),
            Map.entry("PauseServiceCompletedSuccessfully", "Service pause completed successfully."),
            Map.entry("ResumeServiceStarted", "Service resume started."),
            Map.entry("ResumeServiceCompletedSuccessfully", "Service resume completed successfully."),
            Map.entry("DeleteServiceStarted", "Service deletion started."),
            Map.entry("DeleteServiceCompletedSuccessfully", "Service deletion completed successfully."));

    static JsonNode events(String... args) {
        return AwsCli.okOn("events", args);
    }

    static String pattern(String detailType, String serviceName) {
        return "{\"source\":[\"aws.apprunner\"],\"detail-type\":[\"" + detailType + "\"],\"detail\":{\"serviceName\":[\""
                + serviceName + "\"]}}";
    }

    @Test
    void shouldDeliverEveryLifecycleEventInOrderThroughAnOutageAndAGatewayCrash() throws Exception {
        String name = Platform.uniqueName("events");
        String statusRule = name + "-status";
        String opsRule = name + "-ops";
        String deadRule = name + "-dead";
        try (Subscriber subscriber = new Subscriber()) {
            // given a rule per detail-type, and one whose target always fails
            events("put-rule", "--name", statusRule, "--event-pattern", pattern("AppRunner Service Status Change", name));
            events("put-rule", "--name", opsRule, "--event-pattern", pattern("AppRunner Service Operation Status Change", name));
            events("put-rule", "--name", deadRule, "--event-pattern", pattern("AppRunner Service Operation Status Change", name));
            events("put-targets", "--rule", statusRule, "--targets", "[{\"Id\":\"hook\",\"Arn\":\"" + subscriber.url("/status")
                    + "\",\"HttpParameters\":{\"HeaderParameters\":{\"Authorization\":\"Bearer s3cret\"}}}]");
            events("put-targets", "--rule", opsRule, "--targets", "[{\"Id\":\"hook\",\"Arn\":\"" + subscriber.url("/ops") + "\"}]");
            events("put-targets", "--rule", deadRule, "--targets", "[{\"Id\":\"broken\",\"Arn\":\"" + subscriber.url("/fail")
                    + "\",\"RetryPolicy\":{\"MaximumRetryAttempts\":2,\"MaximumEventAgeInSeconds\":600},"
                    + "\"DeadLetterConfig\":{\"Arn\":\"arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + name + "-dlq\"}}]");
            assertEquals("ENABLED", events("describe-rule", "--name", opsRule).path("State").asText());
            assertEquals(subscriber.url("/ops"), events("list-targets-by-rule", "--rule", opsRule)
                    .path("Targets").get(0).path("Arn").asText());

            // when the service is created, updated (one success, one failure) ...
            String secret = "hunter2-" + Platform.uniqueName("s");
            JsonNode created = AwsCli.ok("create-service", "--service-name", name, "--source-configuration",
                    "{\"ImageRepository\":{\"ImageIdentifier\":\"" + Platform.HELLO_IMAGE + "\",\"ImageRepositoryType\":\"ECR\","
                    + "\"ImageConfiguration\":{\"Port\":\"8080\",\"RuntimeEnvironmentVariables\":{\"DB_PASSWORD\":\""
                    + secret + "\"}}},\"AutoDeploymentsEnabled\":false}").path("Service");
            String arn = created.path("ServiceArn").asText();
            assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
            AwsCli.ok("update-service", "--service-arn", arn, "--source-configuration",
                    LifecycleTest.source(Platform.HELLO_IMAGE, "second"));
            assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
            String missing = Platform.IMAGE_REGISTRY + "/no-such-image-" + Platform.uniqueName("u") + ":1";
            AwsCli.ok("update-service", "--service-arn", arn, "--source-configuration", LifecycleTest.source(missing, "x"));
            assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
            waitForOperations(subscriber, 6);

            // ... then paused and resumed while the subscriber is down for 30 s, and the gateway is
            // SIGKILLed while it is retrying those deliveries
            subscriber.down();
            long downAt = System.currentTimeMillis();
            AwsCli.ok("pause-service", "--service-arn", arn);
            assertEquals("PAUSED", Services.settle(arn, Duration.ofSeconds(60)).path("Status").asText());
            Platform.runway("stop", "--kill", "api-gateway");
            Platform.runway("start", "api-gateway");
            AwsCli.ok("resume-service", "--service-arn", arn);
            assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
            Thread.sleep(Math.max(0, 30_000 - (System.currentTimeMillis() - downAt)));
            subscriber.up();
            Services.deleteAndWait(arn);

            // then every operation event arrives, in order, in App Runner's shape, signed
            List<JsonNode> ops = waitForOperations(subscriber, OPERATIONS_IN_ORDER.size());
            List<String> statuses = ops.stream().map(e -> e.path("detail").path("operationStatus").asText()).toList();
            assertEquals(OPERATIONS_IN_ORDER, statuses);
            String serviceId = arn.substring(arn.lastIndexOf('/') + 1);
            for (JsonNode e : ops) {
                assertEnvelope(e, "AppRunner Service Operation Status Change", arn);
                JsonNode d = e.path("detail");
                assertEquals(List.of("operationStatus", "serviceName", "serviceId", "message", "severity"), fields(d));
                assertEquals(name, d.path("serviceName").asText());
                assertEquals(serviceId, d.path("serviceId").asText());
                assertEquals(MESSAGES.get(d.path("operationStatus").asText()), d.path("message").asText());
                assertEquals(d.path("operationStatus").asText().endsWith("Failed") ? "ERROR" : "INFO",
                        d.path("severity").asText());
            }
            for (Subscriber.Delivery d : subscriber.at("/ops")) {
                assertSigned(d);
            }

            // and the status changes chain up from creation to deletion
            List<JsonNode> status = Platform.eventually("the DELETED status change", Duration.ofSeconds(60), () -> {
                List<JsonNode> seen = distinct(subscriber.at("/status"));
                return !seen.isEmpty() && seen.get(seen.size() - 1).path("detail").path("currentServiceStatus").asText()
                        .equals("DELETED") ? seen : null;
            });
            List<String> current = new ArrayList<>();
            for (int i = 0; i < status.size(); i++) {
                JsonNode e = status.get(i);
                assertEnvelope(e, "AppRunner Service Status Change", arn);
                JsonNode d = e.path("detail");
                assertEquals(List.of("previousServiceStatus", "currentServiceStatus", "serviceName", "serviceId", "message",
                        "severity"), fields(d));
                assertEquals("Service status is set to " + d.path("currentServiceStatus").asText() + ".",
                        d.path("message").asText());
                if (i > 0) {
                    assertEquals(status.get(i - 1).path("detail").path("currentServiceStatus").asText(),
                            d.path("previousServiceStatus").asText(), "status changes chain up: " + status);
                }
                current.add(d.path("currentServiceStatus").asText());
            }
            assertTrue(current.containsAll(List.of("RUNNING", "PAUSED", "DELETED")), current.toString());
            for (Subscriber.Delivery d : subscriber.at("/status")) {
                assertEquals("Bearer s3cret", d.header("Authorization"), "the target's header auth is sent");
            }

            // and the failing target's events are in the dead-letter list after 1 + 2 attempts
            Set<String> opIds = new TreeSet<>();
            ops.forEach(e -> opIds.add(e.path("id").asText()));
            JsonNode letters = Platform.eventually("all dead letters", Duration.ofSeconds(60), () -> {
                JsonNode l = RawApi.get("/events/dead-letters?rule=" + deadRule).then().statusCode(200).extract().as(JsonNode.class).path("DeadLetters");
                Set<String> ids = new TreeSet<>();
                l.forEach(x -> ids.add(x.path("Event").path("id").asText()));
                return ids.equals(opIds) ? l : null;
            });
            for (JsonNode letter : letters) {
                assertEquals(3, letter.path("Attempts").asInt(), letter.toString());
                assertEquals("broken", letter.path("TargetId").asText());
                assertTrue(letter.path("DeadLetterArn").asText().endsWith(name + "-dlq"));
                // 500 from /fail, or unreachable while the subscriber was down
                assertTrue(!letter.path("LastError").asText().isEmpty(), letter.toString());
            }

            // and the audit trail has the test's calls, the CreateService with its secret hidden
            assertAudited(name, arn, secret);
        } finally {
            for (String rule : List.of(statusRule, opsRule, deadRule)) {
                AwsCli.run("events", "remove-targets", "--rule", rule, "--ids", "hook", "broken");
                AwsCli.run("events", "delete-rule", "--name", rule);
            }
        }
        AwsCli.failsOn("ResourceNotFoundException", "events", "describe-rule", "--name", opsRule);
    }

    @Test
    void shouldNotLetAFailingTargetHoldBackOthersAndStopDeliveriesOfDeletedRulesAndTargets() throws Exception {
        String name = Platform.uniqueName("lanes");
        String stuckRule = name + "-stuck";
        String goneRule = name + "-gone";
        String goodRule = name + "-good";
        String pattern = "{\"source\":[\"e2e.lanes\"],\"detail-type\":[\"" + name + "\"]}";
        // one resource: every event has the same key, so all sit in one partition
        String resource = "arn:aws:e2e:" + Platform.REGION + ":" + ACCOUNT + ":lanes/" + name;
        try (Subscriber subscriber = new Subscriber()) {
            // given two targets that always fail, with EventBridge's default policy (185 retries over 24 h),
            // and a good one, all on the same events
            for (String rule : List.of(stuckRule, goneRule, goodRule)) {
                events("put-rule", "--name", rule, "--event-pattern", pattern);
            }
            events("put-targets", "--rule", stuckRule, "--targets", "[{\"Id\":\"broken\",\"Arn\":\"" + subscriber.url("/fail") + "\"}]");
            events("put-targets", "--rule", goneRule, "--targets", "[{\"Id\":\"broken\",\"Arn\":\"" + subscriber.url("/fail") + "\"}]");
            events("put-targets", "--rule", goodRule, "--targets", "[{\"Id\":\"hook\",\"Arn\":\"" + subscriber.url("/good") + "\"}]");
            List<String> ids = new ArrayList<>();
            for (int n = 1; n <= 5; n++) {
                ids.add(put(name, resource, n));
            }

            // then the good target gets all five in order while the failing ones are retried
            List<JsonNode> good = Platform.eventually("5 deliveries to the good target", Duration.ofSeconds(30), () -> {
                List<JsonNode> seen = distinct(subscriber.at("/good"));
                return seen.size() >= 5 ? seen : null;
            });
            assertEquals(ids, good.stream().map(e -> e.path("id").asText()).toList(), "in order, each once");

            // when a failing target is removed, and the other failing rule is deleted (targets first, as EventBridge wants)
            events("remove-targets", "--rule", goneRule, "--ids", "broken");
            events("remove-targets", "--rule", stuckRule, "--ids", "broken");
            events("delete-rule", "--name", stuckRule);

            // then their pending deliveries stop, each recorded with its outcome, instead of being retried for 24 h
            for (String rule : List.of(goneRule, stuckRule)) {
                JsonNode letters = Platform.eventually("the abandoned deliveries of " + rule, Duration.ofSeconds(60), () -> {
                    JsonNode l = RawApi.get("/events/dead-letters?rule=" + rule).then().statusCode(200).extract()
                            .as(JsonNode.class).path("DeadLetters");
                    return l.size() >= 5 ? l : null;
                });
                List<String> abandoned = new ArrayList<>();
                for (JsonNode letter : letters) {
                    abandoned.add(letter.path("Event").path("id").asText());
                    String outcome = letter.path("Outcome").asText();
                    assertTrue(outcome.equals("TargetRemoved") || (rule.equals(stuckRule) && outcome.equals("RuleDeleted")),
                            letter.toString());
                    assertEquals(subscriber.url("/fail"), letter.path("TargetArn").asText());
                }
                assertEquals(ids, abandoned, "every pending event of " + rule + ", once, in order");
            }

            // and the partition goes on: a later event reaches the good target at once
            String later = put(name, resource, 6);
            Platform.eventually("the later event", Duration.ofSeconds(20),
                    () -> distinct(subscriber.at("/good")).stream().anyMatch(e -> e.path("id").asText().equals(later)) ? true : null);
        } finally {
            for (String rule : List.of(stuckRule, goneRule, goodRule)) {
                AwsCli.run("events", "remove-targets", "--rule", rule, "--ids", "broken", "hook");
                AwsCli.run("events", "delete-rule", "--name", rule);
            }
        }
    }

    /** PutEvents of one custom event of {@code resource}; its event id. */
    static String put(String detailType, String resource, int n) {
        JsonNode put = events("put-events", "--entries", "[{\"Source\":\"e2e.lanes\",\"DetailType\":\"" + detailType
                + "\",\"Resources\":[\"" + resource + "\"],\"Detail\":\"{\\\"n\\\":" + n + "}\"}]");
        assertEquals(0, put.path("FailedEntryCount").asInt(), put.toString());
        return put.path("Entries").get(0).path("EventId").asText();
    }

    static void assertAudited(String name, String arn, String secret) {
        JsonNode create = Platform.eventually("the CreateService audit record", Duration.ofSeconds(60), () -> {
            JsonNode found = AwsCli.okOn("cloudtrail", "lookup-events", "--lookup-attributes",
                    "AttributeKey=ResourceName,AttributeValue=" + name, "--max-items", "50").path("Events");
            for (JsonNode e : found) {
                if (e.path("EventName").asText().equals("CreateService")) {
                    return e;
                }
            }
            return null;
        });
        String raw = create.path("CloudTrailEvent").asText();
        assertTrue(!raw.contains(secret), "the secret value never reaches the audit trail: " + raw);
        JsonNode record;
        try {
            record = AwsCli.JSON.readTree(raw);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        assertEquals("HIDDEN_DUE_TO_SECURITY_REASONS", record.path("requestParameters").path("sourceConfiguration")
                .path("imageRepository").path("imageConfiguration").path("runtimeEnvironmentVariables").asText(), raw);
        assertEquals(Platform.ACCESS_KEY_ID, create.path("AccessKeyId").asText(), "the verified key: " + create);
        assertEquals("apprunner.amazonaws.com", record.path("eventSource").asText());
        assertEquals("127.0.0.1", record.path("sourceIPAddress").asText());
        assertEquals("1.08", record.path("eventVersion").asText());
        assertTrue(!record.path("requestID").asText().isEmpty());
        // the other calls on the service, accepted and refused (pausing a PAUSED service was not made here,
        // so refuse one now), by the service's ARN
        AwsCli.fails("ResourceNotFoundException", "describe-service", "--service-arn", arn + "0");
        List<String> names = Platform.eventually("the calls on " + arn, Duration.ofSeconds(60), () -> {
            List<String> seen = new ArrayList<>();
            AwsCli.okOn("cloudtrail", "lookup-events", "--lookup-attributes", "AttributeKey=ResourceName,AttributeValue=" + arn,
                    "--max-items", "50").path("Events").forEach(e -> seen.add(e.path("EventName").asText()));
            return seen.containsAll(List.of("UpdateService", "PauseService", "ResumeService", "DeleteService")) ? seen : null;
        });
        assertTrue(names.contains("DescribeService"), names.toString());
        JsonNode refused = Platform.eventually("the refused call", Duration.ofSeconds(60), () -> {
            for (JsonNode e : AwsCli.okOn("cloudtrail", "lookup-events", "--lookup-attributes",
                    "AttributeKey=ResourceName,AttributeValue=" + arn + "0").path("Events")) {
                return e;
            }
            return null;
        });
        assertTrue(refused.path("CloudTrailEvent").asText().contains("\"errorCode\":\"ResourceNotFoundException\""),
                refused.toString());
        // one request id per request: the answer's x-amzn-RequestId is the record's requestID
        Response described = RawApi.post("AppRunner.DescribeService", "{\"ServiceArn\":\"" + arn + "\"}");
        JsonNode signedRecord = auditedRequest(described.header("x-amzn-RequestId"));
        assertEquals(Platform.ACCESS_KEY_ID, signedRecord.path("userIdentity").path("accessKeyId").asText(),
                signedRecord.toString());
        assertEquals("DescribeService", signedRecord.path("eventName").asText());
        // a call refused for its signature is recorded too, without an access key (none was proven)
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Response forged = io.restassured.RestAssured.given().config(RawApi.AS_WRITTEN).baseUri(Platform.GATEWAY)
                .contentType(RawApi.CONTENT_TYPE).body(body)
                .headers(SigV4.headers("POST", "/", "AppRunner.ListServices", body, Platform.ACCESS_KEY_ID, "not-the-secret",
                        java.time.Instant.now(), "apprunner"))
                .post("/");
        assertEquals(403, forged.statusCode(), forged.asString());
        JsonNode forgedRecord = auditedRequest(forged.header("x-amzn-RequestId"));
        assertEquals("InvalidSignatureException", forgedRecord.path("errorCode").asText(), forgedRecord.toString());
        assertEquals("ListServices", forgedRecord.path("eventName").asText());
        assertTrue(forgedRecord.path("userIdentity").path("accessKeyId").isMissingNode(), forgedRecord.toString());
        JsonNode page = AwsCli.okOn("cloudtrail", "lookup-events", "--lookup-attributes",
                "AttributeKey=EventName,AttributeValue=PutRule", "--max-items", "2");
        assertEquals(2, page.path("Events").size(), page.toString());
        assertTrue(page.hasNonNull("NextToken"), "more than one page: " + page);
        AwsCli.failsOn("InvalidLookupAttributesException", "cloudtrail", "lookup-events", "--lookup-attributes",
                "AttributeKey=Nonsense,AttributeValue=x");
        // no filter at all, as most users first call it: the newest calls of the account
        JsonNode newest = AwsCli.okOn("cloudtrail", "lookup-events", "--max-items", "3");
        assertEquals(3, newest.path("Events").size(), newest.toString());
    }

    /** The audit record of the request answered with {@code requestId} (its eventID is derived from it). */
    static JsonNode auditedRequest(String requestId) {
        assertTrue(requestId != null && !requestId.isEmpty(), "the answer carries x-amzn-RequestId");
        String eventId = java.util.UUID.nameUUIDFromBytes(("audit:" + requestId).getBytes(StandardCharsets.UTF_8)).toString();
        return Platform.eventually("the audit record of request " + requestId, Duration.ofSeconds(60), () -> {
            for (JsonNode e : AwsCli.okOn("cloudtrail", "lookup-events", "--lookup-attributes",
                    "AttributeKey=EventId,AttributeValue=" + eventId).path("Events")) {
                JsonNode record;
                try {
                    record = AwsCli.JSON.readTree(e.path("CloudTrailEvent").asText());
                } catch (java.io.IOException x) {
                    throw new IllegalStateException(x);
                }
                assertEquals(requestId, record.path("requestID").asText(), record.toString());
                return record;
            }
            return null;
        });
    }

    /** The distinct operation events so far (a redelivery repeats an id), once {@code count} arrived. */
    static List<JsonNode> waitForOperations(Subscriber subscriber, int count) {
        return Platform.eventually(count + " operation events", Duration.ofSeconds(120), () -> {
            List<JsonNode> seen = distinct(subscriber.at("/ops"));
            return seen.size() >= count ? seen : null;
        });
    }

    /** Deliveries in arrival order without repeats of an id; a repeat must be identical to the first. */
    static List<JsonNode> distinct(List<Subscriber.Delivery> deliveries) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (Subscriber.Delivery d : deliveries) {
            JsonNode first = byId.putIfAbsent(d.body().path("id").asText(), d.body());
            if (first != null) {
                assertEquals(first, d.body(), "a redelivered event is the same event");
            }
        }
        return new ArrayList<>(byId.values());
    }

    static void assertEnvelope(JsonNode e, String detailType, String arn) {
        assertEquals(List.of("version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"),
                fields(e));
        assertEquals("0", e.path("version").asText());
        assertEquals(detailType, e.path("detail-type").asText());
        assertEquals("aws.apprunner", e.path("source").asText());
        assertEquals(ACCOUNT, e.path("account").asText());
        assertEquals(Platform.REGION, e.path("region").asText());
        assertTrue(e.path("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), e.toString());
        assertEquals(1, e.path("resources").size());
        assertEquals(arn, e.path("resources").get(0).asText());
    }

    /**
     * Verifies a delivery as a subscriber does (docs/architecture.md, "Webhook signatures"): one
     * {@code v1} of the header must be the HMAC of {@code "<t>.<body>"} with the key the subscriber
     * has, here the profile's key as it is now (a rotation adds a {@code v1} by the old key).
     */
    static void assertSigned(Subscriber.Delivery d) throws Exception {
        String header = d.header("X-Runway-Signature");
        assertTrue(header != null && header.startsWith("t="), "signed: " + d.headers());
        String expected = hmac(Platform.profileSecret("events-signing-secret"), timestamp(header) + "." + d.raw());
        assertTrue(signatures(header).contains(expected), "the signature verifies with the shared secret: " + header);
    }

    /** The {@code t} of an {@code X-Runway-Signature} header. */
    static String timestamp(String header) {
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                return part.substring(2);
            }
        }
        throw new AssertionError("no t= in " + header);
    }

    /** Every {@code v1} of an {@code X-Runway-Signature} header, in order. */
    static List<String> signatures(String header) {
        List<String> out = new ArrayList<>();
        for (String part : header.split(",")) {
            if (part.startsWith("v1=")) {
                out.add(part.substring(3));
            }
        }
        return out;
    }

    static String hmac(String key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> fields(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    // ------------------------------------------------------------------ TestEventPattern

    static final String EVENT = """
            {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"AppRunner Service Operation Status Change",\
            "source":"aws.apprunner","account":"111122223333","time":"2021-04-29T18:43:48Z","region":"us-east-2",\
            "resources":["arn:aws:apprunner:us-east-2:123456789012:service/my-app/8fe1e10304f84fd2b0df550fe98a71fa"],\
            "detail":{"operationStatus":"DeploymentFailed","serviceName":"my-app","serviceId":"8fe1e10304f84fd2b0df550fe98a71fa",\
            "message":"Deployment failed. For details, see service logs.","severity":"ERROR","attempt":3}}""";

    static boolean test(String pattern, String event) {
        return events("test-event-pattern", "--event-pattern", pattern, "--event", event).path("Result").asBoolean();
    }

    @Test
    void shouldNeverDeliverToThePlatformsOwnEndpoints() {
        String rule = Platform.uniqueName("ssrf");
        String registry = "127.0.0.1:" + Platform.env("RUNWAY_SERVICE_REGISTRY_PORT");
        // the attack: a rule whose target is the registry's internal API, the body shaped to mint a key
        String transformer = ",\"InputTransformer\":{\"InputTemplate\":\"{\\\"note\\\":\\\"minted by a rule\\\"}\"}";
        events("put-rule", "--name", rule, "--event-pattern", "{\"source\":[\"e2e.ssrf\"],\"detail-type\":[\"" + rule + "\"]}");
        try {
            // written as an address: refused at once
            String said = AwsCli.failsOn("InvalidParameterException", "events", "put-targets", "--rule", rule,
                    "--targets", "[{\"Id\":\"mint\",\"Arn\":\"http://" + registry + "/internal/access-keys\"" + transformer + "}]");
            assertTrue(said.contains("Runway's own endpoints"), said);
            assertEquals(0, events("list-targets-by-rule", "--rule", rule).path("Targets").size());
            // written as a name: resolved, and refused, at delivery, with a dead letter saying why
            String byName = "http://localhost:" + Platform.env("RUNWAY_SERVICE_REGISTRY_PORT") + "/internal/access-keys";
            events("put-targets", "--rule", rule, "--targets", "[{\"Id\":\"mint\",\"Arn\":\"" + byName + "\"" + transformer + "}]");
            JsonNode put = events("put-events", "--entries", "[{\"Source\":\"e2e.ssrf\",\"DetailType\":\"" + rule
                    + "\",\"Detail\":\"{}\"}]");
            assertEquals(0, put.path("FailedEntryCount").asInt(), put.toString());
            JsonNode letter = Platform.eventually("the refused delivery's dead letter", Duration.ofSeconds(30), () -> {
                JsonNode l = RawApi.get("/events/dead-letters?rule=" + rule).then().statusCode(200).extract()
                        .as(JsonNode.class).path("DeadLetters");
                return l.isEmpty() ? null : l.get(0);
            });
            assertEquals("TargetRefused", letter.path("Outcome").asText(), letter.toString());
            assertEquals(1, letter.path("Attempts").asInt(), "never retried: " + letter);
            assertTrue(letter.path("LastError").asText().contains("Runway's own endpoints"), letter.toString());
        } finally {
            AwsCli.run("events", "remove-targets", "--rule", rule, "--ids", "mint");
            AwsCli.run("events", "delete-rule", "--name", rule);
        }
    }

    @Test
    void shouldTestPatternsAsEventBridgeDoes() {
        String leftRunning = "{\"detail-type\":[\"AppRunner Service Status Change\"],\"source\":[\"aws.apprunner\"],"
                + "\"account\":[\"111122223333\"],\"detail\":{\"previousServiceStatus\":[\"RUNNING\"]}}";
        String anyFailed = "{\"detail-type\":[\"AppRunner Service Operation Status Change\"],\"source\":[\"aws.apprunner\"],"
                + "\"account\":[\"111122223333\"],\"detail\":{\"operationStatus\":[\"CreateServiceFailed\","
                + "\"DeleteServiceFailed\",\"UpdateServiceFailed\",\"DeploymentFailed\",\"PauseServiceFailed\","
                + "\"ResumeServiceFailed\"]}}";
        String statusEvent = EVENT.replace("AppRunner Service Operation Status Change", "AppRunner Service Status Change")
                .replace("\"operationStatus\":\"DeploymentFailed\"",
                        "\"previousServiceStatus\":\"RUNNING\",\"currentServiceStatus\":\"OPERATION_IN_PROGRESS\"");
        assertTrue(test(anyFailed, EVENT));
        assertTrue(!test(anyFailed, EVENT.replace("DeploymentFailed", "DeploymentStarted")));
        assertTrue(test(leftRunning, statusEvent));
        assertTrue(!test(leftRunning, EVENT));
        assertTrue(test("{\"detail\":{\"serviceName\":[{\"prefix\":\"my-\"}]}}", EVENT));
        assertTrue(!test("{\"detail\":{\"severity\":[{\"anything-but\":[\"ERROR\"]}]}}", EVENT));
        assertTrue(test("{\"detail\":{\"attempt\":[{\"numeric\":[\">=\",3,\"<\",10]}]}}", EVENT));
        assertTrue(!test("{\"detail\":{\"currentServiceStatus\":[{\"exists\":true}]}}", EVENT));
        assertTrue(test("{\"$or\":[{\"detail\":{\"severity\":[\"ERROR\"]}},{\"source\":[\"nobody\"]}]}", EVENT));
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void shouldAnswerBadInputInEventBridgesErrorShapes() {
        String rule = Platform.uniqueName("bad");
        AwsCli.failsOn("InvalidEventPatternException", "events", "put-rule", "--name", rule, "--event-pattern", "{\"source\":");
        AwsCli.failsOn("InvalidEventPatternException", "events", "put-rule", "--name", rule, "--event-pattern",
                "{\"source\":\"aws.apprunner\"}");
        AwsCli.failsOn("InvalidEventPatternException", "events", "test-event-pattern", "--event-pattern", "[]",
                "--event", EVENT);
        AwsCli.failsOn("ResourceNotFoundException", "events", "describe-rule", "--name", rule);
        AwsCli.failsOn("ResourceNotFoundException", "events", "enable-rule", "--name", rule);
        AwsCli.failsOn("ResourceNotFoundException", "events", "list-targets-by-rule", "--rule", rule);
        AwsCli.failsOn("ResourceNotFoundException", "events", "put-targets", "--rule", rule, "--targets",
                "[{\"Id\":\"a\",\"Arn\":\"http://127.0.0.1:1/\"}]");
        try {
            events("put-rule", "--name", rule, "--event-pattern", "{\"source\":[\"bad.input\"]}");
            String said = AwsCli.failsOn("ValidationException", "events", "put-targets", "--rule", rule, "--targets",
                    "[{\"Id\":\"a\",\"Arn\":\"ftp://127.0.0.1/x\"}]");
            assertTrue(said.contains("HTTP(S)"), said);
            AwsCli.failsOn("ValidationException", "events", "put-targets", "--rule", rule, "--targets",
                    "[{\"Id\":\"a\",\"Arn\":\"arn:aws:sqs:us-east-1:000000000000:q\"}]");
        } finally {
            AwsCli.run("events", "delete-rule", "--name", rule);
        }
        // an oversized PutEvents request, and entries the bus refuses one by one
        String big = "{\"Entries\":[{\"Source\":\"my.app\",\"DetailType\":\"big\",\"Detail\":\"{\\\"x\\\":\\\""
                + "a".repeat(300 * 1024) + "\\\"}\"}]}";
        Response r = RawApi.post("AWSEvents.PutEvents", big);
        assertEquals(400, r.statusCode(), r.asString());
        assertEquals("ValidationException", r.jsonPath().getString("__type"));
        JsonNode partial = events("put-events", "--entries", "[{\"Source\":\"my.app\",\"DetailType\":\"t\",\"Detail\":\"{}\"},"
                + "{\"Source\":\"my.app\",\"DetailType\":\"t\",\"Detail\":\"not json\"},"
                + "{\"Source\":\"aws.apprunner\",\"DetailType\":\"t\",\"Detail\":\"{}\"}]");
        assertEquals(2, partial.path("FailedEntryCount").asInt(), partial.toString());
        assertTrue(partial.path("Entries").get(0).hasNonNull("EventId"));
        assertEquals("MalformedDetail", partial.path("Entries").get(1).path("ErrorCode").asText());
        assertEquals("InvalidArgument", partial.path("Entries").get(2).path("ErrorCode").asText());
    }
}
