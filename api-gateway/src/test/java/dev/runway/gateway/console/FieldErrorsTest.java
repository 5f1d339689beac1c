package dev.runway.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldErrorsTest {

    @Test
    void shouldPutEachValidationMessageBesideItsField() {
        // given the API's answer to an empty name and no image
        String message = "2 validation errors detected: Value '' at 'serviceName' failed to satisfy constraint:"
                + " Member must have length greater than or equal to 4; Value '' at"
                + " 'sourceConfiguration.imageRepository.imageIdentifier' failed to satisfy constraint: Member must have"
                + " length greater than or equal to 1";

        // when it is placed on the create form
        Map<String, String> placed = FieldErrors.place(message, ServiceForms.CREATE_FIELDS);

        // then each part stands beside its field, in the API's words
        assertEquals("Value '' at 'serviceName' failed to satisfy constraint: Member must have length greater than or"
                + " equal to 4", placed.get("name"));
        assertTrue(placed.get("image").startsWith("Value '' at 'sourceConfiguration.imageRepository.imageIdentifier'"));
        assertEquals(2, placed.size());
    }

    @Test
    void shouldKeepForTheFormWhatNoFieldClaims() {
        // given a message about no particular field
        String message = "Cpu 256 with Memory 4096 is not a valid combination.";

        // when placed, then it belongs to the form
        assertEquals(Map.of(FieldErrors.FORM, message), FieldErrors.place(message, ServiceForms.CREATE_FIELDS));
    }

    @Test
    void shouldPlaceAMapEntrysMessageOnTheMapsField() {
        // given a violation inside the environment variables' map
        String message = "1 validation error detected: Value 'A B' at"
                + " 'sourceConfiguration.imageRepository.imageConfiguration.runtimeEnvironmentVariables.A B' failed";

        // then the env field gets it
        assertTrue(FieldErrors.place(message, ServiceForms.CREATE_FIELDS).containsKey("env"));
    }
}
