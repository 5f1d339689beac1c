package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apprunner.AppRunnerClient;
import software.amazon.awssdk.services.apprunner.model.AppRunnerException;

/**
 * SigV4 on the real platform: what the aws CLI and the AWS SDK sign is accepted; a wrong secret, a
 * changed body, a changed signed header, an old signature, an unknown or deleted key and no
 * signature at all are refused with the error AWS answers (HTTP 403).
 */
class SignatureTest {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final String LIST = "{\"MaxResults\":5}";

    record Answer(int status, JsonNode body, String requestId) {
    }

    /** Sends {@code body} with the given (already signed, maybe tampered) headers. */
    static Answer send(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Platform.GATEWAY + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/x-amz-json-1.0");
        headers.forEach(request::header);
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = r.body().isBlank() ? AwsCli.JSON.createObjectNode() : AwsCli.JSON.readTree(r.body());
            } catch (IOException notJson) {
                json = AwsCli.JSON.createObjectNode().put("notJson", r.body());   // e.g. the framework's 404 page
            }
            // a header sent twice shows up as "a,b" and fails the callers' checks
            List<String> ids = r.headers().allValues("x-amzn-RequestId");
            return new Answer(r.statusCode(), json, ids.isEmpty() ? null : String.join(",", ids));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> signed(String target, String body, Instant at) {
        return SigV4.headers("POST", "/", target, body.getBytes(StandardCharsets.UTF_8), Platform.ACCESS_KEY_ID,
                Platform.SECRET_ACCESS_KEY, at, "apprunner");
    }

    static void assertRefused(Answer answer, String type) {
        assertEquals(403, answer.status(), answer.body().toString());
        assertEquals(type, answer.body().path("__type").asText(), answer.body().toString());
        assertFalse(answer.body().path("message").asText().isBlank());
        assertTrue(answer.requestId() != null && answer.requestId().matches("[0-9a-f-]{36}"),
                "one x-amzn-RequestId on a refusal: " + answer.requestId());
    }

    static AppRunnerClient sdk(String accessKeyId, String secret) {
        return AppRunnerClient.builder().endpointOverride(URI.create(Platform.GATEWAY)).region(Region.of(Platform.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))).build();
    }

    @Test
    void shouldAcceptWhatTheCliAndTheSdkSignWithAValidKey() {
        // given the platform's admin key, when the CLI and the SDK call, then both get answers
        AwsCli.ok("list-services", "--max-results", "5");
        try (AppRunnerClient client = sdk(Platform.ACCESS_KEY_ID, Platform.SECRET_ACCESS_KEY)) {
            client.listServices(b -> b.maxResults(5));
        }
        // and a hand-signed request too
        assertEquals(200, send("POST", "/", signed("AppRunner.ListServices", LIST, Instant.now()), LIST).status());
    }

    @Test
    void shouldRefuseAWrongSecretFromTheCliAndTheSdk() {
        AwsCli.Result cli = AwsCli.apprunnerAs(Platform.ACCESS_KEY_ID, Platform.SECRET_ACCESS_KEY + "x", "list-services");
        assertEquals(255, cli.exitCode());
        assertTrue(cli.stderr().contains("(InvalidSignatureException)"), cli.stderr());
        assertTrue(cli.stderr().contains("does not match the signature you provided"), cli.stderr());
        try (AppRunnerClient client = sdk(Platform.ACCESS_KEY_ID, "not-the-secret")) {
            AppRunnerException e = assertThrows(AppRunnerException.class, () -> client.listServices(b -> b.maxResults(5)));
            assertEquals(403, e.statusCode());
            assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void shouldRefuseAnUnknownKey() {
        AwsCli.Result cli = AwsCli.apprunnerAs("AKIAUNKNOWNRUNWAYKEY", "whatever", "list-services");
        assertTrue(cli.stderr().contains("(UnrecognizedClientException)"), cli.stderr());
        try (AppRunnerClient client = sdk("AKIAUNKNOWNRUNWAYKEY", "whatever")) {
            AppRunnerException e = assertThrows(AppRunnerException.class, () -> client.listServices(b -> b.maxResults(5)));
            assertEquals(403, e.statusCode());
            assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void shouldRefuseAChangedBody() {
        Map<String, String> headers = signed("AppRunner.ListServices", LIST, Instant.now());
        assertRefused(send("POST", "/", headers, "{\"MaxResults\":6}"), "InvalidSignatureException");
    }

    @Test
    void shouldRefuseAChangedSignedHeader() {
        // signed as a ListServices, sent as a DeleteService: the operation is part of the signature
        Map<String, String> headers = new java.util.LinkedHashMap<>(signed("AppRunner.ListServices", "{}", Instant.now()));
        headers.put("X-Amz-Target", "AppRunner.DeleteService");
        assertRefused(send("POST", "/", headers, "{}"), "InvalidSignatureException");
    }

    @Test
    void shouldRefuseASignatureOlderThanFifteenMinutes() {
        Answer answer = send("POST", "/", signed("AppRunner.ListServices", LIST, Instant.now().minusSeconds(20 * 60)), LIST);
        assertRefused(answer, "InvalidSignatureException");
        assertTrue(answer.body().path("message").asText().startsWith("Signature expired: "), answer.body().toString());
        assertTrue(answer.body().path("message").asText().contains(" - 15 min.)"), answer.body().toString());
    }

    @Test
    void shouldAskForASignatureWhenThereIsNone() {
        assertRefused(send("POST", "/", Map.of("X-Amz-Target", "AppRunner.ListServices"), LIST),
                "MissingAuthenticationTokenException");
        // health checks are not API calls
        assertEquals(200, send("GET", "/q/health/ready", Map.of(), "").status());
    }

    @Test
    void shouldRefuseImagePushNotificationsWithoutTheRegistryToken() {
        Answer answer = send("POST", "/registry/events", Map.of(), "{\"events\":[]}");
        assertEquals(403, answer.status());
        assertEquals("AccessDeniedException", answer.body().path("__type").asText());
    }

    @Test
    void shouldHonourAKeyFromRunwayCredentialsUntilItIsDeleted() {
        // given a key created with the launcher
        String out = Platform.runway("credentials", "create", "--user", "e2e-signature");
        String id = export(out, "AWS_ACCESS_KEY_ID");
        String secret = export(out, "AWS_SECRET_ACCESS_KEY");
        assertTrue(Platform.runway("credentials", "list").contains(id));

        // when it signs, then it works
        AwsCli.Result ok = AwsCli.apprunnerAs(id, secret, "list-services", "--max-results", "5");
        assertEquals(0, ok.exitCode(), ok.stderr());

        // when it is deleted, then within seconds it is refused as unknown
        assertTrue(Platform.runway("credentials", "delete", id).contains("Deleted access key " + id));
        String refusal = Platform.eventually("the deleted key to be refused", Duration.ofSeconds(20), () -> {
            AwsCli.Result r = AwsCli.apprunnerAs(id, secret, "list-services");
            return r.stderr().contains("(UnrecognizedClientException)") ? r.stderr() : null;
        });
        assertTrue(refusal.contains("security token included in the request is invalid"), refusal);
        assertFalse(Platform.runway("credentials", "list").contains(id));
    }

    private static String export(String output, String name) {
        Matcher m = Pattern.compile("export " + name + "=(\\S+)").matcher(output);
        assertTrue(m.find(), "no " + name + " in: " + output);
        return m.group(1);
    }
}
