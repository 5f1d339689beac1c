package dev.runway.router.proxy;

import io.netty.channel.Channel;
import io.netty.handler.traffic.GlobalTrafficShapingHandler;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.impl.SslChannelProvider;
import java.util.function.BiConsumer;

/**
 * Vert.x' HTTP server, with each accepted socket reported to {@link ClientConnections} before
 * Vert.x sets it up. Vert.x offers no earlier hook than its connection handler, and with h2c on
 * that runs only once the first request head is complete: too late for a header timeout, which
 * must count from the moment a slow client connects. This subclass of an internal class is the
 * one place the router leans on Vert.x' internals; it runs on the event loop the socket is
 * registered with, the same loop that then serves its requests.
 */
final class GuardedHttpServer extends HttpServerImpl {

    private final ClientConnections<Channel> connections;

    GuardedHttpServer(VertxInternal vertx, HttpServerOptions options, ClientConnections<Channel> connections) {
        super(vertx, options);
        this.connections = connections;
    }

    @Override
    protected BiConsumer<Channel, SslChannelProvider> childHandler(ContextInternal context, SocketAddress address,
            GlobalTrafficShapingHandler trafficShaping) {
        BiConsumer<Channel, SslChannelProvider> vertxSetup = super.childHandler(context, address, trafficShaping);
        return (channel, ssl) -> {
            if (!connections.opened(channel, System.nanoTime())) {
                return;
            }
            channel.closeFuture().addListener(closed -> connections.closed(channel));
            vertxSetup.accept(channel, ssl);
        };
    }
}
