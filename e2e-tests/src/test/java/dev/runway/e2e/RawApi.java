package dev.runway.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;

/** The App Runner wire protocol by hand, for what no AWS client would send. */
final class RawApi {

    static Response post(String target, String body) {
        var request = given().baseUri(Platform.GATEWAY).contentType("application/x-amz-json-1.0").body(body);
        if (target != null) {
            request = request.header("X-Amz-Target", target);
        }
        return request.when().post("/");
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
