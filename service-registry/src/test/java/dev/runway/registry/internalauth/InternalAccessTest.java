package dev.runway.registry.internalauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InternalAccessTest {

    /** Every resource method below /internal in the registry's compiled classes, keyed as the filter keys it. */
    static Set<String> internalEndpoints() throws IOException, URISyntaxException, ClassNotFoundException {
        var classes = java.nio.file.Path.of(InternalAccess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> found = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (var file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, InternalAccessTest.class.getClassLoader());
                Path path = type.getAnnotation(Path.class);
                if (path == null || !InternalAuthFilter.internal(path.value())) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    if (isResourceMethod(m)) {
                        found.add(InternalAuthFilter.endpoint(type, m));
                    }
                }
            }
        }
        return found;
    }

    private static boolean isResourceMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void shouldHaveExactlyOneAllowListEntryPerInternalEndpoint() throws Exception {
        // given the registry's resources, when their endpoints are listed
        Set<String> endpoints = internalEndpoints();
        // then each has an entry, and no entry names an endpoint that does not exist
        assertTrue(endpoints.size() > 30, "found only " + endpoints);
        assertEquals(endpoints, new TreeSet<>(InternalAccess.entries().keySet()),
                "an /internal endpoint without an allow-list entry in InternalAccess (or an entry without endpoint)");
    }

    @Test
    void shouldKeepSecretValuesFromComponentsThatDoNotNeedThem() {
        assertEquals(Set.of(Component.API_GATEWAY), InternalAccess.allowed("GET /internal/access-keys/{id}/secret"));
        assertEquals(Set.of(Component.DEPLOY_WORKER), InternalAccess.allowed("POST /internal/secret-references/resolve"));
        assertEquals(Set.of(Component.ROUTER), InternalAccess.allowed("GET /internal/custom-domains/served"));
        assertEquals(Set.of(Component.OPERATOR), InternalAccess.allowed("POST /internal/projections/rebuild"));
        for (var e : InternalAccess.entries().entrySet()) {
            assertFalse(e.getValue().contains(Component.SERVICE_REGISTRY), e.getKey() + " allows the registry itself");
        }
    }

    @Test
    void shouldAnswerUnauthenticatedForNoCallerAndForbiddenForAnotherComponent() {
        String endpoint = "GET /internal/routes";
        assertEquals(InternalAccess.Verdict.UNAUTHENTICATED, InternalAccess.decide(Optional.empty(), endpoint));
        assertEquals(InternalAccess.Verdict.ALLOWED, InternalAccess.decide(Optional.of(Component.ROUTER), endpoint));
        assertEquals(InternalAccess.Verdict.FORBIDDEN, InternalAccess.decide(Optional.of(Component.API_GATEWAY), endpoint));
    }

    @Test
    void shouldForbidAnEndpointWithoutEntryToEveryComponent() {
        for (Component c : Component.values()) {
            assertEquals(InternalAccess.Verdict.FORBIDDEN, InternalAccess.decide(Optional.of(c), "GET /internal/nothing"));
        }
    }
}
