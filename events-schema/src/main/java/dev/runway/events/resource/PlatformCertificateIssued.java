package dev.runway.events.resource;

import dev.runway.events.Message;
import java.time.Instant;
import java.util.List;

/**
 * The platform's own certificate for its service URLs ({@code *.<RUNWAY_DOMAIN>}) was issued by the
 * ACME CA (over DNS-01): the chain in PEM and its private key sealed by the registry, never in the
 * clear. Each renewal is another one on the stream {@link #streamOf(String)}; the newest serves.
 */
public record PlatformCertificateIssued(String domain, List<String> names, String certificateChain,
        String sealedKey, Instant notBefore, Instant notAfter, Instant issuedAt) implements Message {

    public PlatformCertificateIssued {
        names = names == null ? List.of() : List.copyOf(names);
    }

    /** The stream of a platform domain's certificates. */
    public static String streamOf(String domain) {
        return "platformcertificate|" + domain;
    }

    @Override
    public String resourceArn() {
        return "runway:platform-certificate/" + domain;
    }

    @Override
    public String toString() {
        return "PlatformCertificateIssued[domain=" + domain + ", names=" + names + ", notAfter=" + notAfter + "]";
    }
}
