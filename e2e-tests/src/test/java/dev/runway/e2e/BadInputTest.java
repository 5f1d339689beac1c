package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad input gets App Runner's 400 error shape with a message a person can act on, never a 5xx. */
class BadInputTest {

    static final String SOURCE = AwsCli.imageSource(Platform.HELLO_IMAGE);

    @Test
    void shouldRefuseAServiceNameThatBreaksThePattern() {
        String said = AwsCli.fails("InvalidRequestException", "create-service", "--service-name", "!!!!bad",
                "--source-configuration", SOURCE);
        assertTrue(said.contains("serviceName") && said.contains("regular expression pattern"), said);
    }

    @Test
    void shouldRefuseAServiceNameThatIsTooLong() {
        String said = AwsCli.fails("InvalidRequestException", "create-service", "--service-name", "a".repeat(50),
                "--source-configuration", SOURCE);
        assertTrue(said.contains("length less than or equal to 40"), said);
    }

    @Test
    void shouldRefuseAMissingServiceName() {
        Response r = RawApi.post("AppRunner.CreateService", "{\"SourceConfiguration\":" + SOURCE + "}");
        assertError(r, "InvalidRequestException", "'serviceName' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void shouldRefuseADuplicateName() {
        String name = Platform.uniqueName("dup");
        String arn = Services.create(name, Platform.HELLO_IMAGE).path("Service").path("ServiceArn").asText();
        try {
            String said = AwsCli.fails("InvalidRequestException", "create-service", "--service-name", name,
                    "--source-configuration", SOURCE);
            assertTrue(said.contains("'" + name + "' already exists"), said);
        } finally {
            Services.settle(arn, Duration.ofSeconds(90));
            Services.deleteAndWait(arn);
        }
    }

    @Test
    void shouldRefuseAnUnknownOperation() {
        assertError(RawApi.post("AppRunner.LaunchRocket", "{}"), "UnknownOperationException", "AppRunner.LaunchRocket");
        assertError(RawApi.post(null, "{}"), "UnknownOperationException", "Missing X-Amz-Target");
    }

    @Test
    void shouldAnswerEachServiceInItsOwnErrorShape() {
        String[] otherServices = {"AWSEvents.LaunchRocket", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LaunchRocket"};
        for (String target : otherServices) {
            Response r = RawApi.post(target, "{}");
            assertEquals(400, r.statusCode(), r.asString());
            assertTrue(r.contentType().startsWith("application/x-amz-json-1.1"), r.contentType());
            assertEquals("UnknownOperationException", r.jsonPath().getString("__type"), r.asString());
            assertTrue(r.jsonPath().getString("message").contains(target), r.asString());
        }
        Response broken = RawApi.post("AWSEvents.ListRules", "{\"Limit\": ");
        assertEquals("SerializationException", broken.jsonPath().getString("__type"), broken.asString());
        assertTrue(RawApi.post("AppRunner.LaunchRocket", "{}").contentType().startsWith(RawApi.CONTENT_TYPE));
    }

    @Test
    void shouldRefuseMalformedJson() {
        assertError(RawApi.post("AppRunner.ListServices", "{\"MaxResults\": "), "SerializationException", "not valid JSON");
        assertError(RawApi.post("AppRunner.ListServices", "[1,2]"), "SerializationException", "JSON object");
    }

    @Test
    void shouldAnswerResourceNotFoundForAnUnknownService() {
        String arn = "arn:aws:apprunner:us-east-1:000000000000:service/nobody/0123456789abcdef0123456789abcdef";
        assertTrue(AwsCli.fails("ResourceNotFoundException", "describe-service", "--service-arn", arn).contains(arn));
        AwsCli.fails("ResourceNotFoundException", "delete-service", "--service-arn", arn);
        AwsCli.fails("ResourceNotFoundException", "list-operations", "--service-arn", arn);
    }

    @Test
    void shouldRefuseOutOfRangeValuesAndForgedTokens() {
        assertTrue(AwsCli.fails("InvalidRequestException", "list-services", "--max-results", "500")
                .contains("less than or equal to 20"));
        assertTrue(AwsCli.fails("InvalidRequestException", "list-services", "--next-token", "forged")
                .contains("NextToken"));
        assertTrue(AwsCli.fails("InvalidRequestException", "describe-service", "--service-arn", "not-an-arn")
                .contains("serviceArn"));
    }

    @Test
    void shouldRefuseAnInvalidCpuMemoryPair() {
        String said = AwsCli.fails("InvalidRequestException", "create-service", "--service-name",
                Platform.uniqueName("size"), "--source-configuration", SOURCE,
                "--instance-configuration", "{\"Cpu\":\"256\",\"Memory\":\"4096\"}");
        assertTrue(said.contains("not a valid combination"), said);
    }

    static void assertError(Response r, String type, String messagePart) {
        assertEquals(400, r.statusCode(), r.asString());
        JsonNode body;
        try {
            body = AwsCli.JSON.readTree(r.asString());
        } catch (java.io.IOException e) {
            throw new AssertionError("error body is not JSON: " + r.asString());
        }
        assertEquals(type, body.path("__type").asText());
        assertTrue(body.path("Message").asText().contains(messagePart), body.toString());
        assertTrue(r.header("x-amzn-RequestId") != null, "every response carries a request id");
    }
}
