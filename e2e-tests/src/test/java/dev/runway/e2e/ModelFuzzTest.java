package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Sends thousands of requests generated from the bundled App Runner model (random but valid
 * inputs, and the same with one defect: a member dropped, the wrong type, too long, out of range,
 * broken JSON, an unknown operation, deep nesting, U+0000 and lone surrogates, empty and 1 MB
 * bodies, tags holding such characters on an existing service, and broken bodies for the
 * EventBridge, Logs and CloudTrail targets) across all 37 operations, and the same from the
 * bundled SSM Parameter Store and Secrets Manager models (JSON 1.1, handed to the registry's
 * internal API) across their 18. None may answer 5xx or take 5 s or more; afterwards an existing
 * service is exactly as it was and still pauses and resumes, a new service reaches RUNNING, a
 * parameter and a secret are stored and read back, and a call made after the run is in the audit
 * trail.
 */
class ModelFuzzTest {

    static final int REQUESTS = Integer.getInteger("runway.fuzz.requests", 5_000);
    /** Requests for SSM and Secrets Manager, besides the App Runner ones. */
    static final int VALUE_REQUESTS = Integer.getInteger("runway.fuzz.value-requests", 2_000);
    static final String JSON_11 = "application/x-amz-json-1.1";
    static final long SEED = Long.getLong("runway.fuzz.seed", System.nanoTime());
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Stands in for a lone surrogate until the body is text (see generate, defect 10). */
    static final String SURROGATE = "<<SURROGATE>>";
    /** Operations that would change a resource the fuzzer does not own are always sent broken or at unknown ARNs. */
    static final Set<String> READ_ONLY = Set.of("DescribeService", "ListOperations", "DescribeCustomDomains",
            "ListTagsForResource", "ListServices", "DescribeAutoScalingConfiguration", "ListAutoScalingConfigurations",
            "ListServicesForAutoScalingConfiguration");

    /** An AWS JSON API the fuzzer generates requests for, from the model the gateway bundles for it. */
    record Api(String prefix, String signingName, String contentType, JsonNode model) {
        JsonNode shapes() {
            return model.path("shapes");
        }

        List<String> operations() {
            List<String> names = new ArrayList<>();
            model.path("operations").fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            return names;
        }
    }

    final Api appRunner = new Api("AppRunner.", "apprunner", RawApi.CONTENT_TYPE, read("apprunner"));
    final Api ssm = new Api("AmazonSSM.", "ssm", JSON_11, read("ssm"));
    final Api secretsManager = new Api("secretsmanager.", "secretsmanager", JSON_11, read("secretsmanager"));
    final List<Api> valueApis = List.of(ssm, secretsManager);
    String canaryArn;

