package dev.runway.router.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.model.ServiceStatus;
import dev.runway.events.wire.Json;
import dev.runway.router.route.Route;
import dev.runway.router.route.RouteTable;
import dev.runway.router.tls.Certificates;
import dev.runway.router.tls.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainFollowerTest {

    static final String ARN = "arn:aws:apprunner:us-east-1:000000000000:service/web/0123";

    @TempDir
    Path dir;

    ObjectNode served(Path[] files) throws Exception {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putArray("domains").addObject().put("serviceArn", ARN).put("domainName", "app.example.test")
                .put("certificateChain", Files.readString(files[0])).put("privateKey", Files.readString(files[1]))
                .put("notAfter", "2027-01-01T00:00:00Z").putArray("names").add("app.example.test")
                .add("www.app.example.test");
        return body;
    }

    @Test
    void shouldRouteAndServeActiveDomainsReplaceRenewedCertificatesAndDropGoneOnes() throws Exception {
        TestPki pki = new TestPki(dir);
        RouteTable table = new RouteTable();
        table.loadSnapshot(List.of(new Route(ARN, "web", "web-0123.localhost", ServiceStatus.RUNNING, 3, List.of())));
        Certificates certificates = new Certificates();
        DomainFollower follower = new DomainFollower("http://127.0.0.1:1", Duration.ofSeconds(1), table, certificates);

        follower.apply(served(pki.issue("first", "ec", "app.example.test", "www.app.example.test")));
        assertEquals(Map.of("app.example.test", ARN, "www.app.example.test", ARN), table.aliases());
        assertEquals(ARN, table.route("www.app.example.test").orElseThrow().serviceArn());
        assertTrue(certificates.covers("app.example.test") && certificates.covers("www.app.example.test"));
        var first = certificates.current();

        follower.apply(served(new Path[] {dir.resolve("first.crt"), dir.resolve("first.key")}));
        assertSame(first, certificates.current(), "an unchanged certificate is not put again");

        follower.apply(served(pki.issue("renewed", "ec", "app.example.test", "www.app.example.test")));
        assertNotSame(first, certificates.current(), "a renewal replaces it");

        follower.apply(Json.MAPPER.readTree("{\"domains\":[]}"));
        assertFalse(certificates.covers("app.example.test"));
        assertTrue(table.route("app.example.test").isEmpty());
        assertTrue(table.route("web-0123.localhost").isPresent());
    }

    @Test
    void shouldServeThePlatformCertificateOnceTheRegistryHasOneAndDropItWhenGone() throws Exception {
        TestPki pki = new TestPki(dir);
        Path[] files = pki.issue("platform", "ec", "*.apps.example.test");
        Certificates certificates = new Certificates();
        DomainFollower follower = new DomainFollower("http://127.0.0.1:1", Duration.ofSeconds(1), new RouteTable(),
                certificates);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putArray("domains");
        body.putObject("platform").put("domain", "apps.example.test")
                .put("certificateChain", Files.readString(files[0])).put("privateKey", Files.readString(files[1]))
                .put("notAfter", "2027-01-01T00:00:00Z").putArray("names").add("*.apps.example.test");

        follower.apply(body);
        assertTrue(certificates.covers("web-0123.apps.example.test"));
        assertEquals(List.of(DomainFollower.PLATFORM),
                certificates.current().entries().stream().map(e -> e.id()).toList());

        follower.apply(Json.MAPPER.readTree("{\"domains\":[]}"));
        assertFalse(certificates.covers("web-0123.apps.example.test"));
    }
}
