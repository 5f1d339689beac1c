package dev.runway.gateway.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.runway.events.wire.Json;
import dev.runway.gateway.registry.InternalApiClient;
import dev.runway.gateway.secretsmanager.SecretsManagerProtocol;
import dev.runway.gateway.ssm.SsmProtocol;
import jakarta.ws.rs.core.Response;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SSM and Secrets Manager on the gateway, against a stand-in registry on a loopback port. */
class RegistryForwardedProtocolTest {

    static final String USER = "arn:aws:iam::000000000000:user/AKIATEST";

    /** One request the stand-in registry received. */
    record Received(String path, String user, String body) {
    }

    HttpServer registry;
    final List<Received> received = new ArrayList<>();
    int answerStatus = 200;
    String answerBody = "{}";

    @BeforeEach
    void startRegistry() throws Exception {
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("X-Runway-User"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] body = answerBody.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answerStatus, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
    }

    @AfterEach
    void stopRegistry() {
        registry.stop(0);
    }

    InternalApiClient client() {
        return new InternalApiClient("http://127.0.0.1:" + registry.getAddress().getPort() + "/", () -> Optional.of(USER));
    }

    static JsonNode call(AwsJsonProtocol protocol, String target, String body, int status) throws Exception {
        Response response = protocol.handle(new AwsCall(target, body.getBytes(StandardCharsets.UTF_8), "req-1"));
        assertEquals(status, response.getStatus(), String.valueOf(response.getEntity()));
        assertEquals(AwsJson11Protocol.CONTENT_TYPE, response.getMediaType().toString());
        return Json.MAPPER.readTree((String) response.getEntity());
    }

    @Test
    void shouldServeEveryOperationOfTheTrimmedModelsAndNoOther() throws Exception {
        // given the two protocols
        var ssm = new SsmProtocol(client());
        var secrets = new SecretsManagerProtocol(client());

        // then they serve what docs/secrets.md lists, and a call to anything else names them
        assertEquals(List.of("DeleteParameter", "DeleteParameters", "DescribeParameters", "GetParameter",
                "GetParameterHistory", "GetParameters", "GetParametersByPath", "PutParameter"),
                List.copyOf(ssm.operations().keySet()));
        assertEquals(List.of("CreateSecret", "DeleteSecret", "DescribeSecret", "GetSecretValue", "ListSecrets",
                "PutSecretValue", "RestoreSecret", "TagResource", "UntagResource", "UpdateSecret"),
                List.copyOf(secrets.operations().keySet()));
        JsonNode unknown = call(secrets, "secretsmanager.RotateSecret", "{\"SecretId\":\"a\"}", 400);
        assertEquals("UnknownOperationException", unknown.path("__type").asText());
        assertTrue(unknown.path("message").asText().contains("GetSecretValue"), unknown.toString());
        assertTrue(received.isEmpty());
    }

    @Test
    void shouldForwardAValidRequestWithTheCallerAndAnswerTheRegistrysOutput() throws Exception {
        // given a registry that stores the parameter
        answerBody = "{\"Version\":1,\"Tier\":\"Standard\"}";
        String request = "{\"Name\":\"/shop/db-password\",\"Type\":\"SecureString\",\"Value\":\"s3cret\"}";

        // when PutParameter arrives
        JsonNode output = call(new SsmProtocol(client()), "AmazonSSM.PutParameter", request, 200);

        // then the registry got the request as sent, with the caller, and its output is the answer
        assertEquals(List.of(new Received("/internal/ssm/PutParameter", USER, request)), received);
        assertEquals(1, output.path("Version").asInt());
    }

    @Test
    void shouldRefuseAMissingNameWithoutAskingTheRegistry() throws Exception {
        JsonNode ssm = call(new SsmProtocol(client()), "AmazonSSM.PutParameter", "{\"Value\":\"s3cret\"}", 400);
        assertEquals("ValidationException", ssm.path("__type").asText());
        assertEquals("1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not"
                + " be null", ssm.path("message").asText());

        var secrets = new SecretsManagerProtocol(client());
        JsonNode missing = call(secrets, "secretsmanager.GetSecretValue", "{}", 400);
        assertEquals("ValidationException", missing.path("__type").asText());
        assertTrue(missing.path("message").asText().contains("'secretId'"), missing.toString());
        JsonNode blob = call(secrets, "secretsmanager.PutSecretValue",
                "{\"SecretId\":\"shop/api\",\"SecretBinary\":\"not base64!\"}", 400);
        assertTrue(blob.path("message").asText().contains("'secretBinary' must be a base64-encoded string"),
                blob.toString());
        assertTrue(received.isEmpty(), received.toString());
    }

