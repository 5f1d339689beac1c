package dev.runway.router.route;

import java.util.Locale;
import java.util.Optional;

/**
 * The one way a host name is compared in the router: lower-case, without a port, without a
 * trailing dot. {@code Demo-0123abcd.localhost:8080} and {@code demo-0123abcd.localhost} are the
 * same route.
 */
public final class Hosts {

    /** The route key of a {@code Host} header value, or empty when there is no usable host in it. */
    public static Optional<String> normalize(String hostHeader) {
        if (hostHeader == null) {
            return Optional.empty();
        }
        String host = hostHeader.strip();
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            host = close < 0 ? host : host.substring(0, close + 1);
        } else {
            int colon = host.indexOf(':');
            if (colon >= 0) {
                host = host.substring(0, colon);
            }
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.isEmpty() ? Optional.empty() : Optional.of(host);
    }

    /**
     * The route key of a service URL as {@code ServiceCreated} carries it:
     * {@code demo-0123abcd.localhost:8080}, tolerating a scheme and a path.
     */
    public static Optional<String> fromServiceUrl(String serviceUrl) {
        if (serviceUrl == null) {
            return Optional.empty();
        }
        String url = serviceUrl.strip();
        int scheme = url.indexOf("://");
        if (scheme >= 0) {
            url = url.substring(scheme + 3);
        }
        int path = url.indexOf('/');
        if (path >= 0) {
            url = url.substring(0, path);
        }
        int userInfo = url.lastIndexOf('@');
        if (userInfo >= 0) {
            url = url.substring(userInfo + 1);
        }
        return normalize(url);
    }

    private Hosts() {
    }
}
