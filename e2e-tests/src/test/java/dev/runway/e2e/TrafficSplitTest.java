package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Runway.UpdateTraffic on App Runner's endpoint and signature: a service's requests divide between
 * two of its revisions by percentage, a tag reaches its revision alone at {@code <tag>--<host>},
 * DescribeTraffic shows the split, the change is an operation; bad splits are refused in App
 * Runner's error shape naming the member, and nothing changes. The revisions are the hello
 * example's image with GREETING=v1 and v2, which {@code /cgi-bin/env} reports.
 */
class TrafficSplitTest {

    private static final int REQUESTS = 2_000;

    @Test
    void shouldSplitTrafficByPercentageAndReachATaggedRevisionAlone() throws Exception {
        // given a service whose revision 2 (v2) serves and revision 1 (v1) is kept
        JsonNode service = AwsCli.ok("create-service", "--service-name", Platform.uniqueName("split"),
                "--source-configuration", LifecycleTest.source(Platform.HELLO_IMAGE, "v1")).path("Service");
        String arn = service.path("ServiceArn").asText();
        String url = service.path("ServiceUrl").asText();
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
        AwsCli.ok("update-service", "--service-arn", arn, "--source-configuration",
                LifecycleTest.source(Platform.HELLO_IMAGE, "v2"));
        JsonNode before = Services.settle(arn, Duration.ofSeconds(90));
        assertEquals("RUNNING", before.path("Status").asText());
        Platform.eventually("revision 2 to serve", Duration.ofSeconds(20), () -> answers(url).equals("2") ? true : null);

        // when 90 % go to the latest revision and 10 % to revision 1, tagged "old"
        JsonNode changed = ok("UpdateTraffic", "{\"ServiceArn\":\"" + arn + "\",\"Traffic\":["
                + "{\"Revision\":\"LATEST\",\"Percent\":90},{\"Revision\":1,\"Percent\":10,\"Tag\":\"old\"}]}");
        String operationId = changed.path("OperationId").asText();
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());

        // then the change is an operation that succeeded, DescribeTraffic shows the split
        JsonNode operation = LifecycleTest.lastOperation(arn);
        assertEquals(operationId, operation.path("Id").asText(), operation.toString());
        assertEquals("SUCCEEDED", operation.path("Status").asText(), operation.toString());
        JsonNode traffic = ok("DescribeTraffic", "{\"ServiceArn\":\"" + arn + "\"}");
        assertEquals(List.of("2 90 -", "1 10 old"), shares(traffic), traffic.toString());
        JsonNode revisions = ok("ListRevisions", "{\"ServiceArn\":\"" + arn + "\"}");
        assertEquals("SERVING", revisions.path("Revisions").get(1).path("Status").asText(), revisions.toString());

        // and the tagged host reaches revision 1 only (once the router has the split)
        String tagged = "old--" + url;
        Platform.eventually("the tagged host", Duration.ofSeconds(20), () -> answers(tagged).equals("1") ? true : null);
        for (int i = 0; i < 50; i++) {
            assertEquals("1", answers(tagged));
        }

        // and over 2,000 requests each revision takes its share within 3 points
        Map<String, Integer> counts = spread(url, REQUESTS);
        int v1 = counts.getOrDefault("1", 0);
        int v2 = counts.getOrDefault("2", 0);
        assertEquals(REQUESTS, v1 + v2, counts.toString());
        assertTrue(Math.abs(v2 * 100.0 / REQUESTS - 90) <= 3, counts.toString());
        assertTrue(Math.abs(v1 * 100.0 / REQUESTS - 10) <= 3, counts.toString());
        // DescribeService keeps App Runner's shape: the split is not part of it
        JsonNode described = Services.describe(arn);
        assertEquals(before.fieldNames().hasNext(), described.fieldNames().hasNext());
        List<String> members = new ArrayList<>();
        described.fieldNames().forEachRemaining(members::add);
        List<String> membersBefore = new ArrayList<>();
        before.fieldNames().forEachRemaining(membersBefore::add);
        assertEquals(membersBefore, members);

        // and when revision 1's instance is killed, the reconciler has it started again: the tagged
        // host answers from revision 1 once more, and every untagged request is answered meanwhile
        String killed = Platform.run(List.of("docker", "ps", "-q", "--filter", "label=dev.runway.service-arn=" + arn,
                "--filter", "label=dev.runway.revision=1"), Duration.ofSeconds(30)).trim();
        assertTrue(!killed.isEmpty() && !killed.contains("\n"), "one container of revision 1: " + killed);
        Platform.run(List.of("docker", "kill", killed), Duration.ofSeconds(30));
        Platform.eventually("revision 1 to run again", Duration.ofSeconds(30), () -> answers(tagged).equals("1")
                && !Platform.run(List.of("docker", "ps", "-q", "--filter", "label=dev.runway.service-arn=" + arn,
                        "--filter", "label=dev.runway.revision=1"), Duration.ofSeconds(30)).contains(killed) ? true : null);
        Map<String, Integer> healed = spread(url, 200);
        assertEquals(200, healed.getOrDefault("1", 0) + healed.getOrDefault("2", 0), healed.toString());
        assertEquals(List.of("2 90 -", "1 10 old"), shares(ok("DescribeTraffic", "{\"ServiceArn\":\"" + arn + "\"}")));
        traffic = ok("DescribeTraffic", "{\"ServiceArn\":\"" + arn + "\"}");

