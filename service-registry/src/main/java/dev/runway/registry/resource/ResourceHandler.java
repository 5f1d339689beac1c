package dev.runway.registry.resource;

import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.command.ResourceCommand;
import dev.runway.events.reply.CommandAccepted;
import dev.runway.events.reply.CommandRejected;
import dev.runway.events.resource.AssociateCustomDomain;
import dev.runway.events.resource.AutoScalingConfigurationCreated;
import dev.runway.events.resource.AutoScalingConfigurationDefaultChanged;
import dev.runway.events.resource.CreateAutoScalingConfiguration;
import dev.runway.events.resource.CreateObservabilityConfiguration;
import dev.runway.events.resource.CreateVpcConnector;
import dev.runway.events.resource.CreateVpcIngressConnection;
import dev.runway.events.resource.DeleteAutoScalingConfiguration;
import dev.runway.events.resource.DeleteObservabilityConfiguration;
import dev.runway.events.resource.DeleteVpcConnector;
import dev.runway.events.resource.DeleteVpcIngressConnection;
import dev.runway.events.resource.DisassociateCustomDomain;
import dev.runway.events.resource.ResourceEvent;
import dev.runway.events.resource.TagResource;
import dev.runway.events.resource.UntagResource;
import dev.runway.events.resource.UpdateDefaultAutoScalingConfiguration;
import dev.runway.events.resource.UpdateVpcIngressConnection;
import dev.runway.registry.config.RegistryConfig;
import dev.runway.registry.projection.Projector;
import dev.runway.registry.service.Rejection;
import dev.runway.registry.store.EventStore;
import dev.runway.registry.store.EventStore.Recorded;
import dev.runway.registry.store.OutboxMessage;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Handles one account-resource command inside the caller's transaction: read the facts from the
 * projections, load the streams it touches, decide, append each stream's events at the version it
 * was read at, project, and queue the events and the reply in the outbox.
 */
@ApplicationScoped
public class ResourceHandler {

    static final String SOURCE = "service-registry";
    public static final String DEFAULT_AUTO_SCALING_NAME = "DefaultConfiguration";
    public static final String DEFAULT_AUTO_SCALING_ID = "00000000000000000000000000000001";

    private final EventStore store;
    private final Instance<Projector> projector;
    private final ResourceViews views;
    private final Quotas quotas;
    private final RegistryConfig config;

    public ResourceHandler(EventStore store, Instance<Projector> projector, ResourceViews views, Quotas quotas,
            RegistryConfig config) {
        this.store = store;
        this.projector = projector;
        this.views = views;
        this.quotas = quotas;
        this.config = config;
    }

