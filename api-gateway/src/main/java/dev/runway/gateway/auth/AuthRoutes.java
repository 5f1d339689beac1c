package dev.runway.gateway.auth;

import dev.runway.gateway.config.GatewayConfig;
import dev.runway.gateway.config.GatewaySecrets;
import dev.runway.gateway.config.RotatingSecret;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.impl.RoutingContextInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The gateway's front door, ahead of every resource: gives each request its {@code x-amzn-RequestId}
 * (on every answer, the framework's 404/405/415 included) and verifies SigV4 on everything except
 * the health checks, the image registry's push notifications (those carry the registry's
 * bearer token instead), the web console under {@code /console} (its own sign-in and session), and the event stream when it is given its token (see {@link #unsignedStream}). The verified access key id is left on the request for {@link Caller}.
 */
@ApplicationScoped
public class AuthRoutes {

    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    static final String REGISTRY_NOTIFICATIONS = "/registry/events";
    /** The image registry's token service: HTTP Basic with an access key (registryauth.RegistryTokenResource). */
    static final String REGISTRY_TOKEN = "/registry/token";
    static final String EVENT_STREAM = "/events/stream";
    static final String PUSH_WEBHOOKS = "/webhooks/push/";
    /** The web console: browsers cannot sign; its own session check guards it (console.SessionFilter). */
    static final String CONSOLE = "/console";
    /** Quarkus' default request body limit; App Runner requests are far smaller. */
    private static final long BODY_LIMIT = 10L * 1024 * 1024;

    private final boolean enabled;
    private final RotatingSecret notificationToken;
    private final SignatureVerifier verifier;
    private final SecretLookup secrets;
    private final Event<RefusedCall> refusals;
    private final BodyHandler bodies = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);

    public AuthRoutes(GatewayConfig config, GatewaySecrets gatewaySecrets, CredentialCache secrets,
            Event<RefusedCall> refusals) {
        this.refusals = refusals;
        String mode = config.auth().mode().trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("on") && !mode.equals("off")) {
            throw new IllegalArgumentException("RUNWAY_AUTH must be 'on' or 'off', not '" + config.auth().mode() + "'");
        }
        this.enabled = mode.equals("on");
        this.notificationToken = gatewaySecrets.notificationToken();
        this.verifier = new SignatureVerifier(config.region(), Clock.systemUTC());
        this.secrets = secrets;
    }

    void announce(@Observes StartupEvent ignored) {
        if (!enabled) {
            Log.warn("RUNWAY_AUTH=off: the API accepts requests without a signature from anyone who reaches its port");
        }
        if (!notificationToken.configured()) {
            Log.warn("no RUNWAY_REGISTRY_NOTIFY_TOKEN: image push notifications are accepted without a token");
        }
    }

    void install(@Observes Router router) {
        router.route().order(-300).handler(this::assignRequestId);
        router.route().order(-290).handler(this::readBodyWhenSigned);
        router.route().order(-289).handler(AuthRoutes::emptyBodyIsABody);
        router.route().order(-280).handler(this::authenticate);
    }

    private void assignRequestId(RoutingContext ctx) {
        String requestId = UUID.randomUUID().toString();
        ctx.put(Caller.REQUEST_ID, requestId);
        HttpServerResponse response = ctx.response();
        // whoever answers (a resource with the same id from Caller, the framework's 404, a refusal
        // below, a failure handler), the header goes out exactly once
        ctx.addHeadersEndHandler(v -> {
            if (!response.headers().contains("x-amzn-RequestId")) {
                response.putHeader("x-amzn-RequestId", requestId);
            }
        });
        ctx.next();
    }

    /**
     * Signed requests are verified over their whole body, so it is read first, up to the body
     * limit (a larger Content-Length is refused before a byte is read). A request without any
     * Authorization header is refused without reading its body at all.
     */
    private void readBodyWhenSigned(RoutingContext ctx) {
        if (!enabled || exempt(ctx.normalizedPath()) || unsignedStream(ctx)
                || ctx.request().getHeader("Authorization") == null) {
            ctx.next();
        } else {
            bodies.handle(ctx);
        }
    }

    /**
     * A body that was read but held no byte (Content-Length: 0, or chunked with no chunk) is left
     * as no buffer at all by the body handler; the resource would then wait for a body the request
     * already ended, and never answer. It is an empty buffer instead, which the JSON reader
     * refuses with a message.
     */
    private static void emptyBodyIsABody(RoutingContext ctx) {
        if (ctx.body() != null && ctx.body().buffer() == null
                && ((RoutingContextInternal) ctx).seenHandler(RoutingContextInternal.BODY_HANDLER)) {
            ((RoutingContextInternal) ctx).setBody(Buffer.buffer());
        }
        ctx.next();
    }

    private void authenticate(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (path.equals(REGISTRY_NOTIFICATIONS)) {
            checkNotificationToken(ctx);
            return;
        }
        if (!enabled || exempt(path) || unsignedStream(ctx)) {
            ctx.next();
            return;
        }
        if (path.equals(EVENT_STREAM) && ctx.request().getHeader("Authorization") == null) {
            refuse(ctx, 403, "MissingAuthenticationTokenException", "Missing Authentication Token. The event stream"
                    + " needs a request signed with AWS Signature Version 4, or the stream token as Authorization:"
                    + " Bearer <token> or ?token=<token> (RUNWAY_EVENTS_STREAM_TOKEN).");
            return;
        }
        ReceivedRequest request = received(ctx);
        ctx.vertx().executeBlocking(() -> verifier.verify(request, secrets), false).onComplete(result -> {
            if (result.succeeded()) {
                ctx.put(Caller.ACCESS_KEY_ID, result.result());
                ctx.next();
            } else if (result.cause() instanceof AuthFailure failure) {
                Log.debugf("%s %s refused: %s", ctx.request().method(), path, failure.type());
                refuseCall(ctx, failure.status(), failure.type(), failure.getMessage());
            } else if (result.cause() instanceof SecretLookup.CredentialsUnavailable unavailable) {
                Log.warnf("request %s: %s", ctx.<String>get(Caller.REQUEST_ID), unavailable.getMessage());
                refuseCall(ctx, 500, "InternalServiceErrorException", unavailable.getMessage());
            } else {
                Log.errorf(result.cause(), "request %s: verifying its signature failed", ctx.<String>get(Caller.REQUEST_ID));
                refuseCall(ctx, 500, "InternalServiceErrorException", "Runway could not verify the request's signature"
                        + " (request id " + ctx.get(Caller.REQUEST_ID) + "). The gateway log has the details.");
            }
        });
    }

    /** Health checks, the image registry's notifications and tokens, push webhooks and the console are not AWS API calls. */
    static boolean exempt(String path) {
        // push webhooks come from Git hosts, which cannot sign: each is HMAC-verified with its connection's secret
        return path.equals("/q") || path.startsWith("/q/") || path.equals(REGISTRY_NOTIFICATIONS) || path.equals(REGISTRY_TOKEN)
                || path.startsWith(PUSH_WEBHOOKS) || path.equals(CONSOLE) || path.startsWith(CONSOLE + "/");
    }

    /**
     * The event stream takes SigV4 or its own token (browsers' EventSource cannot sign): only a
     * request that gives a token ({@code Authorization: Bearer …} or {@code ?token=}) skips SigV4
     * here, and {@code stream.EventStreamResource} checks that token; any other is verified like
     * every API request.
     */
    static boolean unsignedStream(RoutingContext ctx) {
        if (!ctx.normalizedPath().equals(EVENT_STREAM)) {
            return false;
        }
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization != null) {
            return authorization.trim().startsWith("Bearer ");
        }
        String token = ctx.queryParams().get("token");
        return token != null && !token.isEmpty();
    }

    private void checkNotificationToken(RoutingContext ctx) {
        if (!notificationToken.configured()) {
            ctx.next();
            return;
        }
        // the current token, or the one a rotation replaced while the old registry process may still send it
        String given = ctx.request().getHeader("Authorization");
        given = given == null ? "" : given.trim();
        if (given.startsWith("Bearer ") && notificationToken.accepts(given.substring("Bearer ".length()).trim())) {
            ctx.next();
        } else {
            refuse(ctx, 403, "AccessDeniedException", "Image push notifications need the platform image registry's"
                    + " token (Authorization: Bearer <RUNWAY_REGISTRY_NOTIFY_TOKEN>); ./runway configures the"
                    + " registry with it.");
        }
    }

    private static ReceivedRequest received(RoutingContext ctx) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : ctx.request().headers()) {
            headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue());
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        MultiMap params = ctx.queryParams();
        for (String name : params.names()) {
            query.put(name, params.getAll(name));
        }
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        String rawPath = ctx.request().path();
        return new ReceivedRequest(ctx.request().method().name(), rawPath == null || rawPath.isEmpty() ? "/" : rawPath,
                query, headers, body == null ? new byte[0] : body.getBytes());
    }

    /**
     * Refuses a request that failed verification; an API call ({@code POST /}) is first handed to
     * the audit trail (which writes to Kafka, so off the event loop), as refused calls are
     * recorded too.
     */
    private void refuseCall(RoutingContext ctx, int status, String type, String message) {
        if (!ctx.request().method().name().equals("POST") || !ctx.normalizedPath().equals("/")) {
            refuse(ctx, status, type, message);
            return;
        }
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        String source = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
        RefusedCall call = new RefusedCall(ctx.get(Caller.REQUEST_ID), Instant.now(), ctx.request().getHeader("X-Amz-Target"),
                source, ctx.request().getHeader("User-Agent"), body == null ? null : body.toString(StandardCharsets.UTF_8),
                status, type, message);
        ctx.vertx().executeBlocking(() -> {
            refusals.fire(call);
            return null;
        }, false).onComplete(ignored -> {
            if (ignored.failed()) {
                Log.errorf(ignored.cause(), "request %s: recording its refusal failed", call.requestId());
            }
            refuse(ctx, status, type, message);
        });
    }

    private static void refuse(RoutingContext ctx, int status, String type, String message) {
        String body = new JsonObject().put("__type", type).put("message", message).encode();
        ctx.response().setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("X-Amzn-ErrorType", type).end(body);
    }
}
