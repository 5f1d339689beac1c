package dev.runway.registry.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.registry.resource.ResourceViews;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcmeIssuerTest {

    static ResourceViews.DomainRow row(String status, Instant notBefore, Instant notAfter) {
        return new ResourceViews.DomainRow("arn:s", "app.example.test", true, status, List.of(), List.of(), null, null,
                null, notBefore, notAfter);
    }

    @Test
    void shouldRenewAtTwoThirdsOfTheLifetime() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant to = Instant.parse("2026-04-01T00:00:00Z");
        assertEquals(Instant.parse("2026-03-02T00:00:00Z"), AcmeIssuer.renewAt(from, to));
        assertFalse(AcmeIssuer.due(row("ACTIVE", from, to), Instant.parse("2026-03-01T23:59:59Z")));
        assertTrue(AcmeIssuer.due(row("ACTIVE", from, to), Instant.parse("2026-03-02T00:00:00Z")));
    }

    @Test
    void shouldWorkOnNewAndPendingDomainsButNeverOnFailedOnes() {
        assertTrue(AcmeIssuer.due(row("CREATING", null, null), Instant.now()));
        assertTrue(AcmeIssuer.due(row("PENDING_CERTIFICATE_DNS_VALIDATION", null, null), Instant.now()));
        assertFalse(AcmeIssuer.due(row("CREATE_FAILED", null, null), Instant.now()));
    }
}
