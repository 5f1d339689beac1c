package dev.runway.registry.messaging;

import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.command.Command;
import dev.runway.events.command.CreateConnection;
import dev.runway.events.command.CreateService;
import dev.runway.events.command.ResourceCommand;
import dev.runway.events.event.ConnectionDeleted;
import dev.runway.events.event.ConnectionEvent;
import dev.runway.registry.connection.ConnectionDecider;
import dev.runway.registry.connection.ConnectionSecret;
import dev.runway.registry.connection.ConnectionState;
import dev.runway.registry.connection.ConnectionView;
import dev.runway.events.Message;
import dev.runway.events.build.BuildCommand;
import dev.runway.events.command.ScaleService;
import dev.runway.events.command.AdvanceRollout;
import dev.runway.events.command.StartDeployment;
import dev.runway.events.command.UpdateService;
import dev.runway.events.command.WakeService;
import dev.runway.events.command.UpdateTraffic;
import dev.runway.registry.config.RegistryConfig;
import dev.runway.registry.service.RevisionHistory;
import dev.runway.events.model.RolloutPlan;
import dev.runway.events.model.ScaleToZero;
import dev.runway.events.event.ServiceEvent;
import dev.runway.events.model.AutoScalingLimits;
import dev.runway.events.model.ServiceConfiguration;
import dev.runway.events.reply.CommandAccepted;
import dev.runway.events.reply.CommandRejected;
import dev.runway.events.report.Report;
import dev.runway.events.event.EventRuleEvent;
import dev.runway.registry.projection.Projector;
import dev.runway.registry.rule.RuleDecider;
import dev.runway.registry.rule.RuleState;
import dev.runway.registry.projection.ServiceView;
import dev.runway.registry.resource.Quotas;
import dev.runway.registry.resource.ResourceHandler;
import dev.runway.registry.resource.ResourceViews;
import dev.runway.registry.service.Facts;
import dev.runway.registry.service.Rejection;
import dev.runway.registry.service.ServiceDecider;
import dev.runway.registry.service.ServiceProcess;
import dev.runway.registry.service.ServiceState;
import dev.runway.registry.store.EventStore;
import dev.runway.registry.store.EventStore.Recorded;
import dev.runway.registry.store.OutboxMessage;
import dev.runway.registry.store.ProcessedMessage;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Handles one command or report inside one transaction: load the stream, decide, append, project,
 * and queue the resulting events, worker commands and reply in the outbox. A message id seen
 * before changes nothing.
 */
@ApplicationScoped
public class MessageHandler {

    static final String SOURCE = "service-registry";

    private final EventStore store;
    private final Projector projector;
    private final ServiceUrls urls;
    private final ResourceHandler resources;
    private final Quotas quotas;
    private final ResourceViews views;

    private final int revisionsKept;

    public MessageHandler(EventStore store, Projector projector, ServiceUrls urls, ResourceHandler resources,
            Quotas quotas, ResourceViews views, RegistryConfig config) {
        this.revisionsKept = config.revisionsKept();
        this.quotas = quotas;
        this.store = store;
        this.projector = projector;
        this.urls = urls;
        this.resources = resources;
        this.views = views;
    }

    /** Must run inside a transaction; the caller retries it whole on a conflict. */
    public void handle(Envelope envelope) {
        if (ProcessedMessage.findById(envelope.id()) != null) {
            Log.debugf("already handled %s %s", envelope.type(), envelope.id());
            return;
        }
        ProcessedMessage.record(envelope.id());

        if (envelope.payload() instanceof Command command && ConnectionDecider.handles(command)) {
            handleConnectionCommand(envelope, command);
        } else if (envelope.payload() instanceof Command command) {
            handleCommand(envelope, command);
        } else if (envelope.payload() instanceof Report report) {
            handleReport(envelope, report);
        } else {
            Log.warnf("ignoring %s %s: not a command or report", envelope.type(), envelope.id());
        }
    }

    /**
     * Answers a command that can never be handled, so the caller is not left waiting: with
     * {@code errorType} (InvalidRequestException when the store refused its content).
     */
    public void rejectUnhandled(Envelope envelope, String errorType, String reason) {
        if (envelope.payload() instanceof Command) {
            ProcessedMessage.record(envelope.id());
            queue(Topics.REPLIES, Envelope.causedBy(envelope, SOURCE, new CommandRejected(envelope.id(),
                    envelope.resourceArn(), errorType, reason)));
        }
    }

