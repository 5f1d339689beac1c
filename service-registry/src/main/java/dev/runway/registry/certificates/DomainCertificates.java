package dev.runway.registry.certificates;

import dev.runway.events.resource.CertificateValidationRecord;
import dev.runway.events.resource.CustomDomainCertificateIssued;
import dev.runway.events.resource.ResourceEvent;
import dev.runway.registry.resource.ResourceDecider;
import dev.runway.registry.resource.ResourceState;
import dev.runway.registry.resource.ResourceViews;
import dev.runway.registry.secrets.ValueSeal;
import dev.runway.registry.service.Rejection;
import dev.runway.registry.store.StreamWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The custom domains' certificate facts, written on each service's custom-domain stream through
 * the registry's one synchronous write path (the same fold and decider as AssociateCustomDomain),
 * and read back for the routers with the keys opened.
 */
@ApplicationScoped
public class DomainCertificates {

    static final StreamWriter.Fold<ResourceState, ResourceEvent> FOLD = new StreamWriter.Fold<>() {
        @Override
        public ResourceState initial() {
            return ResourceState.initial();
        }

        @Override
        public ResourceState evolve(ResourceState state, ResourceEvent event) {
            return ResourceDecider.evolve(state, event);
        }
    };

    /** A domain served by the routers: the names on its certificate, the chain and the key (PEM). */
    public record Served(String serviceArn, String domainName, List<String> names, String certificateChain,
            String privateKey, Instant notAfter) {
        @Override
        public String toString() {
            return "Served[" + domainName + " of " + serviceArn + ", names=" + names + ", notAfter=" + notAfter + "]";
        }
    }

    private final StreamWriter writer;
    private final ValueSeal seal;
    private final ResourceViews views;

    public DomainCertificates(StreamWriter writer, ValueSeal seal, ResourceViews views) {
        this.writer = writer;
        this.seal = seal;
        this.views = views;
    }

    public List<ResourceViews.DomainRow> domains() {
        return QuarkusTransaction.requiringNew().call(views::domainRows);
    }

    /** Records a status change; false when the domain is no longer associated. */
    public boolean status(String serviceArn, String domain, String status, List<CertificateValidationRecord> records,
            String reason) {
        try {
            return !writer.write(ResourceEvent.customDomainsStream(serviceArn), ResourceEvent.class, FOLD,
                    state -> ResourceDecider.domainStatus(state, serviceArn, domain, status, records, reason,
                            Instant.now())).isEmpty();
        } catch (Rejection r) {
            throw new IllegalStateException(r);
        }
    }

    /** Records a certificate with its key sealed; false when the domain is no longer associated. */
    public boolean issued(String serviceArn, String domain, List<String> names, String chainPem, String keyPem,
            Instant notBefore, Instant notAfter) {
        // the projection keeps microseconds: the seal's context must read back the same
        Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String sealed = seal.seal(sealContext(serviceArn, domain), at.toString(), keyPem);
        CustomDomainCertificateIssued event = new CustomDomainCertificateIssued(serviceArn, domain, names, chainPem,
                sealed, notBefore, notAfter, at);
        try {
            return !writer.write(ResourceEvent.customDomainsStream(serviceArn), ResourceEvent.class, FOLD,
                    state -> ResourceDecider.certificate(state, event)).isEmpty();
        } catch (Rejection r) {
            throw new IllegalStateException(r);
        }
    }

    /** The ACTIVE domains with their certificates, keys opened: for the routers only (internal endpoint). */
    public List<Served> served() {
        List<Served> out = new ArrayList<>();
        for (ResourceViews.DomainRow row : domains()) {
            if ("ACTIVE".equals(row.status()) && row.chain() != null && row.sealedKey() != null) {
                try {
                    out.add(new Served(row.serviceArn(), row.domainName(), row.names(), row.chain(),
                            seal.open(sealContext(row.serviceArn(), row.domainName()), row.issuedAt().toString(),
                                    row.sealedKey()), row.notAfter()));
                } catch (RuntimeException e) {
                    io.quarkus.logging.Log.warnf("custom domain %s: its key does not open (%s); not served",
                            row.domainName(), e.getMessage());
                }
            }
        }
        return out;
    }

    private static String sealContext(String serviceArn, String domain) {
        return serviceArn + "#customdomain/" + domain;
    }
}
