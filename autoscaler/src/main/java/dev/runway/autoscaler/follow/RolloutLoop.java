package dev.runway.autoscaler.follow;

import dev.runway.autoscaler.decide.RevisionFigures;
import dev.runway.autoscaler.decide.RolloutDecider;
import dev.runway.events.command.AdvanceRollout;
import dev.runway.events.command.Command;
import dev.runway.events.command.RollBackRollout;
import dev.runway.events.metrics.TrafficMeasured;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.RevisionTraffic;
import dev.runway.events.model.RolloutFigures;
import dev.runway.events.query.RouteSnapshot;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Once a period, runs {@link RolloutDecider} for each gradual rollout under way (the registry's
 * routes snapshot says which, at which step since when) on the router's per-instance figures since
 * that step began, and sends the registry {@link AdvanceRollout} or {@link RollBackRollout}. The
 * registry ignores a step already taken and refuses a decision about a rollout no longer under
 * way, so a decision is simply sent again each round while it stands.
 */
public final class RolloutLoop {

    private final ScalingLoop.Services services;
    private final Consumer<Command> commands;
    private final RolloutDecider.Margins margins;
    private final Clock clock;
    /** The periods of services with a rollout under way, from the first round that saw it on. */
    private final Map<String, Deque<TrafficMeasured>> periods = new ConcurrentHashMap<>();
    private final Map<String, String> lastSent = new ConcurrentHashMap<>();

    public RolloutLoop(ScalingLoop.Services services, Consumer<Command> commands, RolloutDecider.Margins margins,
            Clock clock) {
        this.services = services;
        this.commands = commands;
        this.margins = margins;
        this.clock = clock;
    }

    /** A period the router measured; kept only for a service rolling out. */
    public void add(TrafficMeasured measured) {
        Deque<TrafficMeasured> kept = periods.get(measured.serviceArn());
        if (kept != null) {
            synchronized (kept) {
                kept.addLast(measured);
            }
        }
    }

    /** One round over the rollouts under way; returns the decisions sent. */
    public Map<String, RolloutDecider.Decision> round() throws IOException {
        Instant now = clock.instant();
        Map<String, RolloutDecider.Decision> sent = new HashMap<>();
        Set<String> rolling = new java.util.HashSet<>();
        for (RouteSnapshot.Route route : services.routes()) {
            RouteSnapshot.Rollout rollout = route.rollout();
            if (rollout == null) {
                continue;
            }
            rolling.add(route.serviceArn());
            Deque<TrafficMeasured> kept = periods.computeIfAbsent(route.serviceArn(), a -> new ArrayDeque<>());
            if (rollout.stepStartedAt() == null) {
                continue; // the new revision is not healthy yet
            }
            List<TrafficMeasured> sinceStep = new ArrayList<>();
            synchronized (kept) {
                // periods of earlier steps say nothing of this one
                kept.removeIf(m -> m.periodEnd().isBefore(rollout.stepStartedAt()));
                sinceStep.addAll(kept);
            }
            RolloutDecider.Decision decision = decide(route, rollout, sinceStep, now);
            if (decision != null) {
                sent.put(route.serviceArn(), decision);
            }
        }
        periods.keySet().retainAll(rolling);
        lastSent.keySet().retainAll(rolling);
        return sent;
    }

    private RolloutDecider.Decision decide(RouteSnapshot.Route route, RouteSnapshot.Rollout rollout,
            List<TrafficMeasured> sinceStep, Instant now) {
        Map<String, Integer> revisionOf = new HashMap<>();
        for (Endpoint e : route.endpoints()) {
            revisionOf.put(e.instanceId(), rollout.fromRevision());
        }
        for (RevisionTraffic share : route.traffic()) {
            for (Endpoint e : share.endpoints()) {
                revisionOf.put(e.instanceId(), share.revision());
            }
        }
        Map<Integer, RolloutDecider.Figures> figures = RevisionFigures.of(sinceStep, revisionOf);
        RolloutDecider.Figures newer = figures.getOrDefault(rollout.revision(),
                new RolloutDecider.Figures(rollout.revision(), 0, 0, 0));
        RolloutDecider.Figures older = figures.getOrDefault(rollout.fromRevision(),
                new RolloutDecider.Figures(rollout.fromRevision(), 0, 0, 0));
        int step = Math.max(0, rollout.steps().indexOf(rollout.percent()));
        RolloutDecider.Plan plan = new RolloutDecider.Plan(rollout.steps(),
                Duration.ofSeconds(rollout.intervalSeconds()));
        RolloutDecider.Decision decision = RolloutDecider.decide(plan, step, rollout.stepStartedAt(), newer, older,
                margins, now);
        List<RolloutFigures> measured = List.of(figuresOf(newer), figuresOf(older));
        Command command;
        if (decision instanceof RolloutDecider.Advance a) {
            command = new AdvanceRollout(route.serviceArn(), rollout.operationId(), rollout.revision(), a.percent(),
                    a.reason(), measured);
        } else if (decision instanceof RolloutDecider.RollBack b) {
            command = new RollBackRollout(route.serviceArn(), rollout.operationId(), rollout.revision(), b.reason(),
                    measured);
        } else {
            return null;
        }
        if (!decision.reason().equals(lastSent.put(route.serviceArn(), decision.reason()))) {
            Log.infof("%s: rollout of revision %d: %s", route.serviceName(), rollout.revision(), decision.reason());
        }
        commands.accept(command);
        return decision;
    }

    private static RolloutFigures figuresOf(RolloutDecider.Figures f) {
        return new RolloutFigures(f.revision(), f.requests(), f.status5xx(), f.latencyP99Millis());
    }
}
