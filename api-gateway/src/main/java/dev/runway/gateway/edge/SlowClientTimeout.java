package dev.runway.gateway.edge;

import dev.runway.gateway.config.GatewayConfig;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Against slowloris: a connection the gateway has written nothing to for
 * {@code runway.gateway.header-timeout} ({@code RUNWAY_API_HEADER_TIMEOUT}) is closed. A request head or body trickling in a byte at a
 * time never gets an answer, so it is cut; so is a keep-alive connection left idle. Every answer
 * of the API begins well within that time (the registry's verdict is bounded below it), and the
 * event stream writes a comment every 10 s. The idle timeout ({@code quarkus.http.idle-timeout})
 * alone would not do: each trickled byte resets it.
 *
 * <p>Quarkus offers no hook on its HTTP server's connections, so this is the Netty idle handler
 * Vert.x already installs, told to watch the write side too. It needs h2c off
 * ({@code quarkus.http.http2=false}): with it on, a connection waiting for its first request head
 * is not set up yet and closes only when it is idle both ways.
 */
@ApplicationScoped
public class SlowClientTimeout implements HttpServerOptionsCustomizer {

    private final Duration headerTimeout;

    public SlowClientTimeout(GatewayConfig config) {
        this.headerTimeout = config.gateway().headerTimeout();
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        apply(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        apply(options);
    }

    private void apply(HttpServerOptions options) {
        if (headerTimeout.isZero() || headerTimeout.isNegative()) {
            return;
        }
        // the three idle timeouts share one unit, which Quarkus has set for the idle timeout
        options.setWriteIdleTimeout((int) Math.max(1, options.getIdleTimeoutUnit().convert(headerTimeout)));
    }
}
