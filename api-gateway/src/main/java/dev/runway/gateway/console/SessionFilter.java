package dev.runway.gateway.console;

import dev.runway.gateway.auth.KeyCheck;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Guards every console page except sign-in and the static assets: a request needs the session
 * cookie of a live {@link Sessions.Session} whose access key is still active, else a page goes to
 * sign-in (an htmx request is told so with {@code HX-Redirect}). Every POST must come from the
 * console's own origin and, once signed in, carry the session's CSRF token in
 * {@code X-CSRF-Token} (htmx sends it from the page's {@code hx-headers}). The gateway's
 * {@code AuthRoutes} lets {@code /console} through without SigV4 for this filter to decide.
 */
public class SessionFilter {

    static final String COOKIE = "runway_console";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String SIGN_IN = "/console/sign-in";
    private static final String STARTED = "runway.console.started";

    private final Sessions sessions;
    private final KeyCheck keys;
    private final SignedIn signedIn;

    public SessionFilter(Sessions sessions, KeyCheck keys, SignedIn signedIn) {
        this.sessions = sessions;
        this.keys = keys;
        this.signedIn = signedIn;
    }

    @ServerRequestFilter
    public Optional<Response> guard(ContainerRequestContext ctx, HttpServerRequest request) {
        String path = ctx.getUriInfo().getPath();
        if (!isConsole(path)) {
            return Optional.empty();
        }
        ctx.setProperty(STARTED, System.nanoTime());
        boolean post = ctx.getMethod().equals("POST");
        if (post && !sameOrigin(ctx)) {
            return Optional.of(Response.status(403).entity("Forbidden: cross-origin form post.").build());
        }
        if (isPublic(path)) {
            return Optional.empty();
        }
        Cookie cookie = ctx.getCookies().get(COOKIE);
        Optional<Sessions.Session> session = sessions.find(cookie == null ? null : cookie.getValue());
        if (session.isPresent() && keys.active(session.get().accessKeyId()) == KeyCheck.Outcome.REFUSED) {
            Log.infof("console session of access key %s ended: the key is no longer active", session.get().accessKeyId());
            sessions.endAllOf(session.get().accessKeyId());
            session = Optional.empty();
        }
        if (session.isEmpty()) {
            return Optional.of(toSignIn(ctx, path));
        }
        if (post && !MessageDigest.isEqual(session.get().csrfToken().getBytes(StandardCharsets.UTF_8),
                String.valueOf(ctx.getHeaderString(CSRF_HEADER)).getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(Response.status(403).entity("Forbidden: the form's CSRF token is missing or stale;"
                    + " reload the page.").build());
        }
        signedIn.set(session.get(), request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        return Optional.empty();
    }

    /** Console answers are never cached or framed, and load nothing from elsewhere. */
    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!isConsole(path)) {
            return;
        }
        var h = response.getHeaders();
        if (request.getProperty(STARTED) instanceof Long started) {
            // the page's server time, for the browser's devtools and ConsoleTest (the goal: under 100 ms)
            h.putSingle("Server-Timing", String.format(java.util.Locale.ROOT, "app;dur=%.1f",
                    (System.nanoTime() - started) / 1e6));
        }
        if (!path.startsWith("/console/static/")) {
            h.putSingle("Cache-Control", "no-store");
        }
        h.putSingle("X-Content-Type-Options", "nosniff");
        h.putSingle("Referrer-Policy", "same-origin");
        h.putSingle("X-Frame-Options", "DENY");
        h.putSingle("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self';"
                + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    }

    static boolean isConsole(String path) {
        return path.equals("/console") || path.startsWith("/console/");
    }

    static boolean isPublic(String path) {
        return path.equals(SIGN_IN) || path.startsWith("/console/static/");
    }

    /** Browsers send Origin with every POST; one naming another host is refused (a missing one is allowed: old agents). */
    private static boolean sameOrigin(ContainerRequestContext ctx) {
        String origin = ctx.getHeaderString("Origin");
        if (origin == null || origin.isEmpty()) {
            return true;
        }
        String host = ctx.getHeaderString("Host");
        try {
            URI o = URI.create(origin);
            String authority = o.getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Response toSignIn(ContainerRequestContext ctx, String path) {
        String next = ctx.getMethod().equals("GET") && ctx.getHeaderString("HX-Request") == null
                ? "?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8) : "";
        String location = SIGN_IN + next;
        if (ctx.getHeaderString("HX-Request") != null) {
            return Response.status(401).header("HX-Redirect", location).build();
        }
        return Response.seeOther(URI.create(location)).build();
    }
}
