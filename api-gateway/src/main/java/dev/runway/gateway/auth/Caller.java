package dev.runway.gateway.auth;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Who made the current API request, for any handler that needs it (e.g. an audit trail): inject
 * {@code Caller} and read {@link #accessKeyId()}, the access key whose SigV4 signature
 * {@link AuthRoutes} verified (empty when RUNWAY_AUTH=off), and {@link #requestId()}, the
 * {@code x-amzn-RequestId} this request is answered with. Outside CDI, the same values are
 * {@code routingContext.get(Caller.ACCESS_KEY_ID)} and {@code routingContext.get(Caller.REQUEST_ID)}.
 */
@RequestScoped
public class Caller {

    /** RoutingContext data key of the verified access key id (a String; absent when unauthenticated). */
    public static final String ACCESS_KEY_ID = "runway.auth.accessKeyId";
    /** RoutingContext data key of the request id (a String). */
    public static final String REQUEST_ID = "runway.requestId";

    private final CurrentVertxRequest current;

    public Caller(CurrentVertxRequest current) {
        this.current = current;
    }

    public Optional<String> accessKeyId() {
        RoutingContext context = current.getCurrent();
        return context == null ? Optional.empty() : Optional.ofNullable(context.get(ACCESS_KEY_ID));
    }

    public String requestId() {
        RoutingContext context = current.getCurrent();
        String id = context == null ? null : context.get(REQUEST_ID);
        return id != null ? id : UUID.randomUUID().toString();
    }
}
