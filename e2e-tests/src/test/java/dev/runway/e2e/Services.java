package dev.runway.e2e;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import java.time.Duration;

/** Small steps the end-to-end tests share: create, wait for a status, call through the router, delete. */
final class Services {

    /** Creates a service from {@code image} with the CLI and returns the CreateService output. */
    static JsonNode create(String name, String image) {
        return AwsCli.ok("create-service", "--service-name", name, "--source-configuration", AwsCli.imageSource(image));
    }

    static JsonNode describe(String arn) {
        return AwsCli.ok("describe-service", "--service-arn", arn).path("Service");
    }

    /** Waits until the service's status leaves OPERATION_IN_PROGRESS and returns the Service. */
    static JsonNode settle(String arn, Duration timeout) {
        return Platform.eventually("service " + arn + " to finish its operation", timeout, () -> {
            JsonNode service = describe(arn);
            return service.path("Status").asText().equals("OPERATION_IN_PROGRESS") ? null : service;
        });
    }

    /** GET through the router with the service's Host. */
    static Response viaRouter(String serviceUrl, String path) {
        return given().baseUri("http://127.0.0.1").port(Platform.ROUTER_PORT)
                .header("Host", Platform.hostOf(serviceUrl)).when().get(path);
    }

    static void deleteAndWait(String arn) {
        AwsCli.ok("delete-service", "--service-arn", arn);
        settle(arn, Duration.ofSeconds(60));
    }

    private Services() {
    }
}