        // and bad splits are refused in App Runner's shape, naming the member, changing nothing
        int operations = RawApi.call("ListOperations", "{\"ServiceArn\":\"" + arn + "\"}")
                .path("OperationSummaryList").size();
        refused(arn, "[{\"Revision\":\"LATEST\",\"Percent\":80},{\"Revision\":1,\"Percent\":10}]", "sum to 90");
        refused(arn, "[{\"Revision\":\"LATEST\",\"Percent\":90},{\"Revision\":9,\"Percent\":10}]",
                "Traffic[1].Revision 9");
        refused(arn, "[{\"Revision\":\"LATEST\",\"Percent\":90},{\"Revision\":1,\"Percent\":10,\"Tag\":\"Not_A_Label\"}]",
                "Traffic[1].Tag");
        refused(arn, "[{\"Revision\":\"LATEST\",\"Percent\":90,\"Tag\":\"old\"},{\"Revision\":1,\"Percent\":10,"
                + "\"Tag\":\"old\"}]", "Traffic[1].Tag 'old' is taken");
        refused(arn, "[{\"Revision\":\"newest\",\"Percent\":100}]", "Traffic[0].Revision");
        refused(arn, "[]", "Traffic");
        assertEquals(traffic, ok("DescribeTraffic", "{\"ServiceArn\":\"" + arn + "\"}"));
        assertEquals(operations, RawApi.call("ListOperations", "{\"ServiceArn\":\"" + arn + "\"}")
                .path("OperationSummaryList").size());
        assertEquals("RUNNING", Services.describe(arn).path("Status").asText());

        // and the platform still acts: all back to the latest revision, the tag goes away
        ok("UpdateTraffic", "{\"ServiceArn\":\"" + arn + "\",\"Traffic\":[{\"Revision\":\"LATEST\",\"Percent\":100}]}");
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(60)).path("Status").asText());
        Platform.eventually("the tag to go", Duration.ofSeconds(20),
                () -> Services.viaRouter(tagged, "/").statusCode() == 404 ? true : null);
        Map<String, Integer> after = spread(url, 100);
        assertEquals(Map.of("2", 100), after);

        Services.deleteAndWait(arn);
    }

    /** Which revision answered one GET of /cgi-bin/env at {@code url}'s host: its GREETING without the v. */
    private static String answers(String url) {
        Response r = Services.viaRouter(url, "/cgi-bin/env");
        var match = RevisionLoad.ANSWER.matcher(r.asString());
        return r.statusCode() == 200 && match.matches() ? match.group(1) : r.statusCode() + " " + r.asString();
    }

    /** {@code n} requests over 8 connections; how many each revision answered (anything else by its status). */
    private static Map<String, Integer> spread(String url, int n) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Platform.ROUTER_PORT
                + "/cgi-bin/env")).header("Host", Platform.hostOf(url)).timeout(Duration.ofSeconds(10)).GET().build();
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        List<Future<?>> done = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int c = 0; c < 8; c++) {
                int share = n / 8 + (c < n % 8 ? 1 : 0);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        String key;
                        try {
                            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                            var match = RevisionLoad.ANSWER.matcher(r.body());
                            key = r.statusCode() == 200 && match.matches() ? match.group(1) : "HTTP " + r.statusCode();
                        } catch (Exception e) {
                            key = e.getClass().getSimpleName();
                        }
                        counts.merge(key, 1, Integer::sum);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return Map.copyOf(counts);
    }

    private static List<String> shares(JsonNode traffic) {
        List<String> out = new ArrayList<>();
        traffic.path("Traffic").forEach(t -> out.add(t.path("Revision").asInt() + " " + t.path("Percent").asInt() + " "
                + t.path("Tag").asText("-")));
        return out;
    }

    private static JsonNode ok(String operation, String body) throws Exception {
        Response r = RawApi.post("Runway." + operation, body);
        assertEquals(200, r.statusCode(), operation + ": " + r.asString());
        return AwsCli.JSON.readTree(r.asString());
    }

    private static void refused(String arn, String traffic, String named) throws Exception {
        String body = "{\"ServiceArn\":\"" + arn + "\",\"Traffic\":" + traffic + "}";
        Response r = RawApi.post("Runway.UpdateTraffic", body);
        assertEquals(400, r.statusCode(), body + ": " + r.asString());
        JsonNode error = AwsCli.JSON.readTree(r.asString());
        assertEquals("InvalidRequestException", error.path("__type").asText(), r.asString());
        assertTrue(error.path("Message").asText().contains(named), named + " in " + r.asString());
    }
}
