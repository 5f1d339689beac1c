package dev.runway.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Metrics end to end: a bounded load generator sends a known number of requests through the
 * router to an image service (some to a path its httpd answers 404); the router's Prometheus text
 * parses strictly and its counts equal the generator's own; the deploy-worker's CPU and memory
 * figures are there and within 0–100 %; the metric store answers the same Requests sum; and bad
 * queries get an actionable 4xx.
 */
class MetricsTest {

    private static final int OK_REQUESTS = 1_000;
    private static final int MISSING_REQUESTS = 60;
    private static final int CLIENTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private String arn;

    @AfterEach
    void cleanUp() {
        if (arn != null) {
            Services.deleteAndWait(arn);
        }
    }

    @Test
    void shouldCountExactlyWhatTheLoadGeneratorSentAndServeItInPrometheusAndTheQueryApi() throws Exception {
        // given a running image service
        String name = Platform.uniqueName("metrics");
        JsonNode created = Services.create(name, Platform.HELLO_IMAGE).path("Service");
        arn = created.path("ServiceArn").asText();
        String serviceId = created.path("ServiceId").asText();
        String url = created.path("ServiceUrl").asText();
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);

        // when the generator sends 1,000 requests to / and 60 to a missing page, from 4 clients
        long[] sent = generate(url);
        System.out.printf("load generator: %d answers 2xx, %d 4xx, %d 5xx, %d other%n", sent[2], sent[4], sent[5],
                sent[0]);
        assertEquals(OK_REQUESTS, sent[2], "the generator's own 2xx count");
        assertEquals(MISSING_REQUESTS, sent[4], "the generator's own 4xx count");

        // then the router's Prometheus text parses and its counts are the generator's, exactly
        Map<String, String> service = Map.of("service_name", name, "service_id", serviceId);
        String routerMetrics = "http://127.0.0.1:" + Platform.env("RUNWAY_ROUTER_ADMIN_PORT") + "/q/metrics";
        long total = OK_REQUESTS + MISSING_REQUESTS;
        PrometheusText router = Platform.eventually("the router's Prometheus count to reach " + total,
                Duration.ofSeconds(10), () -> {
                    PrometheusText text = PrometheusText.parse(get(routerMetrics));
                    Double requests = text.value("apprunner_requests_total", service);
                    return requests != null && requests >= total ? text : null;
                });
        Platform.sleep(2_000); // a further period or two: nothing more may be counted
        router = PrometheusText.parse(get(routerMetrics));
        // the exposition names a counter's family without _total (or with it, in newer clients)
        String type = router.typeOf("apprunner_requests") != null ? router.typeOf("apprunner_requests")
                : router.typeOf("apprunner_requests_total");
        assertEquals("counter", type);
        assertEquals((double) total, router.value("apprunner_requests_total", service));
        assertEquals((double) sent[2], router.value("apprunner_2xx_status_responses_total", service));
        assertEquals((double) sent[4], router.value("apprunner_4xx_status_responses_total", service));
        assertEquals((double) sent[5], router.value("apprunner_5xx_status_responses_total", service));
        assertEquals(1.0, router.value("apprunner_active_instances", service));
        assertNotNull(router.value("apprunner_concurrency", service));
        assertNotNull(router.value("apprunner_request_latency_milliseconds", with(service, "quantile", "0.99")));

        // and the deploy-worker's CPU and memory figures are there, in percent of the instance's size
        String workerMetrics = "http://127.0.0.1:" + Platform.env("RUNWAY_DEPLOY_WORKER_PORT") + "/q/metrics";
        PrometheusText worker = Platform.eventually("the deploy-worker's CPU figure", Duration.ofSeconds(20), () -> {
            PrometheusText text = PrometheusText.parse(get(workerMetrics));
            return text.value("apprunner_cpu_utilization_percent", service) == null ? null : text;
        });
        double cpu = worker.value("apprunner_cpu_utilization_percent", service);
        double memory = worker.value("apprunner_memory_utilization_percent", service);
        System.out.printf("deploy-worker: CPUUtilization %.2f %%, MemoryUtilization %.2f %%%n", cpu, memory);
        assertTrue(cpu >= 0 && cpu <= 100, "CPU " + cpu);
        assertTrue(memory > 0 && memory <= 100, "memory " + memory);

