package dev.runway.registry.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.wire.Json;
import dev.runway.registry.service.Rejection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The upgrade's walk over stored JSON: plaintext secret values give way to references; ARNs stay. */
class PlaintextSecretsUpgradeTest {

    @Test
    void shouldReplaceEveryPlaintextValueAtAnyDepthAndKeepArns() throws Exception {
        // given a stored ServiceCreated-like record with an image and a code configuration
        JsonNode stored = Json.MAPPER.readTree("""
                {"configuration": {
                  "image": {"imageIdentifier": "x", "secrets": {"DB": "hunter2", "KEY": "arn:aws:ssm:us-east-1:1:parameter/k"}},
                  "code": {"values": {"secrets": {"TOKEN": "t0ken"}}},
                  "environment": {"secrets": "not a map"}}}""");
        List<String> parked = new ArrayList<>();

        // when the upgrade walks it
        int moved = PlaintextSecretsUpgrade.replacePlaintext(stored, (variable, value) -> {
            parked.add(variable + "=" + value);
            return "/runway/upgraded/demo/" + variable;
        });

        // then both plaintext values moved out, the ARN stayed, and the text holds no value
        assertEquals(2, moved);
        assertEquals(List.of("DB=hunter2", "TOKEN=t0ken"), parked);
        assertEquals("/runway/upgraded/demo/DB", stored.at("/configuration/image/secrets/DB").asText());
        assertEquals("arn:aws:ssm:us-east-1:1:parameter/k", stored.at("/configuration/image/secrets/KEY").asText());
        assertEquals("/runway/upgraded/demo/TOKEN", stored.at("/configuration/code/values/secrets/TOKEN").asText());
        assertFalse(stored.toString().contains("hunter2") || stored.toString().contains("t0ken"));
    }

    @Test
    void shouldLeaveARecordWithoutPlaintextAsItWas() throws Rejection, Exception {
        JsonNode stored = Json.MAPPER.readTree("{\"image\": {\"secrets\": {}}, \"tags\": [{\"key\": \"secrets\"}]}");
        String before = stored.toString();
        assertEquals(0, PlaintextSecretsUpgrade.replacePlaintext(stored, (v, value) -> {
            throw new AssertionError("nothing to park");
        }));
        assertEquals(before, stored.toString());
    }
}
