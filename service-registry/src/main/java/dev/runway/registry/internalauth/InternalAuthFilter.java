package dev.runway.registry.internalauth;

import io.quarkus.logging.Log;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates and authorizes every {@code /internal/*} call (docs/security.md, "Internal
 * HTTP"). Before matching, a call without a valid {@code Authorization: Bearer <token>} answers
 * 401, whatever its path (an unknown one included, so the API's shape is not probed for free);
 * after matching, a caller its endpoint does not allow ({@link InternalAccess}) answers 403. Both
 * with a small JSON body; the token is never logged. {@code /q/health*} and {@code /q/metrics}
 * are outside {@code /internal} and stay open.
 */
public final class InternalAuthFilter {

    static final String CALLER = "runway.internal-caller";

    private InternalAuthFilter() {
    }

    static boolean internal(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.equals("/internal") || p.startsWith("/internal/");
    }

    /** The bearer token of an {@code Authorization} header; empty when there is none. */
    static Optional<String> bearer(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.strip();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = h.substring(7).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** {@code "<HTTP method> <path template>"} of a resource method, as {@link InternalAccess} keys it. */
    static String endpoint(Class<?> resource, Method method) {
        String verb = "";
        for (Annotation a : method.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                verb = http.value();
            }
        }
        Path classPath = resource.getAnnotation(Path.class);
        Path methodPath = method.getAnnotation(Path.class);
        String path = "/" + (classPath == null ? "" : classPath.value()) + "/"
                + (methodPath == null ? "" : methodPath.value());
        path = path.replaceAll("/+", "/");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return verb + " " + path;
    }

    static Response refuse(Response.Status status, String error, String message) {
        var body = new java.util.LinkedHashMap<String, String>();
        body.put("error", error);
        body.put("message", message);
        Response.ResponseBuilder r = Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
        if (status == Response.Status.UNAUTHORIZED) {
            r.header("WWW-Authenticate", "Bearer realm=\"runway-internal\"");
        }
        return r.build();
    }

    /** 401 unless the call carries some component's credential. */
    @Provider
    @PreMatching
    public static class Authenticate implements ContainerRequestFilter {

        private final InternalTokens tokens;

        public Authenticate(InternalTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            String path = request.getUriInfo().getPath();
            if (!internal(path)) {
                return;
            }
            Optional<Component> caller = bearer(request.getHeaderString("Authorization")).flatMap(tokens::identify);
            if (caller.isEmpty()) {
                Log.debugf("internal call %s %s without a valid credential: 401", request.getMethod(), path);
                request.abortWith(refuse(Response.Status.UNAUTHORIZED, "Unauthenticated",
                        "the service-registry's internal API needs a component's credential: "
                                + "Authorization: Bearer <token> (docs/security.md, \"Internal HTTP\")"));
                return;
            }
            request.setProperty(CALLER, caller.get());
        }
    }

    /** 403 when the endpoint does not allow the caller (or has no allow-list entry). */
    @Provider
    public static class Authorize implements ContainerRequestFilter {

        private static final Map<Method, String> ENDPOINTS = new ConcurrentHashMap<>();

        @Context
        ResourceInfo resource;

        @Override
        public void filter(ContainerRequestContext request) {
            if (!internal(request.getUriInfo().getPath())) {
                return;
            }
            Method method = resource.getResourceMethod();
            String endpoint = method == null ? "?" : ENDPOINTS.computeIfAbsent(method,
                    m -> endpoint(resource.getResourceClass(), m));
            Optional<Component> caller = Optional.ofNullable((Component) request.getProperty(CALLER));
            switch (InternalAccess.decide(caller, endpoint)) {
                case ALLOWED -> {
                }
                case UNAUTHENTICATED -> request.abortWith(refuse(Response.Status.UNAUTHORIZED, "Unauthenticated",
                        "the service-registry's internal API needs a component's credential"));
                case FORBIDDEN -> {
                    Log.warnf("internal call %s refused: %s is not allowed to call it", endpoint, caller.get());
                    request.abortWith(refuse(Response.Status.FORBIDDEN, "Forbidden",
                            caller.get() + " may not call " + endpoint));
                }
            }
        }
    }
}
