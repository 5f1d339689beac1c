package dev.runway.registry.internalauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.registry.credentials.AccessKeyResource;
import dev.runway.registry.logs.LogQueryResource;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InternalAuthFilterTest {

    @Test
    void shouldReadOnlyABearerToken() {
        assertEquals(Optional.of("abc"), InternalAuthFilter.bearer("Bearer abc"));
        assertEquals(Optional.of("abc"), InternalAuthFilter.bearer("bearer  abc "));
        assertEquals(Optional.empty(), InternalAuthFilter.bearer(null));
        assertEquals(Optional.empty(), InternalAuthFilter.bearer("Bearer "));
        assertEquals(Optional.empty(), InternalAuthFilter.bearer("Basic YWJj"));
        assertEquals(Optional.empty(), InternalAuthFilter.bearer("AWS4-HMAC-SHA256 Credential=x"));
    }

    @Test
    void shouldTellInternalPathsFromHealthAndMetrics() {
        assertTrue(InternalAuthFilter.internal("/internal/routes"));
        assertTrue(InternalAuthFilter.internal("internal/access-keys"));
        assertTrue(InternalAuthFilter.internal("/internal"));
        assertFalse(InternalAuthFilter.internal("/q/health/ready"));
        assertFalse(InternalAuthFilter.internal("/q/metrics"));
        assertFalse(InternalAuthFilter.internal("/internals"));
    }

    @Test
    void shouldKeyAnEndpointByItsVerbAndTemplate() throws Exception {
        assertEquals("GET /internal/access-keys/{id}/secret",
                InternalAuthFilter.endpoint(AccessKeyResource.class, AccessKeyResource.class.getMethod("secret", String.class)));
        assertEquals("GET /internal/access-keys",
                InternalAuthFilter.endpoint(AccessKeyResource.class, AccessKeyResource.class.getMethod("list")));
        // a method path without a leading slash joins the same way
        var groups = java.util.Arrays.stream(LogQueryResource.class.getMethods())
                .filter(m -> m.getName().equals("groups")).findFirst().orElseThrow();
        assertEquals("GET /internal/logs/groups", InternalAuthFilter.endpoint(LogQueryResource.class, groups));
    }
}
