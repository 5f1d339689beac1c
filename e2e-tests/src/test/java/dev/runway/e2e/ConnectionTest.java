package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
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
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Connections: create, bad inputs, the handshake through the signed API endpoint and through
 * {@code ./runway connections complete}, list with pagination, a service that uses one, its push
 * webhook (HMAC), delete; the token shows in no log.
 */
class ConnectionTest {

    static final String HANDSHAKE = "/runway/connections/complete";

    @Test
    void shouldRefuseBadConnectionRequests() {
        String name = "bad" + UUID.randomUUID().toString().substring(0, 8);
        // CreateConnection: missing name, name against the pattern, provider outside the enum, a taken name
        fails("CreateConnection", "{\"ProviderType\":\"GITHUB\"}", "InvalidRequestException", "ConnectionName");
        fails("CreateConnection", "{\"ConnectionName\":\"-x\",\"ProviderType\":\"GITHUB\"}", "InvalidRequestException",
                "ConnectionName");
        fails("CreateConnection", "{\"ConnectionName\":\"" + name + "\",\"ProviderType\":\"GITLAB\"}",
                "InvalidRequestException", "ProviderType");
        String arn = RawApi.call("CreateConnection", "{\"ConnectionName\":\"" + name + "\",\"ProviderType\":\"BITBUCKET\"}")
                .path("Connection").path("ConnectionArn").asText();
        fails("CreateConnection", "{\"ConnectionName\":\"" + name + "\",\"ProviderType\":\"GITHUB\"}",
                "InvalidRequestException", "already exists");

        // ListConnections: MaxResults under and over the range, a forged token
        fails("ListConnections", "{\"MaxResults\":0}", "InvalidRequestException", "MaxResults");
        fails("ListConnections", "{\"MaxResults\":101}", "InvalidRequestException", "MaxResults");
        fails("ListConnections", "{\"NextToken\":\"cnVud2F5OjI6MTowOmZvcmdlZA\"}", "InvalidRequestException",
                "NextToken");

        // DeleteConnection: missing ARN, an ARN that names nothing, not an ARN
        fails("DeleteConnection", "{}", "InvalidRequestException", "ConnectionArn");
        fails("DeleteConnection", "{\"ConnectionArn\":\"" + arn.replaceAll("[0-9a-f]{32}$", "0".repeat(32)) + "\"}",
                "ResourceNotFoundException", "list-connections");
        fails("DeleteConnection", "{\"ConnectionArn\":\"not-an-arn\"}", "InvalidRequestException", "ConnectionArn");

        // the handshake: unsigned, without a token, for an unknown connection, a body that is not JSON
        Response unsigned = io.restassured.RestAssured.given().baseUri(Platform.GATEWAY).contentType("application/json")
                .body("{\"Connection\":\"" + name + "\",\"Token\":\"t\"}").post(HANDSHAKE);
        assertEquals(403, unsigned.statusCode(), unsigned.asString());
        assertEquals("MissingAuthenticationTokenException", unsigned.jsonPath().getString("__type"), unsigned.asString());
        Response noToken = handshake("{\"Connection\":\"" + name + "\"}");
        assertEquals(400, noToken.statusCode(), noToken.asString());
        assertTrue(noToken.asString().contains("access token"), noToken.asString());
        Response unknown = handshake("{\"Connection\":\"nosuch" + name + "\",\"Token\":\"t\"}");
        assertEquals(400, unknown.statusCode(), unknown.asString()); // App Runner's status for every client error
        assertEquals("ResourceNotFoundException", unknown.jsonPath().getString("__type"));
        assertEquals(400, handshake("{not json").statusCode());
        assertEquals("PENDING_HANDSHAKE", listed(name).path("Status").asText(), "a refused handshake changes nothing");

        // deleting twice: the second names nothing
        assertEquals("DELETED", RawApi.call("DeleteConnection", "{\"ConnectionArn\":\"" + arn + "\"}")
                .path("Connection").path("Status").asText());
        fails("DeleteConnection", "{\"ConnectionArn\":\"" + arn + "\"}", "ResourceNotFoundException", "list-connections");
        Response late = handshake("{\"Connection\":\"" + arn + "\",\"Token\":\"t\"}");
        assertEquals("ResourceNotFoundException", late.jsonPath().getString("__type"), late.asString());
    }

