package dev.runway.gateway.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PushWebhookResourceTest {

    @Test
    void shouldSignBodiesAsGitHubDoes() {
        // GitHub's documented example of X-Hub-Signature-256
        assertEquals("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
                PushWebhookResource.hmacHex("It's a Secret to Everybody",
                        "Hello, World!".getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(PushWebhookResource.hmacHex("a", "x".getBytes(StandardCharsets.UTF_8)),
                PushWebhookResource.hmacHex("b", "x".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldTreatTheSpellingsOfOneRepositoryAsOne() {
        assertEquals(PushWebhookResource.normalize("https://github.com/Owner/Repo.git"),
                PushWebhookResource.normalize("https://github.com/owner/repo/"));
        assertNotEquals(PushWebhookResource.normalize("https://github.com/owner/repo"),
                PushWebhookResource.normalize("https://github.com/owner/other"));
    }
}
