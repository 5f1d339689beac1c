package dev.runway.events.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InternalCredentialTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadTheTokenFileAndAgainWhenItChanges() throws Exception {
        // given a component's token file
        Path file = dir.resolve("router");
        Files.writeString(file, "first\n");
        var credential = new InternalCredential(file.toString(), null);
        assertEquals(Optional.of("first"), credential.token());
        // when it is replaced (a rotation)
        Files.writeString(file, "second");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        // then the new token is sent
        assertEquals(Optional.of("second"), credential.token());
    }

    @Test
    void shouldSendNothingWithoutToken() {
        assertEquals(Optional.empty(), new InternalCredential(null, null).token());
        assertEquals(Optional.empty(), new InternalCredential(dir.resolve("missing").toString(), "").token());
        assertEquals(Optional.of("value"), new InternalCredential(null, " value ").token());
    }

    @Test
    void shouldNotAddAnAuthorizationHeaderWhenTheProcessHasNone() {
        // the unit tests run without RUNWAY_INTERNAL_TOKEN(_FILE)
        HttpRequest request = InternalCredential.request(URI.create("http://127.0.0.1:1/internal/routes")).GET().build();
        assertFalse(request.headers().firstValue("Authorization").isPresent());
    }
}
