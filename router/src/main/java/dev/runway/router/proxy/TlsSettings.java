package dev.runway.router.proxy;

import dev.runway.router.tls.Certificates;
import java.util.List;
import java.util.Set;

/**
 * The TLS listener beside the plain one: same handler, same limits, certificates chosen by SNI
 * from {@link Certificates} at each handshake.
 *
 * @param port             port to bind; 0 for an ephemeral one (tests); negative: no TLS listener
 * @param certificates     what is served, changeable at run time
 * @param redirect         plain-HTTP requests for a host some certificate names get 308 to https
 * @param hstsMaxAgeSeconds {@code Strict-Transport-Security: max-age=…} on answers over TLS; 0: none
 * @param challenges       answers to an ACME CA's HTTP-01 challenges ({@code /.well-known/acme-challenge/}, any host)
 */
public record TlsSettings(int port, Certificates certificates, boolean redirect, long hstsMaxAgeSeconds,
        AcmeChallenges challenges) {

    /** TLS 1.2 and 1.3 only. */
    static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    /**
     * AEAD suites with forward secrecy only (Mozilla's "intermediate" list without DHE): TLS 1.3's
     * three, then ECDHE with ECDSA or RSA keys and AES-GCM or ChaCha20-Poly1305.
     */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    public TlsSettings {
        hstsMaxAgeSeconds = Math.max(0, hstsMaxAgeSeconds);
        challenges = challenges == null ? AcmeChallenges.NONE : challenges;
    }

    public TlsSettings(int port, Certificates certificates, boolean redirect, long hstsMaxAgeSeconds) {
        this(port, certificates, redirect, hstsMaxAgeSeconds, AcmeChallenges.NONE);
    }

    /** No TLS listener. */
    public static TlsSettings off() {
        return new TlsSettings(-1, new Certificates(), false, 0);
    }

    public boolean enabled() {
        return port >= 0;
    }

    /** The header value, or null when HSTS is off. */
    String hstsHeader() {
        return hstsMaxAgeSeconds > 0 ? "max-age=" + hstsMaxAgeSeconds : null;
    }
}
