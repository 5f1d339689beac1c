package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Connections: create, handshake, a service that uses one, its push webhook, delete; the token never shows. */
class ConnectionTest {

    @Test
    void shouldDeployOnASignedPushToTheConnectionsWebhook() throws Exception {
        String name = Platform.uniqueName("gh");
        String token = "ghp_" + java.util.UUID.randomUUID().toString().replace("-", "");

        // given a new connection: it waits for its handshake, and services cannot use it yet
        JsonNode created = AwsCli.ok("create-connection", "--connection-name", name, "--provider-type", "GITHUB",
                "--tags", "Key=team,Value=e2e").path("Connection");
        String arn = created.path("ConnectionArn").asText();
        assertEquals("PENDING_HANDSHAKE", created.path("Status").asText());
        assertTrue(arn.matches("arn:aws:apprunner:[a-z0-9-]+:\\d{12}:connection/" + name + "/[0-9a-f]{32}"), arn);
        Path repo = SourceRepos.fromExample("python");
        String source = "{\"CodeRepository\":{\"RepositoryUrl\":\"" + SourceRepos.url(repo) + "\","
                + "\"SourceCodeVersion\":{\"Type\":\"BRANCH\",\"Value\":\"main\"},\"CodeConfiguration\":"
                + "{\"ConfigurationSource\":\"REPOSITORY\"}},\"AutoDeploymentsEnabled\":true,"
                + "\"AuthenticationConfiguration\":{\"ConnectionArn\":\"" + arn + "\"}}";
        String refused = AwsCli.fails("InvalidRequestException", "create-service", "--service-name",
                Platform.uniqueName("conn"), "--source-configuration", source);
        assertTrue(refused.contains("PENDING_HANDSHAKE"), refused);

        // when the handshake completes with a token
        Path tokenFile = Files.createTempFile("token", ".txt");
        Files.writeString(tokenFile, token);
        String out = Platform.runway("connections", "complete", name, "--token-file", tokenFile.toString());
        Files.delete(tokenFile);
        String secret = out.lines().filter(l -> l.startsWith("Push webhook secret:")).findFirst().orElseThrow()
                .replace("Push webhook secret:", "").trim();
        JsonNode listed = AwsCli.ok("list-connections", "--connection-name", name).path("ConnectionSummaryList");
        assertEquals("AVAILABLE", listed.get(0).path("Status").asText());

        // then a service can use it, and a signed push to its branch deploys it
        JsonNode service = AwsCli.ok("create-service", "--service-name", Platform.uniqueName("conn"),
                "--source-configuration", source).path("Service");
        String serviceArn = service.path("ServiceArn").asText();
        String url = service.path("ServiceUrl").asText();
        assertEquals("RUNNING", Services.settle(serviceArn, SourceBuildTest.FIRST_BUILD).path("Status").asText());
        SourceRepos.commit(repo, "message.txt", "delivered by a webhook\n", "webhook");
        String body = "{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\"" + SourceRepos.url(repo) + ".git\"}}";
        assertEquals(401, webhook(name, body, "sha256=00").statusCode(), "an unsigned push is refused");
        String other = "{\"ref\":\"refs/heads/feature\",\"repository\":{\"clone_url\":\"" + SourceRepos.url(repo) + "\"}}";
        assertTrue(webhook(name, other, sign(secret, other)).body().contains("no service deploys feature"));
        var accepted = webhook(name, body, sign(secret, body));
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertTrue(accepted.body().contains("deploying"), accepted.body());
        Platform.eventually("the pushed commit to serve", SourceBuildTest.BUILD,
                () -> Services.viaRouter(url, "/").asString().contains("delivered by a webhook") ? true : null);

        // and the token appears in no log of the platform
        String logs = Platform.run(List.of("grep", "-rl", token, Platform.env("RUNWAY_HOME") + "/logs"),
                Duration.ofSeconds(30), true);
        assertFalse(logs.contains(".log"), "the token is in " + logs);

        Services.deleteAndWait(serviceArn);
        assertEquals("DELETED", AwsCli.ok("delete-connection", "--connection-arn", arn).path("Connection")
                .path("Status").asText());
        assertEquals(0, AwsCli.ok("list-connections", "--connection-name", name).path("ConnectionSummaryList").size());
    }

    static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    static HttpResponse<String> webhook(String connection, String body, String signature) throws IOException,
            InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Platform.GATEWAY + "/webhooks/push/"
                + connection)).header("X-GitHub-Event", "push").header("X-Hub-Signature-256", signature)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
