package dev.runway.registry.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.model.Tag;
import dev.runway.events.resource.AssociateCustomDomain;
import dev.runway.events.resource.AutoScalingConfigurationCreated;
import dev.runway.events.resource.AutoScalingConfigurationDefaultChanged;
import dev.runway.events.resource.AutoScalingConfigurationDeleted;
import dev.runway.events.resource.CreateAutoScalingConfiguration;
import dev.runway.events.resource.CustomDomainAssociated;
import dev.runway.events.resource.DeleteAutoScalingConfiguration;
import dev.runway.events.resource.DeleteVpcIngressConnection;
import dev.runway.events.resource.DisassociateCustomDomain;
import dev.runway.events.resource.ResourceEvent;
import dev.runway.events.resource.TagResource;
import dev.runway.events.resource.UpdateDefaultAutoScalingConfiguration;
import dev.runway.events.resource.VpcIngressConnectionCreated;
import dev.runway.events.resource.VpcIngressConnectionDeleted;
import dev.runway.registry.service.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Given the streams' events and the facts, when a command arrives, then these events (or this rejection). */
class ResourceDeciderTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final String BASE = "arn:aws:apprunner:us-east-1:000000000000:";
    static final String FAST = BASE + "autoscalingconfiguration/fast";
    static final String FAST_1 = FAST + "/1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String DEFAULT = BASE + "autoscalingconfiguration/DefaultConfiguration/1/00000000000000000000000000000001";
    static final String SERVICE = BASE + "service/web/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    static final String INGRESS = BASE + "vpcingressconnection/in/cccccccccccccccccccccccccccccccc";

    static final Quotas QUOTAS = new Quotas() {
        public int services() { return 30; }
        public int autoScalingNames() { return 10; }
        public int autoScalingRevisions() { return 5; }
        public int observabilityNames() { return 10; }
        public int observabilityRevisions() { return 10; }
        public int vpcConnectors() { return 10; }
        public int vpcIngressConnections() { return 1; }
        public int customDomainsPerService() { return 5; }
        public int tagsPerResource() { return 50; }
        public int connections() { return 10; }
    };

    static ResourceFacts facts() {
        return ResourceFacts.at(NOW, QUOTAS);
    }

    static ResourceState given(ResourceEvent... events) {
        ResourceState s = ResourceState.initial();
        for (ResourceEvent e : events) {
            s = ResourceDecider.evolve(s, e);
        }
        return s;
    }

    static AutoScalingConfigurationCreated fast1() {
        return new AutoScalingConfigurationCreated(FAST_1, "fast", 1, 50, 1, 4, List.of(), NOW);
    }

    @Test
    void shouldCreateTheNextRevisionOfAName() throws Rejection {
        var events = ResourceDecider.decide(new CreateAutoScalingConfiguration(FAST, "fast", "dd", 50, 2, 4, List.of()),
                Map.of(), facts().withNames(3, 2, 1, false));
        assertEquals(List.of(new AutoScalingConfigurationCreated(FAST + "/3/dd", "fast", 3, 50, 2, 4, List.of(), NOW)),
                events);
    }

    @Test
    void shouldRefuseASixthRevisionAndAnEleventhName() {
        var sixth = assertThrows(Rejection.class, () -> ResourceDecider.decide(
                new CreateAutoScalingConfiguration(FAST, "fast", "dd", 50, 1, 4, List.of()), Map.of(),
                facts().withNames(6, 5, 3, false)));
        assertEquals(ResourceDecider.QUOTA_EXCEEDED, sixth.errorType());
        var eleventh = assertThrows(Rejection.class, () -> ResourceDecider.decide(
                new CreateAutoScalingConfiguration(FAST, "fast", "dd", 50, 1, 4, List.of()), Map.of(),
                facts().withNames(1, 0, 10, false)));
        assertEquals(ResourceDecider.QUOTA_EXCEEDED, eleventh.errorType());
    }

    @Test
    void shouldRefuseMinSizeAboveMaxSize() {
        var r = assertThrows(Rejection.class, () -> ResourceDecider.decide(
                new CreateAutoScalingConfiguration(FAST, "fast", "dd", 50, 5, 4, List.of()), Map.of(), facts()));
        assertEquals(Rejection.INVALID_REQUEST, r.errorType());
        assertTrue(r.getMessage().contains("MinSize"));
    }

    @Test
    void shouldRefuseToDeleteAConfigurationInUseOrTheDefault() {
        var inUse = assertThrows(Rejection.class, () -> ResourceDecider.decide(
                new DeleteAutoScalingConfiguration(FAST_1, false), Map.of(FAST_1, given(fast1())),
                facts().withTargets(List.of(FAST_1)).withUse(Set.of(FAST_1), DEFAULT)));
        assertEquals(Rejection.INVALID_STATE, inUse.errorType());
        var isDefault = assertThrows(Rejection.class, () -> ResourceDecider.decide(
                new DeleteAutoScalingConfiguration(FAST_1, false),
                Map.of(FAST_1, given(fast1(), new AutoScalingConfigurationDefaultChanged(FAST_1, true))),
                facts().withTargets(List.of(FAST_1)).withUse(Set.of(), FAST_1)));
        assertEquals(Rejection.INVALID_STATE, isDefault.errorType());
    }

    @Test
    void shouldDeleteAnUnusedRevisionOnceOnly() throws Rejection {
        ResourceFacts f = facts().withTargets(List.of(FAST_1)).withUse(Set.of(), DEFAULT);
        assertEquals(List.of(new AutoScalingConfigurationDeleted(FAST_1, NOW)), ResourceDecider.decide(
                new DeleteAutoScalingConfiguration(FAST_1, false), Map.of(FAST_1, given(fast1())), f));
        var again = assertThrows(Rejection.class, () -> ResourceDecider.decide(
                new DeleteAutoScalingConfiguration(FAST_1, false),
                Map.of(FAST_1, given(fast1(), new AutoScalingConfigurationDeleted(FAST_1, NOW))), f));
        assertEquals(Rejection.NOT_FOUND, again.errorType());
    }

    @Test
    void shouldMoveTheDefaultFromOneRevisionToAnother() throws Rejection {
        var events = ResourceDecider.decide(new UpdateDefaultAutoScalingConfiguration(FAST),
                Map.of(FAST_1, given(fast1())), facts().withTargets(List.of(FAST_1)).withUse(Set.of(), DEFAULT));
        assertEquals(List.of(new AutoScalingConfigurationDefaultChanged(FAST_1, true),
                new AutoScalingConfigurationDefaultChanged(DEFAULT, false)), events);
    }

    @Test
    void shouldAssociateADomainOnceWithValidationRecordsForWww() throws Rejection {
        ResourceFacts f = facts().withService(new ResourceFacts.Service("RUNNING", "web-bbbbbbbb.localhost"));
        var events = ResourceDecider.decide(new AssociateCustomDomain(SERVICE, "example.com", true), Map.of(), f);
        CustomDomainAssociated a = (CustomDomainAssociated) events.get(0);
        assertEquals(2, a.validationRecords().size());
        assertEquals("CNAME", a.validationRecords().get(0).type());
        var again = assertThrows(Rejection.class, () -> ResourceDecider.decide(
                new AssociateCustomDomain(SERVICE, "example.com", true),
                Map.of(ResourceEvent.customDomainsStream(SERVICE), given(a)), f));
        assertEquals(Rejection.INVALID_REQUEST, again.errorType());
        var unknown = assertThrows(Rejection.class, () -> ResourceDecider.decide(
                new DisassociateCustomDomain(SERVICE, "other.com"), Map.of(ResourceEvent.customDomainsStream(SERVICE),
                        given(a)), f));
        assertEquals(Rejection.NOT_FOUND, unknown.errorType());
        var deleted = assertThrows(Rejection.class, () -> ResourceDecider.decide(
                new AssociateCustomDomain(SERVICE, "example.org", false), Map.of(),
                facts().withService(new ResourceFacts.Service("DELETED", "x"))));
        assertEquals(Rejection.INVALID_STATE, deleted.errorType());
    }

    @Test
    void shouldRefuseDomainsThatAreNotNamesTakenOrTheServicesOwnHost() throws Rejection {
        ResourceFacts f = facts().withService(new ResourceFacts.Service("RUNNING", "web-bbbbbbbb.localhost"));
        for (String bad : List.of("bad domain!", "localhost", "-a.example.com", "a..example.com", "example.com.")) {
            var r = assertThrows(Rejection.class, () -> ResourceDecider.decide(new AssociateCustomDomain(SERVICE, bad,
                    true), Map.of(), f), bad);
            assertEquals(Rejection.INVALID_REQUEST, r.errorType(), bad);
        }
        assertEquals(1, ResourceDecider.decide(new AssociateCustomDomain(SERVICE, "*.example.com", false), Map.of(), f)
                .size(), "a wildcard is a name App Runner takes");
        var own = assertThrows(Rejection.class, () -> ResourceDecider.decide(new AssociateCustomDomain(SERVICE,
                "web-bbbbbbbb.localhost", false), Map.of(), f));
        assertTrue(own.getMessage().contains("own URL host"), own.getMessage());
        var taken = assertThrows(Rejection.class, () -> ResourceDecider.decide(new AssociateCustomDomain(SERVICE,
                "app.example.com", false), Map.of(), f.withDomain(false, "arn:other")));
        assertTrue(taken.getMessage().contains("another service"), taken.getMessage());
    }

    @Test
    void shouldStartCreatingWhenACertificateAuthorityIssuesAndRecordOnlyForLinkedDomains() throws Rejection {
        ResourceFacts f = facts().withService(new ResourceFacts.Service("RUNNING", "web-bbbbbbbb.localhost"))
                .withDomain(true, null);
        var events = ResourceDecider.decide(new AssociateCustomDomain(SERVICE, "app.example.test", true), Map.of(), f);
        assertEquals(2, events.size());
        var creating = (dev.runway.events.resource.CustomDomainStatusChanged) events.get(1);
        assertEquals("CREATING", creating.status());
        ResourceState linked = given(events.toArray(ResourceEvent[]::new));
        assertEquals(1, ResourceDecider.domainStatus(linked, SERVICE, "app.example.test", "ACTIVE", List.of(), null,
                NOW).size());
        assertEquals(List.of(), ResourceDecider.domainStatus(linked, SERVICE, "gone.example.test", "ACTIVE", List.of(),
                null, NOW));
    }

    @Test
    void shouldRefuseToDeleteADeletedIngressConnection() {
        ResourceState deleted = given(new VpcIngressConnectionCreated(INGRESS, "in", SERVICE, "vpc-1", "vpce-1", "h",
                "000000000000", List.of(), NOW), new VpcIngressConnectionDeleted(INGRESS, NOW));
        var r = assertThrows(Rejection.class, () -> ResourceDecider.decide(new DeleteVpcIngressConnection(INGRESS),
                Map.of(INGRESS, deleted), facts()));
        assertEquals(Rejection.INVALID_STATE, r.errorType());
    }

    @Test
    void shouldTagKnownResourcesWithinTheLimitOnly() throws Rejection {
        var unknown = assertThrows(Rejection.class, () -> ResourceDecider.decide(
                new TagResource(SERVICE, List.of(new Tag("a", "1"))), Map.of(), facts()));
        assertEquals(Rejection.NOT_FOUND, unknown.errorType());
        var reserved = assertThrows(Rejection.class, () -> ResourceDecider.decide(
                new TagResource(SERVICE, List.of(new Tag("aws:x", "1"))), Map.of(),
                facts().withTags(ResourceFacts.Existence.LIVE, List.of())));
        assertEquals(Rejection.INVALID_REQUEST, reserved.errorType());
        assertEquals(1, ResourceDecider.decide(new TagResource(SERVICE, List.of(new Tag("a", "1"))), Map.of(),
                facts().withTags(ResourceFacts.Existence.LIVE, List.of())).size());
    }

    @Test
    void shouldTakeRunwayScaleToZeroTagsOnAServiceOnlyWithValuesItReads() throws Rejection {
        var live = facts().withTags(ResourceFacts.Existence.LIVE, List.of(new Tag("runway:min-size", "0")));
        assertEquals(1, ResourceDecider.decide(new TagResource(SERVICE, List.of(new Tag("runway:idle-timeout", "10"))),
                Map.of(), live).size());
        var tooShort = assertThrows(Rejection.class, () -> ResourceDecider.decide(
                new TagResource(SERVICE, List.of(new Tag("runway:idle-timeout", "9"))), Map.of(), live));
        assertEquals(Rejection.INVALID_REQUEST, tooShort.errorType());
        assertTrue(tooShort.getMessage().contains("runway:idle-timeout"), tooShort.getMessage());
        var unknown = assertThrows(Rejection.class, () -> ResourceDecider.decide(
                new TagResource(SERVICE, List.of(new Tag("runway:minsize", "0"))), Map.of(), live));
        assertTrue(unknown.getMessage().contains("runway:minsize"), unknown.getMessage());
    }

    @Test
    void shouldTakeRunwayRolloutTagsOnAServiceOnlyWithValuesItReads() throws Rejection {
        var live = facts().withTags(ResourceFacts.Existence.LIVE, List.of(new Tag("runway:rollout", "10,100")));
        assertEquals(1, ResourceDecider.decide(new TagResource(SERVICE, List.of(
                new Tag("runway:rollout-interval", "30"))), Map.of(), live).size());
        var noEnd = assertThrows(Rejection.class, () -> ResourceDecider.decide(
                new TagResource(SERVICE, List.of(new Tag("runway:rollout", "10,50"))), Map.of(), live));
        assertEquals(Rejection.INVALID_REQUEST, noEnd.errorType());
        assertTrue(noEnd.getMessage().contains("runway:rollout"), noEnd.getMessage());
        var tooShort = assertThrows(Rejection.class, () -> ResourceDecider.decide(
                new TagResource(SERVICE, List.of(new Tag("runway:rollout-interval", "1"))), Map.of(), live));
        assertTrue(tooShort.getMessage().contains("runway:rollout-interval"), tooShort.getMessage());
    }
}
