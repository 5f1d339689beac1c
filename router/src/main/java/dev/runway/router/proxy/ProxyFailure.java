package dev.runway.router.proxy;

import dev.runway.events.model.Endpoint;
import dev.runway.events.model.ServiceStatus;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.HttpClosedException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Every way the router can fail a request, and the one place each becomes an HTTP status and a
 * plain-text body a person can act on. Never a stack trace.
 */
sealed interface ProxyFailure {

    int status();

    String message();

    /** Seconds after which a retry may work, for a {@code Retry-After} header; 0 for none. */
    default int retryAfterSeconds() {
        return 0;
    }

    /** No {@code Host} header (or an empty one): there is nothing to route by. */
    record MissingHost() implements ProxyFailure {
        @Override
        public int status() {
            return 400;
        }

        @Override
        public String message() {
            return "The request has no Host header; Runway routes requests by Host.";
        }
    }

    /** The router has not loaded its first snapshot of routes yet. */
    record RoutesNotLoaded() implements ProxyFailure {
        @Override
        public int status() {
            return 503;
        }

        @Override
        public String message() {
            return "The Runway router is starting and has not loaded its routes yet; try again in a moment.";
        }

        @Override
        public int retryAfterSeconds() {
            return 1;
        }
    }

    /** No service has this host. */
    record UnknownHost(String host) implements ProxyFailure {
        @Override
        public int status() {
            return 404;
        }

        @Override
        public String message() {
            return "No Runway service is served at host '" + host + "'.";
        }
    }

    /** The service exists but none of its instances can take traffic now. */
    record NoReadyInstances(String serviceName, ServiceStatus serviceStatus) implements ProxyFailure {
        @Override
        public int status() {
            return 503;
        }

        @Override
        public String message() {
            String head = "Service '" + serviceName + "' has no ready instances";
            return switch (serviceStatus) {
                case PAUSED -> head + " (status: PAUSED); resume the service to serve requests again.";
                case OPERATION_IN_PROGRESS -> head + " yet (status: OPERATION_IN_PROGRESS); try again shortly.";
                case CREATE_FAILED -> head + " (status: CREATE_FAILED); its creation failed, see its operations.";
                default -> head + " (status: " + serviceStatus + ").";
            };
        }

        @Override
        public int retryAfterSeconds() {
            return serviceStatus == ServiceStatus.OPERATION_IN_PROGRESS ? 1 : 0;
        }
    }

    /** The chosen instance could not be reached, or broke off before it answered. */
    record UpstreamFailed(String serviceName, Endpoint endpoint, Throwable cause) implements ProxyFailure {
        @Override
        public int status() {
            return 502;
        }

        @Override
        public String message() {
            return "Service '" + serviceName + "' could not answer: its instance " + endpoint.instanceId()
                    + " " + what(cause) + ".";
        }

        private static String what(Throwable cause) {
            if (cause instanceof ConnectTimeoutException || cause instanceof TimeoutException) {
                return "did not accept the connection in time";
            }
            if (cause instanceof ConnectException) {
                return "refused the connection";
            }
            if (cause instanceof HttpClosedException) {
                return "closed the connection before it answered";
            }
            return "failed (" + cause.getClass().getSimpleName() + ")";
        }
    }

    /** Every instance of the service serves its MaxConcurrency and its wait queue is full. */
    record AtCapacity(String serviceName, int instances, int maxConcurrency, int waiting) implements ProxyFailure {
        @Override
        public int status() {
            return 429;
        }

        @Override
        public String message() {
            return "Service '" + serviceName + "' is at capacity: its " + instances + " instance(s) each serve their "
                    + "MaxConcurrency of " + maxConcurrency + " requests and " + waiting
                    + " more are waiting; try again shortly, or raise the service's auto scaling MaxSize.";
        }

        @Override
        public int retryAfterSeconds() {
            return 1;
        }
    }

    /** The request waited for a place, or for its instance to begin answering, longer than allowed. */
    record TimedOut(String serviceName, java.time.Duration timeout, boolean queued) implements ProxyFailure {
        @Override
        public int status() {
            return 504;
        }

        @Override
        public String message() {
            String limit = inWords(timeout);
            return "Service '" + serviceName + "' did not answer within the request timeout of " + limit
                    + (queued ? " (every instance stayed busy)." : ".");
        }
    }

    /**
     * The service scaled to zero and no instance came up within the hold timeout, or too many
     * requests are held for it already.
     */
    record ColdStartUnready(String serviceName, java.time.Duration timeout, boolean queueFull) implements ProxyFailure {
        @Override
        public int status() {
            return 503;
        }

        @Override
        public String message() {
            if (queueFull) {
                return "Service '" + serviceName + "' is starting from zero instances and holds as many requests as"
                        + " it may already; try again shortly.";
            }
            String limit = inWords(timeout);
            return "Service '" + serviceName + "' is starting from zero instances and none was ready within " + limit
                    + "; try again shortly.";
        }

        @Override
        public int retryAfterSeconds() {
            return 2;
        }
    }

    /** {@code 30 s}, or {@code 250 ms} for a limit that is no whole number of seconds. */
    static String inWords(java.time.Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }
}
