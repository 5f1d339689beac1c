package dev.runway.router.proxy;

import dev.runway.events.model.Endpoint;
import io.netty.channel.Channel;
import dev.runway.router.route.Route;
import dev.runway.router.route.RouteTable;
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
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.Future;
import io.vertx.core.net.KeyCertOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One event loop's share of the proxy: an HTTP server on the shared port and a pooled keep-alive
 * HTTP client to the instances. A request first gets a place on an instance below its service's
 * MaxConcurrency from {@link Admission} (waiting in the service's queue when every instance is
 * full), then streams through with back-pressure both ways (a request body through a pipe, the
 * answer through a pump), nothing buffered whole; a request without a body is sent at once. The
 * request timeout is one sweep of this loop's {@link Deadlines}; the header timeout and the
 * connection cap are {@link ClientConnections}. WebSocket upgrades become a byte
 * tunnel once the instance agrees. Every failure goes through {@link #fail}.
 *
 * <p>With {@link TlsSettings} a second server listens for TLS on this loop with the same handler
 * and the same {@link ClientConnections}, so every limit holds on both; HTTP/2 is chosen by ALPN
 * there. A plain-HTTP request for a host that has a certificate may be redirected
 * ({@link HttpsRedirect}).
 */
final class ProxyVerticle extends AbstractVerticle {

    // A plain logger, not Quarkus' Log: every debug line below is on the per-request path and
    // checks the level before it builds anything.
    private static final Logger LOG = Logger.getLogger(ProxyVerticle.class);

    private final RouteTable routes;
    private final Admission admission;
    private final ColdStart coldStart;
    private final ProxySettings settings;
    private final TrafficListener traffic;
    private final int port;
    private final TlsSettings tls;
    private final int tlsPort;
    private final String hsts;
    private final Deadlines deadlines = new Deadlines();
    private final ClientConnections<Channel> connections;
    private HttpClient client;
    private HttpServer server;
    private HttpServer tlsServer;
    private long sweeper = -1;
    private long idleSweeper = -1;

    ProxyVerticle(RouteTable routes, Admission admission, ProxySettings settings, TrafficListener traffic, int port,
            AtomicInteger clientConnections, TlsSettings tls, int tlsPort, ColdStart coldStart) {
        this.coldStart = coldStart;
        this.tls = tls;
        this.tlsPort = tlsPort;
        this.hsts = tls.hstsHeader();
        this.connections = new ClientConnections<>(clientConnections, settings.maxClientConnections(),
                settings.headerTimeout().toNanos(), Channel::close);
        this.routes = routes;
        this.admission = admission;
        this.settings = settings;
        this.traffic = traffic;
        this.port = port;
    }

    int actualPort() {
        return server.actualPort();
    }

    int actualTlsPort() {
        return tlsServer == null ? -1 : tlsServer.actualPort();
    }

    private HttpServerOptions tlsOptions() {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(settings.host())
                .setPort(tlsPort)
                .setSsl(true)
                // SNI is the key manager's: it chooses from the live certificates at each handshake
                .setKeyCertOptions(KeyCertOptions.wrap(tls.certificates().keyManager()))
                .setUseAlpn(true)
                .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
                .setEnabledSecureTransportProtocols(TlsSettings.PROTOCOLS)
                .setSslHandshakeTimeout(Math.max(1, settings.headerTimeout().toMillis()))
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
                .setHandle100ContinueAutomatically(true);
        TlsSettings.CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
        return options;
    }

    @Override
    public void start(Promise<Void> started) {
        client = vertx.httpClientBuilder()
                .with(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(Math.max(1, (int) settings.keepAliveTimeout().toSeconds()))
                        .setConnectTimeout((int) settings.connectTimeout().toMillis()))
                .with(new PoolOptions().setHttp1MaxSize(settings.maxConnectionsPerInstance()))
                // an instance that resets its connection is answered for (502, or another instance);
                // it is not the router's error, so not Vert.x' "unhandled exception" ERROR line
                .withConnectHandler(connection -> connection.exceptionHandler(
                        err -> LOG.debugf("connection to an instance: %s", err.toString())))
                .build();
        server = new GuardedHttpServer((VertxInternal) vertx, new HttpServerOptions()
                .setHost(settings.host())
                .setPort(port)
                // clients may speak HTTP/2 without TLS (prior knowledge or Upgrade: h2c); instances get HTTP/1.1
                .setHttp2ClearTextEnabled(true)
                .setHandle100ContinueAutomatically(true), connections);
        long timeoutMillis = settings.requestTimeout().toMillis();
        sweeper = vertx.setPeriodic(Math.max(10, Math.min(100, timeoutMillis / 10)),
                id -> deadlines.expire(System.nanoTime(), exchange -> timedOut((Exchange) exchange)));
        long headerTimeoutMillis = settings.headerTimeout().toMillis();
        idleSweeper = vertx.setPeriodic(Math.max(10, Math.min(1000, headerTimeoutMillis / 10)),
                id -> connections.closeIdle(System.nanoTime()));
        server.requestHandler(this::handle);
        Future<HttpServer> listening = server.listen();
        if (tls.enabled()) {
            tlsServer = new GuardedHttpServer((VertxInternal) vertx, tlsOptions(), connections)
                    .requestHandler(this::handle);
            listening = listening.compose(plain -> tlsServer.listen());
        }
        listening.<Void>mapEmpty().onComplete(started);
    }

    @Override
    public void stop(Promise<Void> stopped) {
        vertx.cancelTimer(sweeper);
        vertx.cancelTimer(idleSweeper);
        Future<Void> closed = server.close();
        if (tlsServer != null) {
            closed = closed.eventually(v -> tlsServer.close());
        }
        closed.eventually(v -> client.close()).onComplete(stopped);
    }

    /** One request's journey. Lives on this verticle's event loop only. */
    private final class Exchange extends Deadlines.Node {
        final HttpServerRequest request;
        final long startNanos = System.nanoTime();
        final boolean webSocket;
        /** An HTTP/1 request without a body: nothing to hold back or stream to the instance. */
        final boolean bodiless;
        /** The client connection it came on, for the header timeout; null when not tracked. */
        final ClientConnections.Tracked connection;
        Set<Endpoint> tried = Set.of();
        Route route;
        Outstanding.Lease lease;
        Admission.Waiter waiter;
        /** The cold-start hold's timer while held for a service coming up from zero; -1 otherwise. */
        long holdTimer = -1;
        HttpClientRequest upstream;
        ProxyFailure lastFailure;
        boolean paused;
        boolean done;

        Exchange(HttpServerRequest request) {
            this.request = request;
            this.webSocket = ForwardedHeaders.isWebSocketUpgrade(request);
            this.bodiless = !webSocket && ForwardedHeaders.hasNoBody(request.version(), request.headers());
            this.connection = connections.requestStarted(((ConnectionBase) request.connection()).channel());
        }

        void tried(Endpoint endpoint) {
            if (tried.isEmpty()) {
                tried = new HashSet<>();
            }
            tried.add(endpoint);
        }

        /** Ends the request's claim on the router, exactly once; {@code status} goes to the metrics. */
        void end(int status) {
            if (done) {
                return;
            }
            done = true;
            deadlines.remove(this);
            if (holdTimer >= 0) {
                vertx.cancelTimer(holdTimer);
                holdTimer = -1;
            }
            if (connection != null) {
                connection.requestEnded(System.nanoTime());
            }
            if (waiter != null) {
                waiter.cancel();
            }
            Endpoint served = lease == null ? null : lease.endpoint();
            if (lease != null) {
                admission.release(lease, route.serviceArn());
            }
            if (route != null) {
                traffic.completed(route, served, status, System.nanoTime() - startNanos);
            }
        }
    }

    private void handle(HttpServerRequest request) {
        if (request.method() == HttpMethod.GET && request.path() != null
                && request.path().startsWith(HttpsRedirect.ACME_CHALLENGE) && tls.challenges() != AcmeChallenges.NONE) {
            challenge(request);
            return;
        }
        if (tls.redirect() && tlsServer != null && !request.isSSL() && redirected(request)) {
            return;
        }
        Exchange exchange = new Exchange(request);
        request.response().closeHandler(v -> clientGone(exchange));
        deadlines.add(exchange, exchange.startNanos + settings.requestTimeout().toNanos());
        attempt(exchange);
    }

    /** An ACME CA's HTTP-01 check, for any host: the key authorization, or 404 when none is pending. */
    private void challenge(HttpServerRequest request) {
        String token = request.path().substring(HttpsRedirect.ACME_CHALLENGE.length());
        io.vertx.core.Context here = context;
        tls.challenges().answer(token).whenComplete((answer, failure) -> here.runOnContext(v -> {
            HttpServerResponse response = request.response();
            if (failure == null && answer.isPresent()) {
                response.putHeader("Content-Type", "text/plain").end(answer.get());
            } else {
                response.setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("No ACME challenge is pending for this token.\n");
            }
        }));
    }

    /** Answers 308 to https when {@link HttpsRedirect} says so. */
    private boolean redirected(HttpServerRequest request) {
        String pathAndQuery = request.path() == null || request.path().isEmpty() ? "/" : request.path();
        if (request.query() != null) {
            pathAndQuery = pathAndQuery + "?" + request.query();
        }
        Optional<String> location = HttpsRedirect.location(request.host(), pathAndQuery, tlsServer.actualPort(),
                tls.certificates()::covers);
        if (location.isEmpty()) {
            return false;
        }
        request.response().setStatusCode(308).putHeader("Location", location.get()).end();
        return true;
    }

    /** HSTS on answers over TLS, unless the instance set its own. */
    private void strictTransport(HttpServerRequest request, HttpServerResponse response) {
        if (hsts != null && request.isSSL() && !response.headers().contains("Strict-Transport-Security")) {
            response.putHeader("Strict-Transport-Security", hsts);
        }
    }

    private void attempt(Exchange exchange) {
        Resolution resolution = Resolution.resolve(exchange.request.host(), routes, e -> 0, 0, exchange.tried);
        if (resolution instanceof Resolution.Refuse refuse) {
            fail(exchange, exchange.lastFailure != null ? exchange.lastFailure : refuse.failure());
            return;
        }
        if (resolution instanceof Resolution.Hold hold) {
            hold(exchange, hold.route());
            return;
        }
        exchange.route = ((Resolution.Forward) resolution).route();
        if (!exchange.paused && !exchange.bodiless) {
            // Hold the body until the instance is connected; the pipe resumes it.
            exchange.request.pause();
            exchange.paused = true;
        }
        Admission.Ticket ticket = admission.admit(exchange.route, exchange.tried, context,
                lease -> admitted(exchange, lease));
        if (ticket instanceof Admission.Admitted admitted) {
            connect(exchange, admitted.lease());
        } else if (ticket instanceof Admission.Queued queued) {
            exchange.waiter = queued.waiter();
            if (LOG.isDebugEnabled()) {
                LOG.debugf("%s %s: every instance is busy, waiting for a place", exchange.request.method(),
                        exchange.route.host());
            }
        } else {
            Admission.Refused refused = (Admission.Refused) ticket;
            fail(exchange, new ProxyFailure.AtCapacity(exchange.route.serviceName(), refused.instances(),
                    refused.maxConcurrency(), refused.waiting()));
        }
    }

    /**
     * The service scaled to zero: the request waits in its queue (bounded as for a busy service)
     * for at most the hold timeout while the service is woken with what the held requests need.
     */
    private void hold(Exchange exchange, Route route) {
        exchange.route = route;
        if (!exchange.paused && !exchange.bodiless) {
            exchange.request.pause();
            exchange.paused = true;
        }
        Admission.Ticket ticket = admission.admit(route, exchange.tried, context, lease -> admitted(exchange, lease));
        if (ticket instanceof Admission.Admitted admitted) {
            connect(exchange, admitted.lease()); // an instance became ready meanwhile
            return;
        }
        if (ticket instanceof Admission.Refused) {
            fail(exchange, new ProxyFailure.ColdStartUnready(route.serviceName(), coldStart.holdTimeout(), true));
            return;
        }
        exchange.waiter = ((Admission.Queued) ticket).waiter();
        if (exchange.holdTimer < 0) {
            exchange.holdTimer = vertx.setTimer(Math.max(1, coldStart.holdTimeout().toMillis()),
                    id -> heldTooLong(exchange));
        }
        if (LOG.isDebugEnabled()) {
            LOG.debugf("%s %s: service at zero instances, holding the request while it wakes",
                    exchange.request.method(), route.host());
        }
        coldStart.held(route, admission.waiting(route.serviceArn()), admission.limitOf(route),
                route.maxSize() > 0 ? route.maxSize() : settings.defaultMaxSize(), System.nanoTime());
    }

    /** The hold timeout passed: 503 with Retry-After if the service is still coming up from zero. */
    private void heldTooLong(Exchange exchange) {
        exchange.holdTimer = -1;
        if (exchange.done || exchange.waiter == null) {
            return;
        }
        boolean stillCold = routes.routeOf(exchange.route.serviceArn()).map(Route::cold).orElse(false);
        if (stillCold && exchange.waiter.cancel()) {
            exchange.waiter = null;
            fail(exchange, new ProxyFailure.ColdStartUnready(exchange.route.serviceName(), coldStart.holdTimeout(),
                    false));
        }
    }

    /** A place freed up for a queued request (null: the service lost its instances, resolve again). */
    private void admitted(Exchange exchange, Outstanding.Lease lease) {
        exchange.waiter = null;
        if (exchange.done) {
            if (lease != null) {
                admission.release(lease, exchange.route.serviceArn());
            }
            return;
        }
        if (lease == null) {
            attempt(exchange);
        } else {
            if (exchange.holdTimer >= 0) {
                vertx.cancelTimer(exchange.holdTimer);
                exchange.holdTimer = -1;
            }
            connect(exchange, lease);
        }
    }

    private void connect(Exchange exchange, Outstanding.Lease lease) {
        Endpoint endpoint = lease.endpoint();
        exchange.tried(endpoint);
        exchange.lease = lease;
        client.request(upstreamRequest(exchange, endpoint))
                .onSuccess(upstream -> send(exchange, upstream))
                .onFailure(err -> {
                    if (LOG.isDebugEnabled()) {
                        LOG.debugf("%s %s: cannot connect to %s:%d (%s)", exchange.request.method(),
                                exchange.route.host(), endpoint.host(), endpoint.port(), err.toString());
                    }
                    tryAnother(exchange, err);
                });
    }

    /**
     * The instance of the exchange's lease failed before answering anything: gives its place back
     * and tries another instance, or answers with the failure once every attempt is spent.
     */
    private void tryAnother(Exchange exchange, Throwable err) {
        Outstanding.Lease lease = exchange.lease;
        exchange.lease = null;
        exchange.upstream = null;
        admission.release(lease, exchange.route.serviceArn());
        exchange.lastFailure = new ProxyFailure.UpstreamFailed(exchange.route.serviceName(), lease.endpoint(), err);
        if (exchange.done) {
            return;
        }
        if (exchange.tried.size() < settings.maxAttempts()) {
            attempt(exchange);
        } else {
            fail(exchange, exchange.lastFailure);
        }
    }

    /**
     * Whether a request whose instance closed or reset the connection before any answer may go to
     * another one: nothing of it is lost (no body) and sending it twice is harmless (not POST,
     * PATCH or the like, as nginx's proxy_next_upstream has it). A forwarder into an instance whose
     * app just died accepts the connection and then resets it.
     */
    static boolean resendable(HttpMethod method, boolean bodiless) {
        return bodiless && (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                || method == HttpMethod.PUT || method == HttpMethod.DELETE || method == HttpMethod.TRACE);
    }

    private static RequestOptions upstreamRequest(Exchange exchange, Endpoint endpoint) {
        HttpServerRequest request = exchange.request;
        String uri = request.uri();
        if (!uri.startsWith("/") && !"*".equals(uri)) {
            // absolute-form request target: keep only path and query
            uri = request.path() == null || request.path().isEmpty() ? "/" : request.path();
            if (request.query() != null) {
                uri = uri + "?" + request.query();
            }
        }
        return new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(endpoint.port(), endpoint.host()))
                .setHost(endpoint.host())
                .setPort(endpoint.port())
                .setMethod(request.method())
                .setURI(uri);
    }

    /** The instance's request headers, written straight into its request (no copy in between). */
    private static void upstreamHeaders(Exchange exchange, io.vertx.core.MultiMap headers) {
        HttpServerRequest request = exchange.request;
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        ForwardedHeaders.toUpstream(request.headers(), headers, client, request.scheme());
        if (request.version() == HttpVersion.HTTP_2 && request.authority() != null && !headers.contains("host")) {
            // HTTP/2 carries the host as :authority; an HTTP/1.1 instance needs a Host header
            headers.set("Host", request.authority().toString());
            headers.set("X-Forwarded-Host", request.authority().toString());
        }
        if (exchange.webSocket) {
            headers.set("Connection", "Upgrade");
            headers.set("Upgrade", request.getHeader("upgrade"));
        }
    }

    private void send(Exchange exchange, HttpClientRequest upstream) {
        exchange.upstream = upstream;
        // its failures are answered through the response future below (a pipe sets its own while it runs)
        quiet(upstream);
        if (exchange.done) {
            quiet(upstream);
            upstream.reset();
            return;
        }
        HttpServerRequest request = exchange.request;
        upstreamHeaders(exchange, upstream.headers());
        if (exchange.webSocket) {
            tunnel(exchange, upstream);
            return;
        }
        if (ForwardedHeaders.isChunked(request.headers())
                || (request.version() == HttpVersion.HTTP_2 && !request.headers().contains("content-length")
                        && !request.isEnded())) {
            upstream.setChunked(true);
        }
        upstream.response()
                .onSuccess(response -> respond(exchange, response))
                .onFailure(err -> {
                    if (exchange.lease != null && !exchange.done && !request.response().headWritten()
                            && resendable(request.method(), exchange.bodiless)) {
                        if (LOG.isDebugEnabled()) {
                            LOG.debugf("%s %s: %s closed the connection before answering (%s); trying another",
                                    request.method(), exchange.route.host(), exchange.lease.endpoint().instanceId(),
                                    err.toString());
                        }
                        tryAnother(exchange, err);
                        return;
                    }
                    fail(exchange, new ProxyFailure.UpstreamFailed(exchange.route.serviceName(),
                            exchange.lease.endpoint(), err));
                });
        if (exchange.bodiless) {
            upstream.end();
            return;
        }
        // If the instance stops reading (it may answer early, say 413, and close), the pipe fails
        // and keeps draining the client; whatever the instance answered still goes back. A client
        // that goes away is handled by clientGone.
        request.pipe()
                .endOnFailure(false)
                .to(upstream)
                .onFailure(err -> {
                    if (LOG.isDebugEnabled()) {
                        LOG.debugf("%s %s%s: request body not fully sent to %s (%s)", request.method(),
                                exchange.route.host(), request.uri(), exchange.lease.endpoint().instanceId(),
                                err.toString());
                    }
                    // The pipe took its exception handler back; the response future reports what
                    // follows, so keep it out of Vert.x' "unhandled exception" ERROR log.
                    quiet(upstream);
                });
    }

    /**
     * A WebSocket (or other) upgrade: the handshake goes to the instance; when it agrees (101) the
     * client gets its answer and both connections become one byte tunnel, counted as one request
     * in flight until either side closes. Any other answer is passed back as usual.
     */
    private void tunnel(Exchange exchange, HttpClientRequest upstream) {
        HttpServerRequest request = exchange.request;
        request.resume();
        upstream.connect().onComplete(ar -> {
            if (ar.failed()) {
                fail(exchange, new ProxyFailure.UpstreamFailed(exchange.route.serviceName(),
                        exchange.lease.endpoint(), ar.cause()));
                return;
            }
            HttpClientResponse answer = ar.result();
            if (answer.statusCode() != 101) {
                respond(exchange, answer);
                return;
            }
            if (exchange.done) {
                answer.netSocket().close();
                return;
            }
            cancelTimer(exchange);
            HttpServerResponse response = request.response();
            response.setStatusCode(101);
            response.headers().addAll(answer.headers());
            NetSocket instance = answer.netSocket();
            request.toNetSocket().onComplete(client -> {
                if (client.failed()) {
                    instance.close();
                    exchange.end(0);
                    return;
                }
                NetSocket user = client.result();
                user.closeHandler(v -> {
                    instance.close();
                    exchange.end(101);
                });
                instance.closeHandler(v -> {
                    user.close();
                    exchange.end(101);
                });
                user.pipeTo(instance);
                instance.pipeTo(user);
            });
        });
    }

    private void respond(Exchange exchange, HttpClientResponse upstreamResponse) {
        HttpServerRequest request = exchange.request;
        HttpServerResponse response = request.response();
        if (exchange.done || response.closed()) {
            quiet(exchange.upstream);
            exchange.upstream.reset();
            exchange.end(0);
            return;
        }
        // The instance began to answer: the request timeout is over, the body may stream as long as it takes.
        cancelTimer(exchange);
        int status = upstreamResponse.statusCode();
        response.setStatusCode(status);
        if (upstreamResponse.statusMessage() != null && request.version() != HttpVersion.HTTP_2) {
            response.setStatusMessage(upstreamResponse.statusMessage());
        }
        ForwardedHeaders.toClient(upstreamResponse.headers(), response.headers());
        strictTransport(request, response);
        if (!upstreamResponse.headers().contains("content-length") && mayHaveBody(request.method(), status)
                && request.version() == HttpVersion.HTTP_1_1) {
            response.setChunked(true);
        }
        // A pump rather than a pipe: the same back-pressure without a pipe's futures per response.
        upstreamResponse.exceptionHandler(err -> {
            // Headers are gone already; all that is left is to break the connection.
            if (LOG.isDebugEnabled()) {
                LOG.debugf("%s %s%s: response broke off (%s)", request.method(), exchange.route.host(),
                        request.uri(), err.toString());
            }
            exchange.end(0);
            response.reset();
        });
        upstreamResponse.handler(chunk -> {
            if (response.closed()) {
                return;
            }
            response.write(chunk);
            if (response.writeQueueFull()) {
                upstreamResponse.pause();
                response.drainHandler(v -> upstreamResponse.resume());
            }
        });
        upstreamResponse.endHandler(v -> {
            if (response.closed()) {
                exchange.end(0);
                return;
            }
            // the exchange first: ending an HTTP/2 stream closes it at once, which would look like a client gone
            exchange.end(status);
            response.end();
            if (LOG.isDebugEnabled()) {
                LOG.debugf("%s %s%s → %s:%d %d in %d ms", request.method(), exchange.route.host(), request.uri(),
                        upstreamResponse.request().getHost(), upstreamResponse.request().getPort(), status,
                        (System.nanoTime() - exchange.startNanos) / 1_000_000);
            }
        });
    }

    private void cancelTimer(Exchange exchange) {
        deadlines.remove(exchange);
    }

    private void timedOut(Exchange exchange) {
        if (exchange.done) {
            return;
        }
        boolean queued = exchange.waiter != null;
        String name = exchange.route == null ? exchange.request.host() : exchange.route.serviceName();
        // The answer first: resetting the instance's request reports a failure of its own, then ignored.
        fail(exchange, new ProxyFailure.TimedOut(name, settings.requestTimeout(), queued));
        if (exchange.upstream != null) {
            quiet(exchange.upstream);
            exchange.upstream.reset();
        }
    }

    private static void quiet(HttpClientRequest upstream) {
        try {
            upstream.exceptionHandler(err -> LOG.debugf("upstream request: %s", err));
        } catch (IllegalStateException alreadyComplete) {
            // nothing more can be reported on it
        }
    }

    private static boolean mayHaveBody(HttpMethod method, int status) {
        return method != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
    }

    private void clientGone(Exchange exchange) {
        if (!exchange.done) {
            if (LOG.isDebugEnabled()) {
                LOG.debugf("%s %s: client went away", exchange.request.method(), exchange.request.uri());
            }
            if (exchange.upstream != null) {
                quiet(exchange.upstream);
                exchange.upstream.reset();
            }
            exchange.end(0);
        }
    }

    /** The one place where a failure becomes a response. */
    private void fail(Exchange exchange, ProxyFailure failure) {
        if (exchange.done) {
            return;
        }
        exchange.end(failure.status());
        HttpServerRequest request = exchange.request;
        HttpServerResponse response = request.response();
        if (LOG.isDebugEnabled()) {
            LOG.debugf("%s %s%s → %d: %s", request.method(), request.host(), request.uri(), failure.status(),
                    failure.message());
        }
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
        strictTransport(request, response);
        if (failure.retryAfterSeconds() > 0) {
            response.putHeader("Retry-After", Integer.toString(failure.retryAfterSeconds()));
        }
        if (exchange.paused && !request.isEnded()) {
            // The body was held back and is not read: drop it and do not reuse the connection.
            if (request.version() != HttpVersion.HTTP_2) {
                response.putHeader("Connection", "close");
            }
            request.resume();
        }
        response.end(failure.message() + "\n");
    }
}
