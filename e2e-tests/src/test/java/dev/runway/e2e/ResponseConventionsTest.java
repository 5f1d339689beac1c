package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every answer of the API shares, as on AWS: an {@code x-amzn-RequestId} (success, modeled
 * error, refusal, and the framework's own 404/405), and ARNs in AWS's format with the platform's
 * partition, region and account id.
 */
class ResponseConventionsTest {

    static String signedRequestId(String method, String path, String target, String body, int expectedStatus) {
        SignatureTest.Answer answer = SignatureTest.send(method, path,
                SigV4.adminHeaders(method, path, target, body.getBytes(StandardCharsets.UTF_8)), body);
        assertEquals(expectedStatus, answer.status(), method + " " + path + ": " + answer.body());
        assertTrue(answer.requestId() != null && answer.requestId().matches("[0-9a-f-]{36}"),
                method + " " + path + " answered without x-amzn-RequestId");
        return answer.requestId();
    }

    @Test
    void shouldCarryARequestIdOnEveryAnswer() {
        Set<String> ids = new HashSet<>(List.of(
                signedRequestId("POST", "/", "AppRunner.ListServices", "{}", 200),
                signedRequestId("POST", "/", "AppRunner.ListServices", "{\"MaxResults\":0}", 400),
                signedRequestId("POST", "/", "AppRunner.LaunchRocket", "{}", 400),
                signedRequestId("POST", "/nowhere", "AppRunner.ListServices", "{}", 404),
                signedRequestId("GET", "/", null, "", 405)));
        SignatureTest.Answer refused = SignatureTest.send("POST", "/", java.util.Map.of(), "{}");
        assertEquals(403, refused.status());
        ids.add(refused.requestId());
        SignatureTest.Answer health = SignatureTest.send("GET", "/q/health/live", java.util.Map.of(), "");
        assertEquals(200, health.status());
        ids.add(health.requestId());
        assertEquals(7, ids.size(), "one fresh id per request: " + ids);
    }

    @Test
    void shouldNameTheRequestIdInTheBodyOfAModeledError() {
        // the SDK exposes the header as requestId(); the CLI prints it on failures with --debug only
        String id = signedRequestId("POST", "/", "AppRunner.DescribeService",
                "{\"ServiceArn\":\"arn:aws:apprunner:us-east-1:000000000000:service/none/0123456789abcdef0123456789abcdef\"}",
                400);
        assertNotEquals("", id);
    }

    @Test
    void shouldBuildArnsInAwsFormatFromThePlatformsIdentity() {
        String partition = System.getenv().getOrDefault("RUNWAY_PARTITION", "aws");
        String account = System.getenv().getOrDefault("RUNWAY_ACCOUNT_ID", "000000000000");
        String prefix = "arn:" + partition + ":apprunner:" + Platform.REGION + ":" + account + ":";
        String name = Platform.uniqueName("arn");
        JsonNode service = Services.create(name, Platform.HELLO_IMAGE).path("Service");
        String arn = service.path("ServiceArn").asText();
        try {
            assertTrue(arn.matches(java.util.regex.Pattern.quote(prefix + "service/" + name + "/") + "[0-9a-f]{32}"), arn);
            assertTrue(arn.endsWith("/" + service.path("ServiceId").asText()), arn);
            String scaling = service.path("AutoScalingConfigurationSummary").path("AutoScalingConfigurationArn").asText();
            assertTrue(scaling.matches(java.util.regex.Pattern.quote(prefix + "autoscalingconfiguration/")
                    + "[A-Za-z0-9-_]{4,32}/\\d+/[0-9a-f]{32}"), scaling);
        } finally {
            Services.settle(arn, Duration.ofSeconds(90));
            Services.deleteAndWait(arn);
        }
    }
}