    /** App Runner's own default auto scaling configuration exists from the start, as on AWS. */
    void seedDefault(@Observes StartupEvent ignored) {
        String arn = "arn:" + config.partition() + ":apprunner:" + config.region() + ":" + config.accountId()
                + ":autoscalingconfiguration/" + DEFAULT_AUTO_SCALING_NAME + "/1/" + DEFAULT_AUTO_SCALING_ID;
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (!store.load(arn).isEmpty()) {
                    return;
                }
                Envelope cause = Envelope.first(SOURCE, new CreateAutoScalingConfiguration(arn, DEFAULT_AUTO_SCALING_NAME,
                        DEFAULT_AUTO_SCALING_ID, 100, 1, 25, List.of()), UUID.randomUUID());
                boolean anyDefault = views.defaultAutoScaling() != null;
                List<ResourceEvent> events = new ArrayList<>();
                events.add(new AutoScalingConfigurationCreated(arn, DEFAULT_AUTO_SCALING_NAME, 1, 100, 1, 25, List.of(),
                        Instant.now()));
                if (!anyDefault) {
                    events.add(new AutoScalingConfigurationDefaultChanged(arn, true));
                }
                commit(cause, Map.of(), events);
                Log.infof("created the default auto scaling configuration %s", arn);
            });
        } catch (RuntimeException e) {
            // another registry instance seeded it at the same moment: its append won
            Log.infof("default auto scaling configuration not seeded here: %s", e.getMessage());
        }
    }

    /** ServiceQuotaExceededException for a CreateService that would pass the services quota. */
    public Optional<Rejection> serviceQuota() {
        long live = views.liveServices();
        if (live >= quotas.services()) {
            return Optional.of(new Rejection(ResourceDecider.QUOTA_EXCEEDED, "This account already has " + live
                    + " services, the quota (RUNWAY_QUOTA_SERVICES=" + quotas.services() + "). Failed services count"
                    + " until deleted: delete one first."));
        }
        return Optional.empty();
    }

    /** Must run inside a transaction. */
    public void handle(Envelope envelope, ResourceCommand command) {
        ResourceFacts facts = ResourceFacts.at(Instant.now(), quotas);
        List<String> streams = new ArrayList<>();
        if (command instanceof CreateAutoScalingConfiguration c) {
            facts = names(facts, ResourceViews.ASC, c.name());
        } else if (command instanceof CreateObservabilityConfiguration c) {
            facts = names(facts, ResourceViews.OBS, c.name());
        } else if (command instanceof CreateVpcConnector c) {
            facts = names(facts, ResourceViews.VPC, c.name());
            facts = facts.withNames(facts.nextRevision(), facts.activeOfName(),
                    views.nameStats(ResourceViews.VPC, c.name())[3], false);
        } else if (command instanceof DeleteAutoScalingConfiguration d) {
            List<String> targets = views.resolve(ResourceViews.ASC, "autoscalingconfiguration", d.arn());
            if (d.allRevisions() && !targets.isEmpty()) {
                targets = views.activeRevisionsOfSameName(ResourceViews.ASC, targets.get(0));
            }
            facts = facts.withTargets(targets).withUse(views.autoScalingInUse(targets), views.defaultAutoScaling());
            streams.addAll(targets);
        } else if (command instanceof UpdateDefaultAutoScalingConfiguration u) {
            List<String> targets = views.resolve(ResourceViews.ASC, "autoscalingconfiguration", u.arn());
            String current = views.defaultAutoScaling();
            facts = facts.withTargets(targets).withUse(java.util.Set.of(), current);
            streams.addAll(targets);
            if (current != null) {
                streams.add(current);
            }
        } else if (command instanceof DeleteObservabilityConfiguration d) {
            List<String> targets = views.resolve(ResourceViews.OBS, "observabilityconfiguration", d.arn());
            facts = facts.withTargets(targets);
            streams.addAll(targets);
        } else if (command instanceof DeleteVpcConnector d) {
            List<String> targets = views.resolve(ResourceViews.VPC, "vpcconnector", d.arn());
            facts = facts.withTargets(targets);
            streams.addAll(targets);
        } else if (command instanceof CreateVpcIngressConnection c) {
            facts = facts.withService(views.service(c.serviceArn()).orElse(null))
                    .withNames(1, 0, views.vpcIngressConnections(c.serviceArn(), null, 0, 100).size(),
                            views.ingressNameInUse(c.name()));
        } else if (command instanceof UpdateVpcIngressConnection u) {
            streams.add(u.arn());
        } else if (command instanceof DeleteVpcIngressConnection d) {
            streams.add(d.arn());
        } else if (command instanceof AssociateCustomDomain a) {
            facts = facts.withService(views.service(a.serviceArn()).orElse(null))
                    .withDomain(config.acme().directory().isPresent(), views.domainOwner(a.domainName()).orElse(null));
            streams.add(ResourceEvent.customDomainsStream(a.serviceArn()));
        } else if (command instanceof DisassociateCustomDomain d) {
            facts = facts.withService(views.service(d.serviceArn()).orElse(null));
            streams.add(ResourceEvent.customDomainsStream(d.serviceArn()));
        } else if (command instanceof TagResource t) {
            facts = facts.withTags(views.existence(t.resourceArn()), views.tags(t.resourceArn()));
        } else if (command instanceof UntagResource u) {
            facts = facts.withTags(views.existence(u.resourceArn()), views.tags(u.resourceArn()));
        }
        Map<String, ResourceState> states = new LinkedHashMap<>();
        for (String stream : streams) {
            states.put(stream, load(stream));
        }
        try {
            List<ResourceEvent> events = ResourceDecider.decide(command, states, facts);
            for (ResourceEvent e : events) {
                states.computeIfAbsent(e.streamId(), this::load);
            }
            commit(envelope, states, events);
            queue(Topics.REPLIES, Envelope.causedBy(envelope, SOURCE,
                    new CommandAccepted(envelope.id(), command.resourceArn())));
            Log.infof("%s accepted for %s [%s]", envelope.type(), command.resourceArn(), envelope.correlationId());
        } catch (Rejection r) {
            queue(Topics.REPLIES, Envelope.causedBy(envelope, SOURCE,
                    new CommandRejected(envelope.id(), command.resourceArn(), r.errorType(), r.getMessage())));
            Log.infof("%s rejected for %s: %s", envelope.type(), command.resourceArn(), r.getMessage());
        }
    }

    private ResourceFacts names(ResourceFacts facts, String table, String name) {
        int[] stats = views.nameStats(table, name);
        return facts.withNames(stats[0], stats[1], stats[2], false);
    }

    /** Appends each stream's events after the version its state was read at. */
    private void commit(Envelope cause, Map<String, ResourceState> states, List<ResourceEvent> events) {
        Map<String, List<Envelope>> byStream = new LinkedHashMap<>();
        for (ResourceEvent e : events) {
            byStream.computeIfAbsent(e.streamId(), s -> new ArrayList<>()).add(Envelope.causedBy(cause, SOURCE, e));
        }
        for (Map.Entry<String, List<Envelope>> stream : byStream.entrySet()) {
            long expected = states.getOrDefault(stream.getKey(), ResourceState.initial()).version();
            for (Recorded r : store.append(stream.getKey(), expected, stream.getValue())) {
                projector.get().apply(r);
                queue(Topics.EVENTS, r.envelope());
                Log.infof("%s %s v%d [%s]", stream.getKey(), r.envelope().type(), r.envelope().streamVersion(),
                        cause.correlationId());
            }
        }
    }

    private ResourceState load(String streamId) {
        ResourceState state = ResourceState.initial();
        for (Recorded r : store.load(streamId)) {
            if (r.envelope().payload() instanceof ResourceEvent e) {
                state = ResourceDecider.evolve(state, e);
            } else {
                state = state.next();
            }
        }
        return state;
    }

    private static void queue(String topic, Envelope envelope) {
        OutboxMessage.queue(topic, envelope.resourceArn(), envelope);
    }
}
