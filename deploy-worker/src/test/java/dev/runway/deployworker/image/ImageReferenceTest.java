package dev.runway.deployworker.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    private static final String REGISTRY = "127.0.0.1:5000";

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            // private ECR moves to the platform registry
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/hello:1.2, 127.0.0.1:5000/hello:1.2",
            "123456789012.dkr.ecr.eu-west-3.amazonaws.com/team/app, 127.0.0.1:5000/team/app:latest",
            "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app:v1, 127.0.0.1:5000/app:v1",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/hello@sha256:0123abcd, 127.0.0.1:5000/hello@sha256:0123abcd",
            // ECR Public keeps its alias
            "public.ecr.aws/nginx/nginx:1.25, 127.0.0.1:5000/nginx/nginx:1.25",
            "public.ecr.aws/docker/library/busybox, 127.0.0.1:5000/docker/library/busybox:latest",
            // anything else as written
            "127.0.0.1:5000/hello:latest, 127.0.0.1:5000/hello:latest",
            "127.0.0.1:5000/hello, 127.0.0.1:5000/hello:latest",
            "localhost:5000/a/b@sha256:ff, localhost:5000/a/b@sha256:ff",
            "runway/busybox:local, runway/busybox:local",
            "hello, hello:latest",
            "' 127.0.0.1:5000/padded:2 ', 127.0.0.1:5000/padded:2",
    })
    void shouldMapImageIdentifiersOntoThePlatformRegistry(String identifier, String expected) {
        // given an identifier as the user wrote it, when it is resolved, then
        assertEquals(expected, ImageReference.resolve(identifier, REGISTRY).value());
    }

    @Test
    void shouldNotMistakeAnAccountLikeHostForEcr() {
        // given a host that only resembles ECR (11 digits), when resolved, then it is used as written
        var reference = ImageReference.resolve("12345678901.dkr.ecr.us-east-1.amazonaws.com/x:1", REGISTRY);
        assertEquals("12345678901.dkr.ecr.us-east-1.amazonaws.com/x:1", reference.value());
    }

    @Test
    void shouldRejectAnEmptyIdentifier() {
        var e = assertThrows(IllegalArgumentException.class, () -> ImageReference.resolve("  ", REGISTRY));
        assertEquals("The image identifier is empty", e.getMessage());
    }

    @ParameterizedTest(name = "{0} names registry ''{1}''")
    @CsvSource({
            "127.0.0.1:5000/hello:latest, 127.0.0.1:5000",
            "localhost/hello:latest, localhost",
            "registry.example/team/app:1, registry.example",
            "runway/busybox:local, ''",
            "hello:latest, ''",
    })
    void shouldFindTheRegistryHostInTheFirstPathPart(String reference, String host) {
        var expected = host.isEmpty() ? Optional.<String>empty() : Optional.of(host);
        assertEquals(expected, new ImageReference(reference).registryHost());
    }

    @Test
    void shouldSplitRepositoryAndTagOrDigest() {
        var tagged = new ImageReference("127.0.0.1:5000/team/app:v2");
        assertEquals("127.0.0.1:5000/team/app", tagged.repository());
        assertEquals("v2", tagged.tagOrDigest());

        var pinned = new ImageReference("127.0.0.1:5000/app@sha256:abc");
        assertEquals("127.0.0.1:5000/app", pinned.repository());
        assertEquals("sha256:abc", pinned.tagOrDigest());
    }

    @Test
    void shouldPullOnlyFromThePlatformRegistryOrLoopback() {
        assertTrue(new ImageReference("127.0.0.1:5000/a:1").pullableFrom(REGISTRY));
        assertTrue(new ImageReference("127.0.0.1:15000/a:1").pullableFrom(REGISTRY));
        assertTrue(new ImageReference("localhost:5000/a:1").pullableFrom(REGISTRY));
        assertTrue(new ImageReference("registry.internal:5000/a:1").pullableFrom("registry.internal:5000"));
        assertFalse(new ImageReference("ghcr.io/a/b:1").pullableFrom(REGISTRY));
        assertFalse(new ImageReference("runway/busybox:local").pullableFrom(REGISTRY));
    }
}