    private void handleCommand(Envelope envelope, Command command) {
        if (command instanceof ResourceCommand resourceCommand) {
            resources.handle(envelope, resourceCommand);
            return;
        }
        if (RuleDecider.handles(command)) {
            handleRuleCommand(envelope, command);
            return;
        }
        ServiceState state = load(command.resourceArn());
        Instant now = Instant.now();
        ServiceConfiguration runsWith = command instanceof CreateService c ? c.configuration()
                : command instanceof UpdateService u ? u.configuration()
                // a rollout's last step makes its revision's configuration (and limits) the service's
                : command instanceof AdvanceRollout && state.rollout() != null ? state.rollout().configuration()
                : state.configuration();
        AutoScalingLimits limits = limitsOf(runsWith);
        Facts facts = command instanceof CreateService c
                ? new Facts(now, ServiceView.nameInUse(c.serviceName()), urls.urlFor(c.serviceName(), c.serviceId()),
                        limits)
                : new Facts(now, false, null, limits);
        if (command instanceof UpdateService || command instanceof StartDeployment) {
            // a gradual rollout is read from the service's Runway tags (validated when they were set)
            RolloutPlan plan = RolloutPlan.fromStoredTags(views.tags(command.resourceArn())).orElse(null);
            facts = new Facts(now, false, null, limits, null, Map.of(), plan);
        }
        if (command instanceof UpdateTraffic) {
            // a split is checked against the revisions as Runway.ListRevisions shows them
            facts = new Facts(now, false, null, limits, null, revisionStatuses(command.resourceArn()));
        }
        if (command instanceof ScaleService || command instanceof WakeService) {
            // scale to zero is read from the service's Runway tags (validated when they were set)
            ScaleToZero toZero = ScaleToZero.fromStoredTags(views.tags(command.resourceArn())).orElse(null);
            handleScale(envelope, command, state, new Facts(now, false, null, limits, toZero));
            return;
        }
        try {
            if (command instanceof CreateService) {
                Optional<Rejection> quota = resources.serviceQuota();
                if (quota.isPresent()) {
                    throw quota.get();
                }
            }
            List<ServiceEvent> events = ServiceDecider.decide(command, state, facts);
            commit(envelope, state, events, limits);
            queue(Topics.REPLIES, Envelope.causedBy(envelope, SOURCE,
                    new CommandAccepted(envelope.id(), command.resourceArn())));
            Log.infof("%s accepted for %s [%s]", envelope.type(), command.resourceArn(), envelope.correlationId());
        } catch (Rejection r) {
            queue(Topics.REPLIES, Envelope.causedBy(envelope, SOURCE,
                    new CommandRejected(envelope.id(), command.resourceArn(), r.errorType(), r.getMessage())));
            Log.infof("%s rejected for %s: %s", envelope.type(), command.resourceArn(), r.getMessage());
        }
    }

    /** Event rules: their own streams (the rule ARN), the same transaction, outbox and reply. */
    private void handleRuleCommand(Envelope envelope, Command command) {
        RuleState state = RuleState.initial();
        for (Recorded r : store.load(command.resourceArn())) {
            state = RuleDecider.evolve(state, (EventRuleEvent) r.envelope().payload());
        }
        try {
            List<EventRuleEvent> events = RuleDecider.decide(command, state, Instant.now());
            List<Envelope> envelopes = new ArrayList<>();
            for (EventRuleEvent e : events) {
                envelopes.add(Envelope.causedBy(envelope, SOURCE, e));
            }
            for (Recorded r : store.append(command.resourceArn(), state.version(), envelopes)) {
                projector.apply(r);
                queue(Topics.EVENTS, r.envelope());
            }
            queue(Topics.REPLIES, Envelope.causedBy(envelope, SOURCE,
                    new CommandAccepted(envelope.id(), command.resourceArn())));
            Log.infof("%s accepted for %s (%d event(s))", envelope.type(), command.resourceArn(), events.size());
        } catch (Rejection r) {
            queue(Topics.REPLIES, Envelope.causedBy(envelope, SOURCE,
                    new CommandRejected(envelope.id(), command.resourceArn(), r.errorType(), r.getMessage())));
            Log.infof("%s rejected for %s: %s", envelope.type(), command.resourceArn(), r.getMessage());
        }
    }