    @Test
    void shouldDeployOnASignedPushToTheConnectionsWebhook() throws Exception {
        String name = Platform.uniqueName("gh");
        String other = Platform.uniqueName("bb");
        String token = "ghp_" + UUID.randomUUID().toString().replace("-", "");

        // given a new connection: it waits for its handshake, and services cannot use it yet
        JsonNode created = AwsCli.ok("create-connection", "--connection-name", name, "--provider-type", "GITHUB",
                "--tags", "Key=team,Value=e2e").path("Connection");
        String arn = created.path("ConnectionArn").asText();
        assertEquals("PENDING_HANDSHAKE", created.path("Status").asText());
        assertTrue(arn.matches("arn:aws:apprunner:[a-z0-9-]+:\\d{12}:connection/" + name + "/[0-9a-f]{32}"), arn);
        assertTrue(AwsCli.ok("list-tags-for-resource", "--resource-arn", arn).toString().contains("e2e"),
                "tags given at create are the connection's");
        String otherArn = AwsCli.ok("create-connection", "--connection-name", other, "--provider-type", "BITBUCKET")
                .path("Connection").path("ConnectionArn").asText();
        Path repo = SourceRepos.fromExample("python");
        String source = "{\"CodeRepository\":{\"RepositoryUrl\":\"" + SourceRepos.url(repo) + "\","
                + "\"SourceCodeVersion\":{\"Type\":\"BRANCH\",\"Value\":\"main\"},\"CodeConfiguration\":"
                + "{\"ConfigurationSource\":\"REPOSITORY\"}},\"AutoDeploymentsEnabled\":true,"
                + "\"AuthenticationConfiguration\":{\"ConnectionArn\":\"" + arn + "\"}}";
        String refused = AwsCli.fails("InvalidRequestException", "create-service", "--service-name",
                Platform.uniqueName("conn"), "--source-configuration", source);
        assertTrue(refused.contains("PENDING_HANDSHAKE"), refused);

        // when the handshake completes with a token through the API endpoint (signed) ...
        Response done = handshake("{\"Connection\":\"" + arn + "\",\"Token\":\"first-" + token + "\"}");
        assertEquals(200, done.statusCode(), done.asString());
        assertEquals("AVAILABLE", done.jsonPath().getString("Status"));
        String secret = done.jsonPath().getString("WebhookSecret");
        assertEquals("/webhooks/push/" + name, done.jsonPath().getString("WebhookPath"));
        // ... and again, with a new token, through the launcher: the webhook secret stays
        Path tokenFile = Files.createTempFile("token", ".txt");
        Files.writeString(tokenFile, token);
        String out = Platform.runway("connections", "complete", name, "--token-file", tokenFile.toString());
        Files.delete(tokenFile);
        assertTrue(out.contains("is AVAILABLE"), out);
        String again = out.lines().filter(l -> l.startsWith("Push webhook secret:")).findFirst().orElseThrow()
                .replace("Push webhook secret:", "").trim();
        assertEquals(secret, again);
        assertEquals("AVAILABLE", listed(name).path("Status").asText());
        assertEquals("PENDING_HANDSHAKE", listed(other).path("Status").asText());

        // ListConnections pages with a signed NextToken that belongs to its own list
        JsonNode first = RawApi.call("ListConnections", "{\"MaxResults\":1}");
        assertEquals(1, first.path("ConnectionSummaryList").size());
        String next = first.path("NextToken").asText();
        assertFalse(next.isEmpty(), first.toString());
        assertNotEquals(first.path("ConnectionSummaryList").get(0).path("ConnectionArn").asText(),
                RawApi.call("ListConnections", "{\"MaxResults\":1,\"NextToken\":\"" + next + "\"}")
                        .path("ConnectionSummaryList").get(0).path("ConnectionArn").asText());
        fails("ListConnections", "{\"ConnectionName\":\"" + name + "\",\"NextToken\":\"" + next + "\"}",
                "InvalidRequestException", "NextToken");

        // then a service can use it, and a signed push to its branch deploys it
        JsonNode service = AwsCli.ok("create-service", "--service-name", Platform.uniqueName("conn"),
                "--source-configuration", source).path("Service");
        String serviceArn = service.path("ServiceArn").asText();
        String url = service.path("ServiceUrl").asText();
        assertEquals("RUNNING", Services.settle(serviceArn, SourceBuildTest.FIRST_BUILD).path("Status").asText());
        assertTrue(SourceRepos.deploymentLog(SourceRepos.latestOperation(serviceArn).path("Id").asText())
                .contains("Authenticating with connection " + arn), "the build uses the connection");
        SourceRepos.commit(repo, "message.txt", "delivered by a webhook\n", "webhook");
        String body = "{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\"" + SourceRepos.url(repo) + ".git\"}}";
        HttpResponse<String> forged = webhook(name, body, "sha256=00");
        assertEquals(401, forged.statusCode(), forged.body());
        assertEquals(401, webhook(name, body, sign("not-the-secret", body)).statusCode());
        String feature = "{\"ref\":\"refs/heads/feature\",\"repository\":{\"clone_url\":\"" + SourceRepos.url(repo) + "\"}}";
        HttpResponse<String> elsewhere = webhook(name, feature, sign(secret, feature));
        assertEquals(200, elsewhere.statusCode(), elsewhere.body());
        assertTrue(elsewhere.body().contains("no service deploys feature"), elsewhere.body());
        assertEquals(1, operations(serviceArn), "neither a forged push nor one to another branch deploys");
        HttpResponse<String> accepted = webhook(name, body, sign(secret, body));
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertTrue(accepted.body().contains("deploying"), accepted.body());
        Platform.eventually("the pushed commit to serve", SourceBuildTest.BUILD,
                () -> Services.viaRouter(url, "/").asString().contains("delivered by a webhook") ? true : null);

        // and the token appears in no log of the platform
        for (String t : List.of(token, "first-" + token)) {
            String logs = Platform.run(List.of("grep", "-rl", t, Platform.env("RUNWAY_HOME") + "/logs"),
                    Duration.ofSeconds(30), true);
            assertFalse(logs.contains(".log"), "the token is in " + logs);
        }

        Services.deleteAndWait(serviceArn);
        assertEquals("DELETED", AwsCli.ok("delete-connection", "--connection-arn", arn).path("Connection")
                .path("Status").asText());
        AwsCli.ok("delete-connection", "--connection-arn", otherArn);
        assertEquals(0, AwsCli.ok("list-connections", "--connection-name", name).path("ConnectionSummaryList").size());
        assertEquals(404, webhook(name, body, sign(secret, body)).statusCode(), "a deleted connection has no webhook");
    }

