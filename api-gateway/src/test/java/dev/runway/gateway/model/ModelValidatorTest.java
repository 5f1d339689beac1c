package dev.runway.gateway.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.wire.Json;
import dev.runway.gateway.protocol.ApiError;
import org.junit.jupiter.api.Test;

class ModelValidatorTest {

    final ModelValidator validator = new ModelValidator(new ApiModel());

    static JsonNode json(String s) throws Exception {
        return Json.MAPPER.readTree(s);
    }

    static String create(String name, String image) {
        return """
                {"ServiceName":"%s","SourceConfiguration":{"ImageRepository":{"ImageIdentifier":"%s",
                 "ImageRepositoryType":"ECR"}}}""".formatted(name, image);
    }

    ApiError rejects(String operation, String body) {
        ApiError e = assertThrows(ApiError.class, () -> validator.validate(operation, json(body)));
        assertEquals("InvalidRequestException", e.type());
        assertEquals(400, e.status());
        return e;
    }

    @Test
    void shouldAcceptAValidCreateWithAPlatformRegistryImage() {
        assertDoesNotThrow(() -> validator.validate("CreateService", json(create("hello", "127.0.0.1:5000/hello:latest"))));
        assertDoesNotThrow(() -> validator.validate("CreateService",
                json(create("hello_2", "000000000000.dkr.ecr.us-east-1.amazonaws.com/hello:1"))));
    }

    @Test
    void shouldNameTheMissingRequiredMember() {
        ApiError e = rejects("CreateService", "{\"ServiceName\":\"hello\"}");
        assertTrue(e.getMessage().contains("'sourceConfiguration' failed to satisfy constraint: Member must not be null"),
                e.getMessage());
    }

    @Test
    void shouldNameThePatternAndLengthRules() {
        assertTrue(rejects("CreateService", create("!!bad", "a/b")).getMessage()
                .contains("Member must satisfy regular expression pattern: [A-Za-z0-9][A-Za-z0-9-_]{3,39}"));
        assertTrue(rejects("CreateService", create("x".repeat(41), "a/b")).getMessage()
                .contains("length less than or equal to 40"));
        assertTrue(rejects("CreateService", create("abc", "a/b")).getMessage()
                .contains("length greater than or equal to 4"));
    }

    @Test
    void shouldCheckEnumsRangesAndTypesInNestedShapes() {
        assertTrue(rejects("CreateService", """
                {"ServiceName":"hello","SourceConfiguration":{"ImageRepository":{"ImageIdentifier":"a/b",
                 "ImageRepositoryType":"DOCKERHUB"}}}""").getMessage().contains("enum value set: [ECR, ECR_PUBLIC]"));
        assertTrue(rejects("ListServices", "{\"MaxResults\":500}").getMessage()
                .contains("Value 500 at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 20"));
        assertTrue(rejects("ListServices", "{\"MaxResults\":\"ten\"}").getMessage().contains("whole number"));
        assertTrue(rejects("CreateService", """
                {"ServiceName":"hello","SourceConfiguration":{},"HealthCheckConfiguration":{"Interval":0}}""")
                .getMessage().contains("'healthCheckConfiguration.interval'"));
    }

    @Test
    void shouldNotEchoSensitiveValues() {
        String message = rejects("CreateService", """
                {"ServiceName":"hello","SourceConfiguration":{"ImageRepository":{"ImageIdentifier":"a/b",
                 "ImageRepositoryType":"ECR","ImageConfiguration":{"StartCommand":"secret\\nline"}}}}""").getMessage();
        assertTrue(message.contains("startCommand"), message);
        assertTrue(!message.contains("secret"), message);
    }

    @Test
    void shouldIgnoreUnknownMembers() {
        assertDoesNotThrow(() -> validator.validate("ListServices", json("{\"Whatever\":1}")));
    }
}
