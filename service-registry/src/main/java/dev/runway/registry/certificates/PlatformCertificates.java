package dev.runway.registry.certificates;

import dev.runway.events.resource.PlatformCertificateIssued;
import dev.runway.registry.secrets.ValueSeal;
import dev.runway.registry.service.Rejection;
import dev.runway.registry.store.EventStore;
import dev.runway.registry.store.StreamWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The platform's own certificate for its service URLs ({@code *.<RUNWAY_DOMAIN>}), from the ACME CA:
 * facts on the stream {@code platformcertificate|<domain>}, written through the registry's one
 * synchronous write path and read by folding that stream (one small stream, a fact a renewal; no
 * projection needed). The routers get the newest with its key opened.
 */
@ApplicationScoped
public class PlatformCertificates {

    /** The newest certificate of the stream; null before the first. */
    static final StreamWriter.Fold<PlatformCertificateIssued, PlatformCertificateIssued> FOLD = new StreamWriter.Fold<>() {
        @Override
        public PlatformCertificateIssued initial() {
            return null;
        }

        @Override
        public PlatformCertificateIssued evolve(PlatformCertificateIssued state, PlatformCertificateIssued event) {
            return event;
        }
    };

    /** The certificate the routers serve for every service host: names, chain and key (PEM). */
    public record Served(String domain, List<String> names, String certificateChain, String privateKey,
            Instant notAfter) {
        @Override
        public String toString() {
            return "Served[" + names + ", notAfter=" + notAfter + "]";
        }
    }

    private final StreamWriter writer;
    private final EventStore store;
    private final ValueSeal seal;

    public PlatformCertificates(StreamWriter writer, EventStore store, ValueSeal seal) {
        this.writer = writer;
        this.store = store;
        this.seal = seal;
    }

    /** The newest certificate of {@code domain}, key still sealed; empty before the first. */
    public Optional<PlatformCertificateIssued> current(String domain) {
        return Optional.ofNullable(QuarkusTransaction.requiringNew().call(() -> {
            PlatformCertificateIssued state = FOLD.initial();
            for (EventStore.Recorded r : store.load(PlatformCertificateIssued.streamOf(domain))) {
                state = FOLD.evolve(state, (PlatformCertificateIssued) r.envelope().payload());
            }
            return state;
        }));
    }

    /** Records a new certificate for {@code domain} with its key sealed. */
    public void issued(String domain, List<String> names, String chainPem, String keyPem, Instant notBefore,
            Instant notAfter) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PlatformCertificateIssued event = new PlatformCertificateIssued(domain, names, chainPem,
                seal.seal(sealContext(domain), at.toString(), keyPem), notBefore, notAfter, at);
        try {
            writer.write(PlatformCertificateIssued.streamOf(domain), PlatformCertificateIssued.class, FOLD,
                    state -> List.of(event));
        } catch (Rejection r) {
            throw new IllegalStateException(r);
        }
    }

    /** The certificate to serve, key opened: for the routers only (internal endpoint). */
    public Optional<Served> served(String domain) {
        return current(domain).flatMap(c -> {
            try {
                return Optional.of(new Served(c.domain(), c.names(), c.certificateChain(),
                        seal.open(sealContext(domain), c.issuedAt().toString(), c.sealedKey()), c.notAfter()));
            } catch (RuntimeException e) {
                io.quarkus.logging.Log.warnf("the platform certificate of %s: its key does not open (%s); not served",
                        domain, e.getMessage());
                return Optional.empty();
            }
        });
    }

    private static String sealContext(String domain) {
        return "platform#certificate/" + domain;
    }
}
