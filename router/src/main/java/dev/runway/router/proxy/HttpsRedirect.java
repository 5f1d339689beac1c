package dev.runway.router.proxy;

import dev.runway.router.route.Hosts;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whether a plain-HTTP request goes to HTTPS instead, and where: a plain function. Only hosts some
 * certificate names are redirected (others keep being served over HTTP), never an ACME HTTP-01
 * challenge (a CA asks for it over HTTP before a certificate exists), and the port is dropped when
 * it is 443.
 */
final class HttpsRedirect {

    static final String ACME_CHALLENGE = "/.well-known/acme-challenge/";

    /** The {@code Location} of a 308 for this request, or empty: serve it as it came. */
    static Optional<String> location(String hostHeader, String uri, int httpsPort, Predicate<String> certified) {
        if (uri != null && uri.startsWith(ACME_CHALLENGE)) {
            return Optional.empty();
        }
        return Hosts.normalize(hostHeader)
                .filter(certified)
                .map(host -> "https://" + host + (httpsPort == 443 ? "" : ":" + httpsPort)
                        + (uri == null || !uri.startsWith("/") ? "/" : uri));
    }

    private HttpsRedirect() {
    }
}
