package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A new image pushed under a watched tag is deployed without a call to the API. */
class AutoDeployTest {

    /** Builds an image from the example with its own index page and pushes it as {@code image}. */
    static void pushPage(String image, String page) throws IOException {
        Path context = Files.createTempDirectory("runway-autodeploy");
        Files.writeString(context.resolve("index.html"), page);
        Files.writeString(context.resolve("Dockerfile"), "FROM " + Platform.HELLO_IMAGE + "\nCOPY index.html /www/index.html\n");
        Platform.dockerBuild(image, context);
        Platform.dockerPush(image);
    }

    @Test
    void shouldDeployANewImagePushedUnderTheWatchedTag() throws IOException {
        String image = Platform.IMAGE_REGISTRY + "/" + Platform.uniqueName("autodeploy") + ":live";
        pushPage(image, "first push");
        String source = "{\"ImageRepository\":{\"ImageIdentifier\":\"" + image + "\",\"ImageRepositoryType\":\"ECR\"},"
                + "\"AutoDeploymentsEnabled\":true}";
        JsonNode service = AwsCli.ok("create-service", "--service-name", Platform.uniqueName("watch"),
                "--source-configuration", source).path("Service");
        String arn = service.path("ServiceArn").asText();
        String url = service.path("ServiceUrl").asText();
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
        Platform.eventually("the first image", Duration.ofSeconds(10),
                () -> Services.viaRouter(url, "/").asString().contains("first push") ? true : null);

        // when a new image is pushed under the same tag
        pushPage(image, "second push");

        // then the service serves it, and the deployment is an operation of its own
        Platform.eventually("the pushed image to serve", Duration.ofSeconds(60),
                () -> Services.viaRouter(url, "/").asString().contains("second push") ? true : null);
        Services.settle(arn, Duration.ofSeconds(30));
        JsonNode operation = RawApi.call("ListOperations", "{\"ServiceArn\":\"" + arn + "\"}")
                .path("OperationSummaryList").get(0);
        assertEquals("START_DEPLOYMENT", operation.path("Type").asText());
        assertEquals("SUCCEEDED", operation.path("Status").asText());
        assertTrue(Services.viaRouter(url, "/").asString().contains("second push"));

        // and deleting the service leaves no local copy of its image behind
        Services.deleteAndWait(arn);
        assertEquals("", Platform.run(List.of("docker", "images", "-q", image), Duration.ofSeconds(30)).trim());
    }
}