    @Test
    void shouldNotEchoAValueThatBreaksTheModel() throws Exception {
        JsonNode answer = call(new SecretsManagerProtocol(client()), "secretsmanager.PutSecretValue",
                "{\"SecretId\":\"shop/api\",\"SecretString\":\"" + "s3cret".repeat(11_000) + "\"}", 400);
        assertTrue(answer.path("message").asText().contains("'secretString'"), answer.toString());
        assertFalse(answer.toString().contains("s3cret"));
    }

    @Test
    void shouldAnswerABodyItCannotTakeInEachServicesType() throws Exception {
        String nul = "{\"SecretId\":\"a\\u0000\"}";
        assertEquals("InvalidParameterException", call(new SecretsManagerProtocol(client()),
                "secretsmanager.DescribeSecret", nul, 400).path("__type").asText());
        assertEquals("ValidationException", call(new SsmProtocol(client()), "AmazonSSM.GetParameter",
                "{\"Name\":\"a\\u0000\"}", 400).path("__type").asText());
        assertEquals("SerializationException", call(new SsmProtocol(client()), "AmazonSSM.GetParameter",
                "{\"Name\":", 400).path("__type").asText());
    }

    @Test
    void shouldPassOnTheRegistrysRefusalUnchanged() throws Exception {
        // given a registry that knows no such secret
        answerStatus = 400;
        answerBody = "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified"
                + " secret.\"}";

        // when it is asked for
        JsonNode error = call(new SecretsManagerProtocol(client()), "secretsmanager.GetSecretValue",
                "{\"SecretId\":\"shop/api\"}", 400);

        // then the caller gets its type and message
        assertEquals("ResourceNotFoundException", error.path("__type").asText());
        assertEquals("Secrets Manager can't find the specified secret.", error.path("message").asText());
        assertEquals("/internal/secretsmanager/GetSecretValue", received.get(0).path());
    }

    @Test
    void shouldAnswerAnUnreachableRegistryAsTheServicesInternalError() throws Exception {
        // given no registry
        registry.stop(0);

        // when either API is called
        JsonNode ssm = call(new SsmProtocol(client()), "AmazonSSM.GetParameter", "{\"Name\":\"/a\"}", 500);
        JsonNode secrets = call(new SecretsManagerProtocol(client()), "secretsmanager.ListSecrets", "{}", 500);

        // then each answers its own internal type, saying where to look
        assertEquals("InternalServerError", ssm.path("__type").asText());
        assertEquals("InternalServiceError", secrets.path("__type").asText());
        assertTrue(ssm.path("message").asText().startsWith("Runway could not reach its service registry for"
                + " /internal/ssm/GetParameter"), ssm.toString());
        assertTrue(ssm.path("message").asText().contains("./runway status"), ssm.toString());
    }

    @Test
    void shouldAnswerAFailingRegistryWithoutItsBody() throws Exception {
        answerStatus = 500;
        answerBody = "java.lang.IllegalStateException: at dev.runway.registry.Something";
        JsonNode error = call(new SsmProtocol(client()), "AmazonSSM.DeleteParameter", "{\"Name\":\"/a\"}", 500);
        assertEquals("InternalServerError", error.path("__type").asText());
        assertFalse(error.path("message").asText().contains("java.lang"), error.toString());
    }

    @Test
    void shouldSendNoUserWhenTheCallerIsUnknown() throws Exception {
        var anonymous = new InternalApiClient("http://127.0.0.1:" + registry.getAddress().getPort(), Optional::empty);
        call(new SsmProtocol(anonymous), "AmazonSSM.DescribeParameters", "{}", 200);
        assertNull(received.get(0).user());
    }
}