    static JsonNode read(String api) {
        try {
            return AwsCli.JSON.readTree(Platform.ROOT.resolve("api-gateway/src/main/resources/" + api + "/service-2.json")
                    .toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldNeverAnswer5xxToModelDrivenRandomAndMalformedRequests() throws Exception {
        // given a running service
        JsonNode created = RawApi.call("CreateService", "{\"ServiceName\":\"" + Platform.uniqueName("fuzz-canary")
                + "\",\"SourceConfiguration\":" + AwsCli.imageSource(Platform.HELLO_IMAGE) + "}");
        canaryArn = created.path("Service").path("ServiceArn").asText();
        JsonNode before = Platform.eventually("the canary to run", Duration.ofSeconds(120), () -> {
            JsonNode s = RawApi.call("DescribeService", "{\"ServiceArn\":\"" + canaryArn + "\"}").path("Service");
            return s.path("Status").asText().equals("RUNNING") ? s : null;
        });

        // when thousands of generated requests arrive, eight at a time
        int total = REQUESTS + VALUE_REQUESTS;
        System.out.printf("fuzzing %d requests over %d App Runner, %d SSM and %d Secrets Manager operations, seed %d%n",
                total, appRunner.operations().size(), ssm.operations().size(), secretsManager.operations().size(), SEED);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());
        List<String> slow = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Instant started = Instant.now();
        for (int i = 0; i < total; i++) {
            Random random = new Random(SEED + i);
            Api api = i < REQUESTS ? appRunner : valueApis.get(i % valueApis.size());
            pool.submit(() -> {
                String[] request = generate(random, api);
                long sent = System.nanoTime();
                int status = send(request[0], request[1]);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
                if (millis >= 5_000) {
                    slow.add(millis + " ms for " + request[0] + " " + abbreviate(request[1]));
                }
                statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                if (status >= 500 || status < 0) {
                    serverErrors.add(status + " for " + request[0] + " " + abbreviate(request[1]));
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.MINUTES), "the fuzzer did not finish within 10 minutes");
        System.out.printf("fuzzed %d requests in %d s: %s%n", total,
                Duration.between(started, Instant.now()).toSeconds(), statuses);
        cleanUp();
        deleteFuzzed(ssm, "DescribeParameters", "{\"MaxResults\":50}", "Parameters", "DeleteParameter",
                "{\"Name\":%s}");
        deleteFuzzed(secretsManager, "ListSecrets", "{\"MaxResults\":100,\"IncludePlannedDeletion\":true}", "SecretList",
                "DeleteSecret", "{\"SecretId\":%s,\"ForceDeleteWithoutRecovery\":true}");

        // then nothing answered 5xx, the platform serves, and the canary is unchanged
        assertEquals(List.of(), serverErrors.stream().limit(20).toList(), serverErrors.size() + " answers of 500 or more");
        assertEquals(List.of(), slow.stream().limit(20).toList(), slow.size() + " answers took 5 s or more");
        assertEquals(total, statuses.values().stream().mapToInt(AtomicInteger::get).sum());
        var described = RawApi.post("AppRunner.DescribeService", "{\"ServiceArn\":\"" + canaryArn + "\"}");
        assertEquals(200, described.statusCode(), described.asString());
        JsonNode after = AwsCli.JSON.readTree(described.asString()).path("Service");
        assertEquals(before, after);
        assertEquals(200, Services.viaRouter(after.path("ServiceUrl").asText(), "/").statusCode());
        // and it still acts: the canary pauses and resumes, a new service runs, the audit trail records
        AwsCli.ok("pause-service", "--service-arn", canaryArn);
        assertEquals("PAUSED", Services.settle(canaryArn, Duration.ofSeconds(60)).path("Status").asText());
        AwsCli.ok("resume-service", "--service-arn", canaryArn);
        assertEquals("RUNNING", Services.settle(canaryArn, Duration.ofSeconds(120)).path("Status").asText());
        String fresh = Services.create(Platform.uniqueName("fuzz-after"), Platform.HELLO_IMAGE).path("Service")
                .path("ServiceArn").asText();
        assertEquals("RUNNING", Services.settle(fresh, Duration.ofSeconds(120)).path("Status").asText());
        String requestId = described.header("x-amzn-RequestId");
        Platform.eventually("the audit record of request " + requestId + ", made after the fuzzing", Duration.ofSeconds(30),
                () -> AwsCli.okOn("cloudtrail", "lookup-events", "--lookup-attributes",
                        "AttributeKey=EventName,AttributeValue=DescribeService", "--max-items", "200").toString()
                        .contains(requestId) ? true : null);
        Services.deleteAndWait(fresh);
        // and SSM and Secrets Manager still store a value and give it back
        String parameter = "/" + Platform.uniqueName("fuzz-after");
        ok(ssm, "PutParameter", "{\"Name\":\"" + parameter + "\",\"Type\":\"SecureString\",\"Value\":\"after\"}");
        assertEquals("after", ok(ssm, "GetParameter", "{\"Name\":\"" + parameter + "\",\"WithDecryption\":true}")
                .path("Parameter").path("Value").asText());
        ok(ssm, "DeleteParameter", "{\"Name\":\"" + parameter + "\"}");
        String secret = Platform.uniqueName("fuzz-after");
        ok(secretsManager, "CreateSecret", "{\"Name\":\"" + secret + "\",\"SecretString\":\"after\"}");
        assertEquals("after", ok(secretsManager, "GetSecretValue", "{\"SecretId\":\"" + secret + "\"}")
                .path("SecretString").asText());
        ok(secretsManager, "DeleteSecret", "{\"SecretId\":\"" + secret + "\",\"ForceDeleteWithoutRecovery\":true}");
        // and no consumer of the registry is stuck retrying a message
        JsonNode health = AwsCli.JSON.readTree(RestAssured.given().baseUri("http://127.0.0.1")
                .port(Integer.parseInt(Platform.env("RUNWAY_SERVICE_REGISTRY_PORT"))).get("/q/health/ready").asString());
        for (JsonNode check : health.path("checks")) {
            if (check.path("name").asText().equals("kafka-consumer")) {
                assertEquals("UP", check.path("status").asText(), health.toString());
                assertEquals(false, check.path("data").path("retrying").asBoolean(true), health.toString());
            }
        }
        RawApi.call("DeleteService", "{\"ServiceArn\":\"" + canaryArn + "\"}");
    }

    /** Signed the way the platform expects of every client: with the signing name of the API the target names. */
    private int send(String target, String body) {
        try {
            for (Api api : valueApis) {
                if (target.startsWith(api.prefix())) {
                    return post(api, target, body).statusCode();
                }
            }
            return RawApi.post(target, body).statusCode();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** {@code POST /} in the API's content type, signed for its signing name (RawApi speaks App Runner's). */
    private static Response post(Api api, String target, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        // bodies go as written: JSON, or deliberately broken JSON
        var request = RestAssured.given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .encodeContentTypeAs(api.contentType(), ContentType.TEXT)))
                .baseUri(Platform.GATEWAY).contentType(api.contentType()).body(bytes);
        for (Map.Entry<String, String> h : SigV4.headers("POST", "/", target, bytes, Platform.ACCESS_KEY_ID,
                Platform.SECRET_ACCESS_KEY, Instant.now(), api.signingName()).entrySet()) {
            request = request.header(h.getKey(), h.getValue());
        }
        return request.when().post("/");
    }

    /** A call that must succeed; its output. */
    private static JsonNode ok(Api api, String operation, String body) throws IOException {
        var response = post(api, api.prefix() + operation, body);
        assertEquals(200, response.statusCode(), operation + ": " + response.asString());
        return AwsCli.JSON.readTree(response.asString());
    }

    /** {target, body}: a valid input for a random operation of the API, then (mostly) one defect. */
    String[] generate(Random r, Api api) {
        List<String> operations = api.operations();
        String op = operations.get(r.nextInt(operations.size()));
        String inputShape = api.model().path("operations").path(op).path("input").path("shape").asText(null);
        ObjectNode input = inputShape == null ? NODES.objectNode() : (ObjectNode) value(api, inputShape, r, op, 0);
        boolean mustBreak = api == appRunner && op.equals("CreateService");
        int defect = mustBreak ? 1 + r.nextInt(4) : r.nextInt(17);
        String target = api.prefix() + op;
        switch (defect) {
            case 1 -> dropRequired(api, inputShape, input, r, mustBreak);
            case 2 -> wrongType(input, r);
            case 3 -> input.put(firstStringMember(input), "x".repeat(2_000 + r.nextInt(60_000)));
            case 4 -> {
                if (r.nextBoolean()) {
                    input.put("MaxResults", r.nextBoolean() ? -1 : 1_000_000);
                } else {
                    input.put("MaxResults", "1e40");
                }
                if (mustBreak) {
                    input.remove("ServiceName");
                }
            }
            case 5 -> {
                return new String[] {target, input.toString().substring(0, Math.max(1, input.toString().length() / 2))};
            }
            case 6 -> target = r.nextBoolean() ? api.prefix() + "NoSuchOperation" : op;
            case 7 -> {
                return new String[] {target, r.nextBoolean() ? "[1,2,3]" : "\"just a string\""};
            }
            case 8 -> {
                int depth = 500 + r.nextInt(3_000);
                return new String[] {target, "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)};
            }
            case 9 -> input.put(firstStringMember(input), "\u0000\uD83D\uDE00\u202E" + "ü".repeat(r.nextInt(50)));
            case 10 -> {
                // a lone surrogate can only travel escaped: Java would write a '?' for it in UTF-8
                input.put(firstStringMember(input), "a" + SURROGATE + "b");
                return new String[] {target, input.toString().replace(SURROGATE, r.nextBoolean() ? "\\ud800" : "\\udfff")};
            }
            case 11 -> {
                return new String[] {target, ""};
            }
            case 12 -> {
                String odd = r.nextBoolean() ? "\\u0000" : "\\ud83d";
                return new String[] {"AppRunner.TagResource", "{\"ResourceArn\":\"" + canaryArn + "\",\"Tags\":[{\"Key\":\""
                        + (r.nextBoolean() ? "k" + odd : "k") + "\",\"Value\":\"v" + odd + "\"}]}"};
            }
            case 13 -> input.put(firstStringMember(input), "y".repeat(r.nextInt(4) == 0 ? 1_000_000 : 100_000));
            case 14, 15 -> {
                String[] others = {"AWSEvents.ListRules", "Logs_20140328.DescribeLogGroups",
                        "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"};
                String[] bodies = {"", "[1]", "{\"a\":".repeat(300) + "1" + "}".repeat(300), "{\"NamePrefix\":\"\\u0000\"}",
                        "{\"logGroupNamePrefix\":\"\\ud800\"}", "{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\","
                        + "\"AttributeValue\":\"x\\u0000\"}]}", "{\"MaxResults\":\"x\"", "{\"Limit\":-1}"};
                return new String[] {others[r.nextInt(others.length)], bodies[r.nextInt(bodies.length)]};
            }
            default -> {
                // sent as generated: random but valid
            }
        }
        return new String[] {target, input.toString()};
    }

    private JsonNode value(Api api, String shapeName, Random r, String op, int depth) {
        JsonNode shape = api.shapes().path(shapeName);
        String type = shape.path("type").asText();
        switch (type) {
            case "structure" -> {
                ObjectNode o = NODES.objectNode();
                Set<String> required = new java.util.HashSet<>();
                shape.path("required").forEach(x -> required.add(x.asText()));
                shape.path("members").fields().forEachRemaining(m -> {
                    if (required.contains(m.getKey()) || (depth < 4 && r.nextInt(3) == 0)) {
                        o.set(m.getKey(), member(api, m.getKey(), m.getValue().path("shape").asText(), r, op, depth + 1));
                    }
                });
                return o;
            }
            case "list" -> {
                ArrayNode a = NODES.arrayNode();
                int n = Math.max(shape.path("min").asInt(0), r.nextInt(3));
                for (int i = 0; i < n && depth < 6; i++) {
                    a.add(value(api, shape.path("member").path("shape").asText(), r, op, depth + 1));
                }
                return a;
            }
            case "map" -> {
                ObjectNode o = NODES.objectNode();
                for (int i = 0; i < r.nextInt(3); i++) {
                    o.set("K" + r.nextInt(1000), value(api, shape.path("value").path("shape").asText(), r, op, depth + 1));
                }
                return o;
            }
            case "integer", "long" -> {
                long min = shape.path("min").asLong(0);
                long max = shape.path("max").asLong(Math.max(min, 100));
                return NODES.numberNode(min + (long) (r.nextDouble() * (max - min + 1)));
            }
            case "boolean" -> {
                return NODES.booleanNode(r.nextBoolean());
            }
            case "double", "float", "timestamp" -> {
                return NODES.numberNode(r.nextDouble() * 1e9);
            }
            case "blob" -> {
                byte[] bytes = new byte[1 + r.nextInt(64)];
                r.nextBytes(bytes);
                return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            default -> {
                return string(shapeName, shape, r, op);
            }
        }
    }

    private JsonNode member(Api api, String name, String shapeName, Random r, String op, int depth) {
        if (api == appRunner && (shapeName.equals("AppRunnerResourceArn") || name.endsWith("Arn"))) {
            return NODES.textNode(arn(name, r, op));
        }
        return value(api, shapeName, r, op, depth);
    }

    private String arn(String member, Random r, String op) {
        if (READ_ONLY.contains(op) && member.equals("ServiceArn") && r.nextInt(3) == 0) {
            return canaryArn;
        }
        String kind = member.startsWith("AutoScaling") ? "autoscalingconfiguration" : member.startsWith("Observability")
                ? "observabilityconfiguration" : member.startsWith("VpcConnector") ? "vpcconnector"
                : member.startsWith("VpcIngress") ? "vpcingressconnection" : member.startsWith("Connection")
                ? "connection" : "service";
        String id = Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong());
        return "arn:aws:apprunner:" + Platform.REGION + ":000000000000:" + kind + "/fz" + r.nextInt(100_000)
                + (r.nextBoolean() ? "/" + (1 + r.nextInt(3)) : "") + "/" + id;
    }

    private static JsonNode string(String shapeName, JsonNode shape, Random r, String op) {
        if (shape.has("enum")) {
            JsonNode values = shape.path("enum");
            return values.get(r.nextInt(values.size()));
        }
        if (shapeName.equals("DomainName")) {
            return NODES.textNode("fz" + r.nextInt(100_000) + ".example.com");
        }
        int min = shape.path("min").asInt(0);
        int max = Math.min(shape.path("max").asInt(40), 40);
        int length = Math.max(min, Math.min(max, 4 + r.nextInt(12)));
        StringBuilder s = new StringBuilder("fz");
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        while (s.length() < length) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return NODES.textNode(s.substring(0, Math.max(min, Math.min(s.length(), Math.max(length, 1)))));
    }

    private static void dropRequired(Api api, String inputShape, ObjectNode input, Random r, boolean always) {
        List<String> required = new ArrayList<>();
        if (inputShape != null) {
            api.shapes().path(inputShape).path("required").forEach(x -> required.add(x.asText()));
        }
        if (required.isEmpty()) {
            input.put("MaxResults", 0);
            return;
        }
        if (always && r.nextBoolean()) {
            input.remove("SourceConfiguration");
        } else if (always) {
            input.remove("ServiceName");
        } else {
            input.remove(required.get(r.nextInt(required.size())));
        }
    }

    private static void wrongType(ObjectNode input, Random r) {
        List<String> names = new ArrayList<>();
        input.fieldNames().forEachRemaining(names::add);
        String name = names.isEmpty() ? "MaxResults" : names.get(r.nextInt(names.size()));
        switch (r.nextInt(4)) {
            case 0 -> input.put(name, 12345);
            case 1 -> input.putArray(name).add("x");
            case 2 -> input.putObject(name).put("nested", true);
            default -> input.put(name, true);
        }
        input.remove("ServiceName"); // a CreateService must never become valid by accident
    }

    private static String firstStringMember(ObjectNode input) {
        List<String> names = new ArrayList<>();
        input.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                names.add(e.getKey());
            }
        });
        return names.isEmpty() ? "NextToken" : names.get(0);
    }

    private static String abbreviate(String body) {
        return body.length() > 120 ? body.substring(0, 120) + "..." : body;
    }

    /**
     * Deletes the parameters or secrets that random-but-valid calls created (names start with fz):
     * lists them page by page ({@code items} of {@code list}), then sends {@code delete} for each
     * ({@code deleteBody} with {@code %s} for the JSON name).
     */
    private static void deleteFuzzed(Api api, String list, String listBody, String items, String delete,
            String deleteBody) throws IOException {
        List<String> names = new ArrayList<>();
        ObjectNode page = (ObjectNode) AwsCli.JSON.readTree(listBody);
        for (int n = 0; n < 200; n++) {
            var response = post(api, api.prefix() + list, page.toString());
            if (response.statusCode() != 200) {
                System.out.println("fuzz clean-up: " + list + " answered " + response.asString());
                break;
            }
            JsonNode out = AwsCli.JSON.readTree(response.asString());
            out.path(items).forEach(item -> {
                if (item.path("Name").asText().startsWith("fz")) {
                    names.add(item.path("Name").asText());
                }
            });
            if (!out.path("NextToken").isTextual()) {
                break;
            }
            page.put("NextToken", out.path("NextToken").asText());
        }
        names.forEach(name -> post(api, api.prefix() + delete, deleteBody.formatted(NODES.textNode(name))));
        System.out.println("fuzz clean-up: " + names.size() + " fuzzed names deleted by " + api.prefix() + delete);
    }

    /** Deletes what random-but-valid creates left behind (names start with fz) and restores the default. */
    private static void cleanUp() {
        RawApi.post("AppRunner.UpdateDefaultAutoScalingConfiguration", "{\"AutoScalingConfigurationArn\":\"arn:aws:apprunner:"
                + Platform.REGION + ":000000000000:autoscalingconfiguration/DefaultConfiguration\"}");
        for (JsonNode c : RawApi.call("ListAutoScalingConfigurations", "{\"LatestOnly\":false}")
                .path("AutoScalingConfigurationSummaryList")) {
            if (c.path("AutoScalingConfigurationName").asText().startsWith("fz")) {
                RawApi.post("AppRunner.DeleteAutoScalingConfiguration", "{\"AutoScalingConfigurationArn\":\""
                        + c.path("AutoScalingConfigurationArn").asText() + "\"}");
            }
        }
        for (JsonNode c : RawApi.call("ListObservabilityConfigurations", "{\"LatestOnly\":false}")
                .path("ObservabilityConfigurationSummaryList")) {
            if (c.path("ObservabilityConfigurationName").asText().startsWith("fz")) {
                RawApi.post("AppRunner.DeleteObservabilityConfiguration", "{\"ObservabilityConfigurationArn\":\""
                        + c.path("ObservabilityConfigurationArn").asText() + "\"}");
            }
        }
        for (JsonNode c : RawApi.call("ListVpcConnectors", "{}").path("VpcConnectors")) {
            if (c.path("VpcConnectorName").asText().startsWith("fz")) {
                RawApi.post("AppRunner.DeleteVpcConnector", "{\"VpcConnectorArn\":\"" + c.path("VpcConnectorArn").asText()
                        + "\"}");
            }
        }
        for (JsonNode c : RawApi.call("ListConnections", "{}").path("ConnectionSummaryList")) {
            if (c.path("ConnectionName").asText().startsWith("fz")) {
                RawApi.post("AppRunner.DeleteConnection", "{\"ConnectionArn\":\"" + c.path("ConnectionArn").asText()
                        + "\"}");
            }
        }
        System.out.println("fuzz clean-up: " + RawApi.call("ListAutoScalingConfigurations", "{}")
                .path("AutoScalingConfigurationSummaryList").size() + " auto scaling configurations remain");
    }
}
