package dev.runway.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The App Runner wire protocol by hand, for what no AWS client would send; signed with the
 * platform's admin key (SigV4, by the SDK's signer) like every API call.
 */
final class RawApi {

    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    /** The content type of the JSON 1.1 APIs on the same endpoint: SSM and Secrets Manager. */
    static final String JSON_11 = "application/x-amz-json-1.1";

    /** Sends bodies as written: they are JSON (or deliberately broken JSON) in AWS's content types. */
    static final RestAssuredConfig AS_WRITTEN = RestAssured.config()
            .encoderConfig(EncoderConfig.encoderConfig().encodeContentTypeAs(CONTENT_TYPE, ContentType.TEXT)
                    .encodeContentTypeAs(JSON_11, ContentType.TEXT));

    static Response post(String target, String body) {
        return post(target, body, CONTENT_TYPE);
    }

    /**
     * A request in {@code contentType}, e.g. {@link #JSON_11} for {@code AmazonSSM.GetParameter},
     * signed with the signing name of its target's API ({@link SigV4#signingName}).
     */
    static Response post(String target, String body, String contentType) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var request = given().config(AS_WRITTEN).baseUri(Platform.GATEWAY).contentType(contentType).body(bytes);
        for (Map.Entry<String, String> h : SigV4.adminHeaders("POST", "/", target, bytes).entrySet()) {
            request = request.header(h.getKey(), h.getValue());
        }
        return request.when().post("/");
    }

    /** {@code GET <path>} (the query string included) signed with the admin key, e.g. the dead-letter list. */
    static Response get(String pathAndQuery) {
        var request = given().baseUri(Platform.GATEWAY).urlEncodingEnabled(false);
        for (Map.Entry<String, String> h : SigV4.headers("GET", pathAndQuery, null, new byte[0], Platform.ACCESS_KEY_ID,
                Platform.SECRET_ACCESS_KEY, java.time.Instant.now(), "events").entrySet()) {
            request = request.header(h.getKey(), h.getValue());
        }
        return request.when().get(pathAndQuery);
    }

    /** A call that must succeed; returns the output structure, members Runway adds included. */
    static JsonNode call(String operation, String body) {
        Response r = post("AppRunner." + operation, body);
        assertEquals(200, r.statusCode(), r.asString());
        try {
            return AwsCli.JSON.readTree(r.asString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private RawApi() {
    }
}