    private void handleConnectionCommand(Envelope envelope, Command command) {
        ConnectionState state = ConnectionState.initial();
        for (Recorded r : store.load(command.resourceArn())) {
            state = ConnectionDecider.FOLD.evolve(state, (ConnectionEvent) r.envelope().payload());
        }
        var facts = new ConnectionDecider.Facts(Instant.now(),
                command instanceof CreateConnection c && ConnectionView.nameInUse(c.connectionName()),
                ConnectionView.live(), quotas.connections());
        try {
            List<ConnectionEvent> events = ConnectionDecider.decide(command, state, facts);
            List<Envelope> envelopes = new ArrayList<>();
            for (ConnectionEvent e : events) {
                envelopes.add(Envelope.causedBy(envelope, SOURCE, e));
            }
            for (Recorded r : store.append(command.resourceArn(), state.version(), envelopes)) {
                projector.apply(r);
                queue(Topics.EVENTS, r.envelope());
                if (r.envelope().payload() instanceof ConnectionDeleted) {
                    ConnectionSecret.deleteById(command.resourceArn());
                }
            }
            queue(Topics.REPLIES, Envelope.causedBy(envelope, SOURCE,
                    new CommandAccepted(envelope.id(), command.resourceArn())));
            Log.infof("%s accepted for %s", envelope.type(), command.resourceArn());
        } catch (Rejection r) {
            queue(Topics.REPLIES, Envelope.causedBy(envelope, SOURCE,
                    new CommandRejected(envelope.id(), command.resourceArn(), r.errorType(), r.getMessage())));
            Log.infof("%s rejected for %s: %s", envelope.type(), command.resourceArn(), r.getMessage());
        }
    }

    /**
     * The autoscaler's and the router's commands get no reply (nobody waits for one) and a refusal is routine: they
     * ask again a second later.
     */
    private void handleScale(Envelope envelope, Command scale, ServiceState state, Facts facts) {
        try {
            List<ServiceEvent> events = ServiceDecider.decide(scale, state, facts);
            if (events.isEmpty()) {
                Log.debugf("%s for %s changes nothing", envelope.type(), scale.resourceArn());
                return;
            }
            commit(envelope, state, events, facts.limits());
        } catch (Rejection r) {
            Log.debugf("%s refused for %s: %s", envelope.type(), scale.resourceArn(), r.getMessage());
        }
    }

    private void handleReport(Envelope envelope, Report report) {
        ServiceState state = load(report.resourceArn());
        AutoScalingLimits rolloutLimits = state.rollout() == null ? null
                : limitsOf(state.rollout().configuration());
        List<ServiceEvent> events = ServiceDecider.onReport(report, state, Instant.now(), rolloutLimits);
        if (events.isEmpty()) {
            Log.infof("%s for %s changes nothing (stale or repeated)", envelope.type(), report.resourceArn());
            return;
        }
        commit(envelope, state, events, rolloutLimits == null ? AutoScalingLimits.DEFAULT : rolloutLimits);
    }

    /** The limits of the auto scaling configuration a service configuration names; App Runner's default when unknown. */
    private AutoScalingLimits limitsOf(ServiceConfiguration configuration) {
        if (configuration == null) {
            return AutoScalingLimits.DEFAULT;
        }
        return views.autoScalingLimits(configuration.autoScalingConfigurationArn()).orElse(AutoScalingLimits.DEFAULT);
    }

    private void commit(Envelope cause, ServiceState before, List<ServiceEvent> events, AutoScalingLimits limits) {
        List<Envelope> envelopes = new ArrayList<>();
        for (ServiceEvent e : events) {
            envelopes.add(Envelope.causedBy(cause, SOURCE, e));
        }
        String stream = cause.resourceArn();
        List<Recorded> recorded = store.append(stream, before.version(), envelopes);
        ServiceState after = ServiceDecider.fold(before, events);
        for (Recorded r : recorded) {
            projector.apply(r);
            queue(Topics.EVENTS, r.envelope());
            Log.infof("%s %s v%d [%s]", after.serviceName(), r.envelope().type(), r.envelope().streamVersion(),
                    cause.correlationId());
        }
        for (Message work : ServiceProcess.react(events, after, limits)) {
            String topic = work instanceof BuildCommand ? Topics.BUILD_COMMANDS : Topics.DEPLOY_COMMANDS;
            queue(topic, Envelope.causedBy(cause, SOURCE, work));
        }
    }

    private java.util.Map<Integer, String> revisionStatuses(String streamId) {
        List<RevisionHistory.At> stream = new ArrayList<>();
        for (Recorded r : store.load(streamId)) {
            if (r.envelope().payload() instanceof ServiceEvent e) {
                stream.add(new RevisionHistory.At(r.envelope().time(), e));
            }
        }
        java.util.Map<Integer, String> statuses = new java.util.HashMap<>();
        RevisionHistory.revisions(stream, revisionsKept).forEach(r -> statuses.put(r.revision(), r.status()));
        return statuses;
    }

    private ServiceState load(String streamId) {
        ServiceState state = ServiceState.initial();
        for (Recorded r : store.load(streamId)) {
            state = ServiceDecider.evolve(state, (ServiceEvent) r.envelope().payload());
        }
        return state;
    }

    private static void queue(String topic, Envelope envelope) {
        OutboxMessage.queue(topic, envelope.resourceArn(), envelope);
    }
}
