package dev.runway.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.wire.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditRecordsTest {

    @Test
    void shouldLeaveOutARefusedBodyTooDeepToReadBackOrTooLargeForTheTopic() {
        String deep = "{\"a\":".repeat(900) + "1" + "}".repeat(900);
        assertNull(AuditRecords.objectOrNull(deep), "nested 900 deep");
        assertNull(AuditRecords.objectOrNull("{\"a\":\"" + "x".repeat(200 * 1024) + "\"}"), "200 KB");
        assertEquals("{\"a\":{\"b\":1}}", AuditRecords.objectOrNull("{\"a\":{\"b\":1}}").toString());
        assertEquals("{}", AuditRecords.objectOrNull("").toString());
        assertNull(AuditRecords.objectOrNull("[1]"));
    }

    @Test
    void shouldKeepTheRecordOfACallWhoseParametersAreTooLargeForTheTopicWithoutThem() throws Exception {
        var small = call(AuditRecords.objectOrNull("{\"ServiceArn\":\"arn:aws:apprunner:us-east-1:000000000000:service/a/b\"}"));
        assertEquals("arn:aws:apprunner:us-east-1:000000000000:service/a/b",
                dev.runway.events.wire.Json.MAPPER.readTree(AuditRecords.json(small)).path("requestParameters")
                        .path("serviceArn").asText());
        var large = call(dev.runway.events.wire.Json.MAPPER.createObjectNode().put("Tags", "x".repeat(200 * 1024)));
        var record = dev.runway.events.wire.Json.MAPPER.readTree(AuditRecords.json(large));
        assertTrue(record.path("requestParameters").isNull(), record.toString().substring(0, 200));
        assertEquals("TagResource", record.path("eventName").asText());
    }

    @Test
    void shouldNeverRecordAParameterOrSecretValue() throws Exception {
        // given calls that carry values, one with a tag and one in another case
        var put = AuditRecords.objectOrNull("""
                {"Name":"/shop/db-password","Type":"SecureString","Value":"s3cret-1",
                 "Tags":[{"Key":"team","Value":"s3cret-2"}]}""");
        var create = AuditRecords.objectOrNull("""
                {"Name":"shop/api","SecretString":"s3cret-3","SecretBinary":"czNjcmV0LTQ=","VALUE":"s3cret-5"}""");

        // when they are recorded, refused or not
        String ssm = AuditRecords.json(valueCall("ssm.amazonaws.com", "PutParameter", put, 200, null, null));
        String secrets = AuditRecords.json(valueCall("secretsmanager.amazonaws.com", "CreateSecret", create, 400,
                "ValidationException", "1 validation error detected"));

        // then no value is in them, the names are
        for (String record : List.of(ssm, secrets)) {
            assertFalse(record.matches("(?s).*(s3cret|czNjcmV0).*"), record);
            assertTrue(record.contains(AuditRecords.HIDDEN), record);
        }
        var parameters = Json.MAPPER.readTree(ssm).path("requestParameters");
        assertEquals("/shop/db-password", parameters.path("name").asText());
        assertEquals(AuditRecords.HIDDEN, parameters.path("value").asText());
        assertEquals("team", parameters.path("tags").path(0).path("key").asText());
    }

    @Test
    void shouldHideTheMessageOfAnUnreadableBodyForTheValueApisOnly() throws Exception {
        // a JSON parser's message can quote the body: "Unrecognized token 's3cret'"
        String message = "The request body is not valid JSON: Unrecognized token 's3cret'.";
        var ssm = Json.MAPPER.readTree(AuditRecords.json(valueCall("ssm.amazonaws.com", "PutParameter", null, 400,
                "SerializationException", message)));
        assertEquals(AuditRecords.HIDDEN, ssm.path("errorMessage").asText());
        assertEquals("SerializationException", ssm.path("errorCode").asText());
        var appRunner = Json.MAPPER.readTree(AuditRecords.json(valueCall("apprunner.amazonaws.com", "TagResource", null,
                400, "SerializationException", message)));
        assertEquals(message, appRunner.path("errorMessage").asText());
    }

    @Test
    void shouldKeepAppRunnerTagValuesButNoTopLevelValueSentToAnotherApi() throws Exception {
        var tags = AuditRecords.objectOrNull("{\"ResourceArn\":\"arn\",\"Tags\":[{\"Key\":\"k\",\"Value\":\"v\"}]}");
        var tagged = Json.MAPPER.readTree(AuditRecords.json(call(tags)));
        assertEquals("v", tagged.path("requestParameters").path("tags").path(0).path("value").asText());
        // a PutParameter sent with a mistyped target is answered by App Runner, and still not kept
        var mistyped = AuditRecords.objectOrNull("{\"Name\":\"/a\",\"Value\":\"s3cret\"}");
        var record = Json.MAPPER.readTree(AuditRecords.json(valueCall("apprunner.amazonaws.com", " AmazonSSM.PutParameter",
                mistyped, 400, "UnknownOperationException", "Unknown operation")));
        assertEquals(AuditRecords.HIDDEN, record.path("requestParameters").path("value").asText());
    }

    private static AuditRecords.Call valueCall(String source, String operation, JsonNode input, int status, String error,
            String message) {
        return new AuditRecords.Call("r-2", java.time.Instant.parse("2026-12-07T00:00:00Z"), source, operation,
                "AKIA0000000000000000", "127.0.0.1", "aws-cli", input, status, error, message, "us-east-1",
                "000000000000");
    }

    private static AuditRecords.Call call(com.fasterxml.jackson.databind.JsonNode input) {
        return new AuditRecords.Call("r-1", java.time.Instant.parse("2026-12-07T00:00:00Z"), "apprunner.amazonaws.com",
                "TagResource", "AKIA0000000000000000", "127.0.0.1", "aws-cli", input, 400, "ValidationException",
                "too large", "us-east-1", "000000000000");
    }
}
