package dev.runway.gateway.registryauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.gateway.auth.CredentialCache;
import dev.runway.gateway.auth.SecretLookup;
import dev.runway.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The image registry's token service ({@code auth: token} realm, Docker's token specification):
 * {@code GET /registry/token?service=…&scope=repository:<name>:pull,push} with HTTP Basic
 * credentials, an access key of the API or a worker's own ({@link RegistryLogins}), answers a
 * short-lived JWT granting what was asked of what that caller may do. This is what
 * {@code docker login <registry> -u <AccessKeyId>} reaches. Not SigV4-signed (the Docker engine
 * cannot): {@code AuthRoutes.exempt} lets it through, and the Basic credentials are the check.
 */
@Path("/registry/token")
@Singleton
public class RegistryTokenResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenSigner signer;
    private final String unavailable;
    private final RegistryLogins logins;
    private final Duration ttl;

    @jakarta.inject.Inject
    public RegistryTokenResource(GatewayConfig config, CredentialCache keys) {
        var settings = config.registryAuth();
        TokenSigner made = null;
        String why = null;
        if (settings.keyFile().isEmpty()) {
            why = "the api-gateway has no registry token key (RUNWAY_REGISTRY_TOKEN_KEY): it issues no image registry"
                    + " tokens. ./runway and the compose stack make one at first start.";
        } else {
            try {
                made = new TokenSigner(TokenSigner.readKey(java.nio.file.Path.of(settings.keyFile().get())),
                        settings.issuer(), settings.service());
            } catch (IOException | IllegalArgumentException e) {
                why = "the api-gateway cannot use its registry token key: " + e.getMessage();
            }
        }
        this.signer = made;
        this.unavailable = why;
        this.logins = new RegistryLogins(keys, settings.credentialsDir().map(java.nio.file.Path::of));
        this.ttl = settings.tokenTtl();
    }

    /** For tests: a ready signer. */
    RegistryTokenResource(TokenSigner signer, RegistryLogins logins, Duration ttl) {
        this.signer = signer;
        this.unavailable = null;
        this.logins = logins;
        this.ttl = ttl;
    }

    void announce(@Observes StartupEvent ignored) {
        if (unavailable != null) {
            Log.warn(unavailable);
        } else {
            Log.infof("image registry tokens: service %s, key id %s", signer.service(), signer.keyId());
        }
    }

    @GET
    public Response token(@HeaderParam("Authorization") String authorization, @QueryParam("service") String service,
            @QueryParam("scope") List<String> scope) {
        if (signer == null) {
            return error(503, "UNAVAILABLE", unavailable);
        }
        if (authorization == null || authorization.isBlank()) {
            return unauthorized("the image registry needs a login: docker login <registry> -u <AccessKeyId>"
                    + " --password-stdin, with an access key of the Runway API");
        }
        String[] userAndPassword = basic(authorization);
        if (userAndPassword == null) {
            return error(400, "UNAUTHORIZED", "the Authorization header is not HTTP Basic credentials"
                    + " (Basic base64(<AccessKeyId>:<SecretAccessKey>))");
        }
        if (service != null && !service.equals(signer.service())) {
            return error(400, "UNSUPPORTED", "this token service issues tokens for the service '" + signer.service()
                    + "' only, not '" + Scopes.abbreviate(service) + "'");
        }
        List<Scopes.Grant> requested;
        try {
            requested = Scopes.parse(scope);
        } catch (Scopes.BadScope e) {
            return error(400, "UNSUPPORTED", e.getMessage());
        }
        RegistryLogins.Login login;
        try {
            login = logins.login(userAndPassword[0], userAndPassword[1]);
        } catch (RegistryLogins.Refused e) {
            return unauthorized(e.getMessage());
        } catch (SecretLookup.CredentialsUnavailable e) {
            Log.warnf("registry token refused for now: %s", e.getMessage());
            return error(503, "UNAVAILABLE", e.getMessage());
        }
        Instant now = Instant.now();
        String token = signer.issue(login.subject(), Scopes.grant(requested, login.allowed()), now, ttl);
        ObjectNode body = JSON.createObjectNode().put("token", token).put("access_token", token)
                .put("expires_in", ttl.toSeconds()).put("issued_at", now.toString());
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON).header("Cache-Control", "no-store").build();
    }

    /** {@code [user, password]} of a Basic header, or null when it is not one. */
    static String[] basic(String authorization) {
        String value = authorization.trim();
        if (value.length() < 6 || !value.regionMatches(true, 0, "Basic ", 0, 6) || value.length() > 2048) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static Response unauthorized(String message) {
        return Response.fromResponse(error(401, "UNAUTHORIZED", message))
                .header("WWW-Authenticate", "Basic realm=\"Runway image registry\"").build();
    }

    /** Distribution's error shape, which the Docker engine shows its user ({@code <code>: <message>}). */
    static Response error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errors").addObject().put("code", code).put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body.toString()).build();
    }
}
