package dev.runway.router.proxy;

import dev.runway.events.model.Endpoint;
import dev.runway.router.route.Route;
import dev.runway.router.route.RouteTable;
import io.quarkus.logging.Log;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One event loop's share of the proxy: an HTTP server on the shared port and a pooled HTTP client
 * to the instances. Bodies stream both ways through pipes with back-pressure; nothing is buffered
 * whole. Every failure goes through {@link #fail}.
 */
final class ProxyVerticle extends AbstractVerticle {

    private final RouteTable routes;
    private final Outstanding outstanding;
    private final AtomicInteger rotation;
    private final ProxySettings settings;
    private final int port;
    private HttpClient client;
    private HttpServer server;

    ProxyVerticle(RouteTable routes, Outstanding outstanding, AtomicInteger rotation, ProxySettings settings,
            int port) {
        this.routes = routes;
        this.outstanding = outstanding;
        this.rotation = rotation;
        this.settings = settings;
        this.port = port;
    }

    int actualPort() {
        return server.actualPort();
    }

    @Override
    public void start(Promise<Void> started) {
        client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(Math.max(1, (int) settings.keepAliveTimeout().toSeconds()))
                        .setConnectTimeout((int) settings.connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(settings.maxConnectionsPerInstance()));
        server = vertx.createHttpServer(new HttpServerOptions()
                .setHost(settings.host())
                .setPort(port)
                .setHttp2ClearTextEnabled(false)
                .setHandle100ContinueAutomatically(true));
        server.requestHandler(this::handle)
                .listen()
                .<Void>mapEmpty()
                .onComplete(started);
    }

    @Override
    public void stop(Promise<Void> stopped) {
        server.close().eventually(v -> client.close()).onComplete(stopped);
    }

    /** One request's journey. Lives on this verticle's event loop only. */
    private static final class Exchange {
        final HttpServerRequest request;
        final long startNanos = System.nanoTime();
        final Set<Endpoint> tried = new HashSet<>();
        Route route;
        Outstanding.Lease lease;
        HttpClientRequest upstream;
        ProxyFailure lastFailure;
        boolean paused;
        boolean done;

        Exchange(HttpServerRequest request) {
            this.request = request;
        }

        void end() {
            done = true;
            if (lease != null) {
                lease.release();
            }
        }
    }

    private void handle(HttpServerRequest request) {
        Exchange exchange = new Exchange(request);
        request.response().closeHandler(v -> clientGone(exchange));
        attempt(exchange);
    }

    private void attempt(Exchange exchange) {
        Resolution resolution = Resolution.resolve(exchange.request.host(), routes, outstanding::of,
                rotation.getAndIncrement(), exchange.tried);
        if (resolution instanceof Resolution.Refuse refuse) {
            fail(exchange, exchange.lastFailure != null ? exchange.lastFailure : refuse.failure());
            return;
        }
        Resolution.Forward forward = (Resolution.Forward) resolution;
        Endpoint endpoint = forward.endpoint();
        exchange.route = forward.route();
        exchange.tried.add(endpoint);
        exchange.lease = outstanding.acquire(endpoint);
        if (!exchange.paused) {
            // Hold the body until the instance is connected; the pipe resumes it.
            exchange.request.pause();
            exchange.paused = true;
        }
        client.request(upstreamRequest(exchange.request, endpoint))
                .onSuccess(upstream -> send(exchange, upstream))
                .onFailure(err -> {
                    exchange.lease.release();
                    exchange.lastFailure = new ProxyFailure.UpstreamFailed(exchange.route.serviceName(), endpoint, err);
                    Log.debugf("%s %s: cannot connect to %s:%d (%s)", exchange.request.method(),
                            exchange.route.host(), endpoint.host(), endpoint.port(), err.toString());
                    if (exchange.done) {
                        return;
                    }
                    if (exchange.tried.size() < settings.maxAttempts()) {
                        attempt(exchange);
                    } else {
                        fail(exchange, exchange.lastFailure);
                    }
                });
    }

    private static RequestOptions upstreamRequest(HttpServerRequest request, Endpoint endpoint) {
        String uri = request.uri();
        if (!uri.startsWith("/") && !"*".equals(uri)) {
            // absolute-form request target: keep only path and query
            uri = request.path() == null || request.path().isEmpty() ? "/" : request.path();
            if (request.query() != null) {
                uri = uri + "?" + request.query();
            }
        }
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(endpoint.port(), endpoint.host()))
                .setHost(endpoint.host())
                .setPort(endpoint.port())
                .setMethod(request.method())
                .setURI(uri)
                .setHeaders(ForwardedHeaders.toUpstream(request.headers(), client, request.scheme()));
    }

    private void send(Exchange exchange, HttpClientRequest upstream) {
        exchange.upstream = upstream;
        if (exchange.done) {
            quiet(upstream);
            upstream.reset();
            return;
        }
        HttpServerRequest request = exchange.request;
        if (ForwardedHeaders.isChunked(request.headers())) {
            upstream.setChunked(true);
        }
        upstream.response()
                .onSuccess(response -> respond(exchange, response))
                .onFailure(err -> fail(exchange,
                        new ProxyFailure.UpstreamFailed(exchange.route.serviceName(), exchange.lease.endpoint(), err)));
        // If the instance stops reading (it may answer early, say 413, and close), the pipe fails
        // and keeps draining the client; whatever the instance answered still goes back. A client
        // that goes away is handled by clientGone.
        request.pipe()
                .endOnFailure(false)
                .to(upstream)
                .onFailure(err -> {
                    Log.debugf("%s %s%s: request body not fully sent to %s (%s)", request.method(),
                            exchange.route.host(), request.uri(), exchange.lease.endpoint().instanceId(),
                            err.toString());
                    // The pipe took its exception handler back; the response future reports what
                    // follows, so keep it out of Vert.x' "unhandled exception" ERROR log.
                    quiet(upstream);
                });
    }

    private void respond(Exchange exchange, HttpClientResponse upstreamResponse) {
        HttpServerRequest request = exchange.request;
        HttpServerResponse response = request.response();
        if (exchange.done || response.closed()) {
            quiet(exchange.upstream);
            exchange.upstream.reset();
            exchange.end();
            return;
        }
        int status = upstreamResponse.statusCode();
        response.setStatusCode(status);
        if (upstreamResponse.statusMessage() != null) {
            response.setStatusMessage(upstreamResponse.statusMessage());
        }
        ForwardedHeaders.toClient(upstreamResponse.headers(), response.headers());
        if (!upstreamResponse.headers().contains("content-length") && mayHaveBody(request.method(), status)
                && request.version() != HttpVersion.HTTP_1_0) {
            response.setChunked(true);
        }
        upstreamResponse.pipe()
                .endOnFailure(false)
                .to(response)
                .onSuccess(v -> {
                    exchange.end();
                    Log.debugf("%s %s%s → %s:%d %d in %d ms", request.method(), exchange.route.host(), request.uri(),
                            exchange.lease.endpoint().host(), exchange.lease.endpoint().port(), status,
                            (System.nanoTime() - exchange.startNanos) / 1_000_000);
                })
                .onFailure(err -> {
                    // Headers are gone already; all that is left is to break the connection.
                    Log.debugf("%s %s%s: response from %s broke off (%s)", request.method(), exchange.route.host(),
                            request.uri(), exchange.lease.endpoint().instanceId(), err.toString());
                    exchange.end();
                    response.reset();
                });
    }

    private static void quiet(HttpClientRequest upstream) {
        try {
            upstream.exceptionHandler(err -> Log.debugf("upstream request: %s", err.toString()));
        } catch (IllegalStateException alreadyComplete) {
            // nothing more can be reported on it
        }
    }

    private static boolean mayHaveBody(HttpMethod method, int status) {
        return method != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
    }

    private void clientGone(Exchange exchange) {
        if (!exchange.done) {
            Log.debugf("%s %s: client went away", exchange.request.method(), exchange.request.uri());
            if (exchange.upstream != null) {
                quiet(exchange.upstream);
                exchange.upstream.reset();
            }
            exchange.end();
        }
    }

    /** The one place where a failure becomes a response. */
    private void fail(Exchange exchange, ProxyFailure failure) {
        if (exchange.done) {
            return;
        }
        exchange.end();
        HttpServerRequest request = exchange.request;
        HttpServerResponse response = request.response();
        Log.debugf("%s %s%s → %d: %s", request.method(), request.host(), request.uri(), failure.status(),
                failure.message());
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        response.headers().clear();
        response.setStatusCode(failure.status())
                .putHeader("Content-Type", "text/plain; charset=utf-8");
        if (failure.retryAfterSeconds() > 0) {
            response.putHeader("Retry-After", Integer.toString(failure.retryAfterSeconds()));
        }
        if (exchange.paused && !request.isEnded()) {
            // The body was held back and is not read: drop it and do not reuse the connection.
            response.putHeader("Connection", "close");
            request.resume();
        }
        response.end(failure.message() + "\n");
    }
}
