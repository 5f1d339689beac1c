package dev.runway.gateway.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.wire.Json;
import dev.runway.gateway.protocol.ApiError;
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
}
