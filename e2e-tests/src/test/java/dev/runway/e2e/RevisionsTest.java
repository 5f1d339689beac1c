package dev.runway.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runway's revision reads on App Runner's endpoint and signature ({@code X-Amz-Target:
 * Runway.ListRevisions}, {@code Runway.DescribeTraffic}): a service keeps its last
 * RUNWAY_REVISIONS_KEPT (3) healthy revisions, the serving one takes every request, older ones are
 * retired; bad input is refused in App Runner's error shape naming the member, and nothing changes.
 */
class RevisionsTest {

    private static final String UNKNOWN = "arn:aws:apprunner:us-east-1:000000000000:service/nosuch/"
            + "0123456789abcdef0123456789abcdef";

    @Test
    void shouldListTheRevisionsKeptAndTheTrafficOfTheServingOne() throws Exception {
        // given a service deployed four times (create, then three start-deployments)
        JsonNode service = Services.create(Platform.uniqueName("revs"), Platform.HELLO_IMAGE).path("Service");
        String arn = service.path("ServiceArn").asText();
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
        for (int i = 0; i < 3; i++) {
            AwsCli.ok("start-deployment", "--service-arn", arn);
            assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
        }

        // when its revisions are listed
        JsonNode listed = ok("ListRevisions", "{\"ServiceArn\":\"" + arn + "\"}");

        // then the newest serves with every request, the two before it are kept, the first is retired
        List<String> revisions = new ArrayList<>();
        listed.path("Revisions").forEach(r -> revisions.add(r.path("Revision").asInt() + " "
                + r.path("Status").asText() + " " + r.path("TrafficPercent").asInt()));
        assertEquals(List.of("4 SERVING 100", "3 KEPT 0", "2 KEPT 0", "1 RETIRED 0"), revisions, listed.toString());
        JsonNode newest = listed.path("Revisions").get(0);
        assertEquals(Platform.HELLO_IMAGE, newest.path("ImageIdentifier").asText());
        assertTrue(newest.path("ActivatedAt").asDouble() >= newest.path("DeployedAt").asDouble(), newest.toString());
        assertEquals(2, ok("ListRevisions", "{\"ServiceArn\":\"" + arn + "\",\"MaxResults\":2}")
                .path("Revisions").size());

        JsonNode traffic = ok("DescribeTraffic", "{\"ServiceArn\":\"" + arn + "\"}");
        assertEquals(1, traffic.path("Traffic").size(), traffic.toString());
        assertEquals(4, traffic.path("Traffic").get(0).path("Revision").asInt());
        assertEquals(100, traffic.path("Traffic").get(0).path("Percent").asInt());

        // and bad input is refused in App Runner's shape, naming the member, changing nothing
        refused("ListRevisions", "{}", 400, "InvalidRequestException", "ServiceArn");
        refused("DescribeTraffic", "{\"ServiceArn\":\"demo\"}", 400, "InvalidRequestException", "ServiceArn");
        refused("ListRevisions", "{\"ServiceArn\":\"" + arn + "\",\"MaxResults\":0}", 400, "InvalidRequestException",
                "MaxResults");
        refused("DescribeTraffic", "{\"ServiceArn\":\"" + UNKNOWN + "\"}", 400, "ResourceNotFoundException",
                UNKNOWN);
        refused("ListRevisions", "{\"ServiceArn\":", 400, "SerializationException", "");
        refused("ListRevisons", "{\"ServiceArn\":\"" + arn + "\"}", 400, "UnknownOperationException",
                "Runway.ListRevisions");
        Response unsigned = given().config(RawApi.AS_WRITTEN).baseUri(Platform.GATEWAY).contentType(RawApi.CONTENT_TYPE)
                .header("X-Amz-Target", "Runway.ListRevisions").body("{\"ServiceArn\":\"" + arn + "\"}")
                .when().post("/");
        assertEquals(403, unsigned.statusCode(), unsigned.asString());
        assertEquals(traffic, ok("DescribeTraffic", "{\"ServiceArn\":\"" + arn + "\"}"));
        assertEquals(200, Services.viaRouter(service.path("ServiceUrl").asText(), "/").statusCode());

        Services.deleteAndWait(arn);
        JsonNode deleted = ok("ListRevisions", "{\"ServiceArn\":\"" + arn + "\"}");
        deleted.path("Revisions").forEach(r -> assertEquals("RETIRED", r.path("Status").asText(), deleted.toString()));
        assertEquals(0, ok("DescribeTraffic", "{\"ServiceArn\":\"" + arn + "\"}").path("Traffic").size());
    }

    private static JsonNode ok(String operation, String body) throws Exception {
        Response r = RawApi.post("Runway." + operation, body);
        assertEquals(200, r.statusCode(), operation + ": " + r.asString());
        return AwsCli.JSON.readTree(r.asString());
    }

    private static void refused(String operation, String body, int status, String type, String named)
            throws Exception {
        Response r = RawApi.post("Runway." + operation, body);
        assertEquals(status, r.statusCode(), operation + " " + body + ": " + r.asString());
        JsonNode error = AwsCli.JSON.readTree(r.asString());
        assertEquals(type, error.path("__type").asText(), r.asString());
        assertEquals(type, r.header("X-Amzn-ErrorType"));
        assertTrue(error.path("Message").asText().contains(named), r.asString());
    }
}
