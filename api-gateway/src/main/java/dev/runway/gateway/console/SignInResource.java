package dev.runway.gateway.console;

import dev.runway.gateway.auth.KeyCheck;
import io.quarkus.logging.Log;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Sign-in with an access key id and its secret (checked against the registry's keys, then
 * forgotten), sign-out, and {@code /console} itself. The session cookie is HttpOnly,
 * SameSite=Strict, scoped to {@code /console}, and Secure when the request came over TLS.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    private final KeyCheck keys;
    private final Sessions sessions;

    public SignInResource(KeyCheck keys, Sessions sessions) {
        this.keys = keys;
        this.sessions = sessions;
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/console/services")).build();
    }

    @GET
    @Path("/sign-in")
    public TemplateInstance form(@QueryParam("next") String next) {
        return Pages.signIn(null, "", safeNext(next));
    }

    @POST
    @Path("/sign-in")
    public Response signIn(@FormParam("accessKeyId") String accessKeyId,
            @FormParam("secretAccessKey") String secretAccessKey, @FormParam("next") String next,
            @Context HttpServerRequest request) {
        String id = accessKeyId == null ? "" : accessKeyId.strip();
        KeyCheck.Outcome outcome = keys.check(id, secretAccessKey == null ? "" : secretAccessKey.strip());
        if (outcome != KeyCheck.Outcome.ACCEPTED) {
            String error = outcome == KeyCheck.Outcome.UNAVAILABLE
                    ? "Runway cannot check access keys right now: its service-registry does not answer. Retry shortly."
                    : "The access key ID or secret access key is not right, or the key was deleted.";
            Log.infof("console sign-in refused for access key id %s (%s)", id, outcome);
            return Response.status(401).type(MediaType.TEXT_HTML)
                    .entity(Pages.signIn(error, id, safeNext(next))).build();
        }
        Sessions.Session session = sessions.start(id);
        Log.infof("console sign-in: access key %s", id);
        return Response.seeOther(URI.create(safeNext(next))).cookie(cookie(session.id(), request.isSSL(), -1)).build();
    }

    @POST
    @Path("/sign-out")
    public Response signOut(@CookieParam(SessionFilter.COOKIE) String sessionId, @Context HttpServerRequest request) {
        sessions.end(sessionId);
        return Response.ok("", MediaType.TEXT_HTML).header("HX-Redirect", SessionFilter.SIGN_IN)
                .cookie(cookie("", request.isSSL(), 0)).build();
    }

    static NewCookie cookie(String value, boolean secure, int maxAge) {
        return new NewCookie.Builder(SessionFilter.COOKIE).value(value).path("/console").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }

    /** Only a console page of this gateway may follow sign-in. */
    static String safeNext(String next) {
        if (next != null && next.startsWith("/console/") && !next.startsWith("/console/sign-")
                && next.matches("[A-Za-z0-9/_.\\-]+") && !next.contains("..")) {
            return next;
        }
        return "/console/services";
    }
}