        // and the metric store answers the same Requests sum for the minute(s) of the load
        String end = Instant.now().plus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES).toString();
        JsonNode requests = Platform.eventually("the metric store's Requests sum to reach " + total,
                Duration.ofSeconds(15), () -> {
                    JsonNode answer = query("serviceName=" + name + "&serviceId=" + serviceId
                            + "&metric=Requests&period=60&start=" + start + "&end=" + end, 200);
                    return sum(answer) >= total ? answer : null;
                });
        assertEquals((double) total, sum(requests), requests.toString());
        assertEquals((double) sent[4], sum(query("serviceName=" + name + "&metric=4xxStatusResponses&period=60&start="
                + start + "&end=" + end, 200)));
        JsonNode cpuPoints = Platform.eventually("the metric store's CPUUtilization", Duration.ofSeconds(15), () -> {
            JsonNode answer = query("serviceName=" + name + "&metric=CPUUtilization&period=300&start="
                    + start.minus(5, ChronoUnit.MINUTES) + "&end=" + end, 200);
            return answer.path("datapoints").size() > 0 ? answer : null;
        });
        double maxCpu = cpuPoints.path("datapoints").get(0).path("maximum").asDouble();
        assertTrue(maxCpu >= 0 && maxCpu <= 100, cpuPoints.toString());

        // and the launcher reads the same sum through the api-gateway (SigV4), and passes refusals on
        String launcher = Platform.runway("metrics", name, "--metric", "Requests", "--minutes", "5");
        double launcherSum = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" sum (\\S+)").matcher(launcher);
        while (m.find()) {
            launcherSum += Double.parseDouble(m.group(1));
        }
        assertTrue(launcher.contains("Requests of " + name), launcher);
        assertEquals((double) total, launcherSum, launcher);
        String refused = Platform.run(List.of(Platform.ROOT.resolve("runway").toString(), "metrics", name, "--metric",
                "Bananas"), Duration.ofMinutes(1), true);
        assertTrue(refused.contains("Unknown metric 'Bananas'"), refused);

        // and bad queries say what to change
        JsonNode unknownMetric = query("serviceName=" + name + "&metric=Bananas", 400);
        assertEquals("InvalidParameterValue", unknownMetric.path("code").asText());
        assertTrue(unknownMetric.path("message").asText().contains("Requests"), unknownMetric.toString());
        JsonNode badPeriod = query("serviceName=" + name + "&metric=Requests&period=45", 400);
        assertTrue(badPeriod.path("message").asText().contains("multiple of 60"), badPeriod.toString());
        JsonNode notANumber = query("serviceName=" + name + "&metric=Requests&period=soon", 400);
        assertEquals("InvalidParameterValue", notANumber.path("code").asText());
        JsonNode badTime = query("serviceName=" + name + "&metric=Requests&start=yesterday", 400);
        assertTrue(badTime.path("message").asText().contains("ISO-8601"), badTime.toString());
        JsonNode unknownService = query("serviceName=no-such-service-" + serviceId + "&metric=Requests", 404);
        assertEquals("ResourceNotFoundException", unknownService.path("code").asText());
    }

    /** Sends the load; returns the generator's counts by status class (index 2 = 2xx, 4, 5; 0 = other). */
    private static long[] generate(String url) throws Exception {
        AtomicLongArray counts = new AtomicLongArray(6);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    for (int i = client; i < OK_REQUESTS + MISSING_REQUESTS; i += CLIENTS) {
                        Response r = Services.viaRouter(url, i < OK_REQUESTS ? "/" : "/no-such-page-" + i);
                        int klass = r.statusCode() / 100;
                        counts.incrementAndGet(klass >= 1 && klass <= 5 ? klass : 0);
                    }
                }));
            }
            for (Future<?> f : clients) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long[] out = new long[6];
        for (int i = 0; i < 6; i++) {
            out[i] = counts.get(i);
        }
        out[2] += out[1] + out[3]; // App Runner counts 1xx and 3xx with 2xx
        return out;
    }

    private static JsonNode query(String params, int expectedStatus) {
        Response r = given().baseUri(Platform.env("RUNWAY_SERVICE_REGISTRY_URL"))
                .header("Authorization", "Bearer " + Platform.internalToken("operator")).when()
                .get("/internal/metrics?" + params);
        assertEquals(expectedStatus, r.statusCode(), r.asString());
        try {
            return JSON.readTree(r.asString());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + r.asString(), e);
        }
    }

    private static double sum(JsonNode answer) {
        double sum = 0;
        for (JsonNode p : answer.path("datapoints")) {
            sum += p.path("sum").asDouble();
        }
        return sum;
    }

    private static String get(String url) {
        Response r = given().when().get(url);
        assertEquals(200, r.statusCode(), url);
        return r.asString();
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> out = new java.util.HashMap<>(labels);
        out.put(key, value);
        return out;
    }
}
