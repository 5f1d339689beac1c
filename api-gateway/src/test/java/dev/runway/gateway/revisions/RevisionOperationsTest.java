package dev.runway.gateway.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.command.UpdateTraffic;
import dev.runway.events.wire.Json;
import dev.runway.gateway.protocol.ApiError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The input checks of Runway's revision reads: every refusal is InvalidRequestException naming the member. */
class RevisionOperationsTest {

    static final String ARN = "arn:aws:apprunner:us-east-1:000000000000:service/demo/0123456789abcdef0123456789abcdef";

    private static JsonNode json(String s) throws Exception {
        return Json.MAPPER.readTree(s);
    }

    @Test
    void shouldTakeAServiceArn() throws Exception {
        assertEquals(ARN, RevisionOperations.serviceArn(json("{\"ServiceArn\":\"" + ARN + "\"}")));
    }

    @Test
    void shouldRefuseAMissingOrMalformedServiceArnNamingIt() throws Exception {
        for (String body : new String[] {"{}", "{\"ServiceArn\":null}", "{\"ServiceArn\":7}",
                "{\"ServiceArn\":\"demo\"}", "{\"ServiceArn\":\"" + ARN + "x\"}"}) {
            ApiError e = assertThrows(ApiError.class, () -> RevisionOperations.serviceArn(json(body)), body);
            assertEquals("InvalidRequestException", e.type());
            assertTrue(e.getMessage().startsWith("ServiceArn"), e.getMessage());
        }
    }

    @Test
    void shouldTakeMaxResultsFromOneToAHundred() throws Exception {
        assertEquals(100, RevisionOperations.maxResults(json("{}")));
        assertEquals(1, RevisionOperations.maxResults(json("{\"MaxResults\":1}")));
        for (String body : new String[] {"{\"MaxResults\":0}", "{\"MaxResults\":101}", "{\"MaxResults\":\"5\"}"}) {
            ApiError e = assertThrows(ApiError.class, () -> RevisionOperations.maxResults(json(body)), body);
            assertTrue(e.getMessage().startsWith("MaxResults"), e.getMessage());
        }
    }

    @Test
    void shouldTakeATrafficSplitOfLatestOrRevisionNumbersWithOptionalTags() throws Exception {
        var traffic = RevisionOperations.traffic(json("{\"Traffic\":[{\"Revision\":\"LATEST\",\"Percent\":90},"
                + "{\"Revision\":1,\"Percent\":10,\"Tag\":\"old\"},{\"Revision\":\"3\",\"Tag\":\"next\"}]}")
                .get("Traffic"));
        assertEquals(List.of(new UpdateTraffic.Target("LATEST", 90, null), new UpdateTraffic.Target("1", 10, "old"),
                new UpdateTraffic.Target("3", null, "next")), traffic);
    }

    @Test
    void shouldRefuseAMalformedTrafficSplitNamingTheMember() throws Exception {
        Map<String, String> cases = Map.of(
                "{}", "Traffic is required",
                "{\"Traffic\":[]}", "Traffic is required",
                "{\"Traffic\":[7]}", "Traffic[0] must be an object",
                "{\"Traffic\":[{\"Revision\":\"newest\",\"Percent\":100}]}", "Traffic[0].Revision",
                "{\"Traffic\":[{\"Revision\":0,\"Percent\":100}]}", "Traffic[0].Revision",
                "{\"Traffic\":[{\"Revision\":1,\"Percent\":101}]}", "Traffic[0].Percent",
                "{\"Traffic\":[{\"Revision\":1,\"Percent\":\"50\"}]}", "Traffic[0].Percent",
                "{\"Traffic\":[{\"Revision\":1,\"Percent\":100,\"Tag\":5}]}", "Traffic[0].Tag");
        for (var c : cases.entrySet()) {
            ApiError e = assertThrows(ApiError.class, () -> RevisionOperations.traffic(json(c.getKey()).get("Traffic")),
                    c.getKey());
            assertEquals("InvalidRequestException", e.type());
            assertTrue(e.getMessage().startsWith(c.getValue()), c.getKey() + ": " + e.getMessage());
        }
    }
}