    private static int operations(String serviceArn) {
        return AwsCli.ok("list-operations", "--service-arn", serviceArn).path("OperationSummaryList").size();
    }

    private static JsonNode listed(String name) {
        JsonNode list = RawApi.call("ListConnections", "{\"ConnectionName\":\"" + name + "\"}").path("ConnectionSummaryList");
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }

    private static void fails(String operation, String body, String type, String mention) {
        Response r = RawApi.post("AppRunner." + operation, body);
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, operation + " " + body + ": " + r.asString());
        assertEquals(type, r.jsonPath().getString("__type"), operation + " " + body + ": " + r.asString());
        String message = r.jsonPath().getString("Message");
        message = message == null ? r.jsonPath().getString("message") : message;
        // the model validator names members as AWS does (connectionName), Runway's rules as the API does
        assertTrue(message != null && message.toLowerCase().contains(mention.toLowerCase()), operation + " " + body + ": " + r.asString());
    }

    /** POST to the handshake endpoint, signed with the admin key like an API call. */
    static Response handshake(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var request = io.restassured.RestAssured.given().config(RawApi.AS_WRITTEN).baseUri(Platform.GATEWAY)
                .contentType("application/json").body(bytes);
        for (Map.Entry<String, String> h : SigV4.adminHeaders("POST", HANDSHAKE, null, bytes).entrySet()) {
            request = request.header(h.getKey(), h.getValue());
        }
        return request.post(HANDSHAKE);
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
