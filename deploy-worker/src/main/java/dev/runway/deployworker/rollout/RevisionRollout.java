package dev.runway.deployworker.rollout;

import dev.runway.deployworker.engine.Container;
import dev.runway.deployworker.engine.ContainerEngine;
import dev.runway.deployworker.engine.ContainerSpec;
import dev.runway.deployworker.engine.ContainerState;
import dev.runway.deployworker.engine.EngineException;
import dev.runway.deployworker.image.ImageReference;
import dev.runway.deployworker.secrets.Resolution;
import dev.runway.deployworker.secrets.SecretResolver;
import dev.runway.deployworker.secrets.SecretValues;
import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.deploy.ScaleRevision;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.HealthCheck;
import dev.runway.events.model.InstanceSize;
import dev.runway.events.report.Report;
import dev.runway.events.report.RevisionDeployFailed;
import dev.runway.events.report.RevisionDeployed;
import dev.runway.events.report.RevisionScaled;
import io.quarkus.logging.Log;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Brings a revision to {@code instances} healthy containers and says where they listen.
 *
 * <p>A reconciler: it looks at the containers the engine already has for this revision, adopts
 * the running ones, removes the dead ones and starts only what is missing, so handling the same
 * command twice (a redelivery after a crash) converges on the same result. When the revision
 * cannot become healthy, every container of it is removed before the failure is reported, so the
 * previous revision keeps serving alone.
 */
@Singleton
public class RevisionRollout {

    static final int LOG_LINES = 20;
    /**
     * Asking the registry to resolve secret references: a few attempts a second apart, then the
     * deployment fails. The registry runs beside the worker on loopback and is back within seconds
     * when it restarts (a platform start, an upgrade), which the retries ride out; waiting longer
     * would hold up every other command on the partition while the operation looks stuck, whereas
     * a failed deployment leaves the previous revision serving and is one StartDeployment away.
     */
    static final int RESOLVE_ATTEMPTS = 3;
    static final Duration RESOLVE_RETRY_PAUSE = Duration.ofSeconds(1);

    private final ContainerEngine engine;
    private final InstanceProbe probe;
    private final PortAllocator ports;
    private final Ticker ticker;
    private final DeploySettings settings;
    private final RandomGenerator random;
    private final ContainerReaper reaper;
    private final DeploymentNotes notes;
    private final SecretResolver secrets;
    private final DrainingContainers draining;

    @Inject
    RevisionRollout(ContainerEngine engine, InstanceProbe probe, PortAllocator ports, Ticker ticker,
            DeploySettings settings, RandomGenerator random, DeploymentNotes notes, SecretResolver secrets,
            DrainingContainers draining) {
        this.draining = draining;
        this.notes = notes;
        this.secrets = secrets;
        this.engine = engine;
        this.probe = probe;
        this.ports = ports;
        this.ticker = ticker;
        this.settings = settings;
        this.random = random;
        this.reaper = new ContainerReaper(engine);
    }

    /** Draining on the caller's thread (by the ticker), in tests. */
    RevisionRollout(ContainerEngine engine, InstanceProbe probe, PortAllocator ports, Ticker ticker,
            DeploySettings settings, RandomGenerator random, DeploymentNotes notes, SecretResolver secrets) {
        this(engine, probe, ports, ticker, settings, random, notes, secrets,
                new DrainingContainers(engine, settings, Drains.inline(ticker)));
    }

    /** A rollout that tells nobody how it goes (tests). */
    RevisionRollout(ContainerEngine engine, InstanceProbe probe, PortAllocator ports, Ticker ticker,
            DeploySettings settings, RandomGenerator random, SecretResolver secrets) {
        this(engine, probe, ports, ticker, settings, random, DeploymentNotes.NONE, secrets);
    }

    /** Deploys the revision; always answers with a report (never throws, except on shutdown). */
    public Report deploy(DeployRevision command) {
        try {
            var endpoints = rollout(command);
            notes.note(command, "Revision " + command.revision() + " deployed: " + endpoints.size()
                    + " instance(s) healthy.");
            return new RevisionDeployed(command.serviceArn(), command.operationId(), command.revision(), endpoints);
        } catch (SecretsUnresolved failure) {
            if (command.operationId() == null) {
                // a repair (the reconciler's; no operation waits on it): the instances that still
                // serve stay, nothing was changed yet, and the next round tries again
                Log.warnf("%s: not replacing instances: %s", who(command), failure.getMessage());
                return new RevisionDeployFailed(command.serviceArn(), null, command.revision(), failure.getMessage());
            }
            return fail(command, failure.getMessage());
        } catch (DeployFailure failure) {
            return fail(command, failure.getMessage());
        } catch (EngineException e) {
            return fail(command, "The Docker engine at " + engine.host() + " " + e.getMessage());
        } catch (RolloutInterrupted e) {
            throw e;
        } catch (RuntimeException e) {
            Log.errorf(e, "%s: failed unexpectedly", who(command));
            return fail(command, "The deploy-worker failed unexpectedly: " + e);
        }
    }

    /**
     * Scales the serving revision to {@code instances}: new instances are reported only once
     * healthy (the rollout's readiness check); surplus ones, which the registry already took out
     * of traffic, drain and go. Unlike a deployment, a failure never touches the instances that
     * serve: only the ones it started are removed, and the report says what runs.
     */
    public Report scale(ScaleRevision command) {
        var as = new DeployRevision(command.serviceArn(), command.serviceName(), null, command.revision(),
                command.image(), command.instance(), command.healthCheck(), command.instances());
        String who = command.serviceName() + " r" + command.revision() + " (scaling)";
        int want = Math.max(0, command.instances());
        var got = engine.containers(Labels.ofRevision(settings.platformId(), command.serviceArn(), command.revision()));
        var running = got.stream()
                .filter(c -> !draining.contains(c))
                .filter(c -> c.running() && DeployPlan.port(c) > 0 && c.label(Labels.INSTANCE) != null)
                .sorted(Comparator.comparing((Container c) -> !command.keep().contains(c.label(Labels.INSTANCE)))
                        .thenComparing(Container::name))
                .toList();
        var adopt = running.subList(0, Math.min(want, running.size()));
        var surplus = running.subList(adopt.size(), running.size());
        var dead = got.stream().filter(c -> !running.contains(c) && !draining.contains(c)).toList();
        var serving = new ArrayList<Instance>();
        for (Container c : adopt) {
            serving.add(new Instance(c.label(Labels.INSTANCE), c.id(), c.name(), DeployPlan.port(c)));
        }
        int create = want - adopt.size();
        Log.infof("%s: want %d instance(s), got %d running → keeping %d, starting %d, draining %d", who, want,
                running.size(), adopt.size(), create, surplus.size());
        String failure = null;
        if (create > 0) {
            var started = new ArrayList<Instance>();
            try {
                ImageReference image = ImageReference.resolve(command.image().imageIdentifier(),
                        settings.imageRegistry());
                if (!engine.hasImage(image)) {
                    ensureImage(as, who, image); // the serving instances' image is normally here already
                }
                SecretValues values = resolveSecrets(as, who);
                Set<Integer> taken = portsInUse();
                String imageUser = engine.imageUser(image);
                for (int i = 0; i < create; i++) {
                    started.add(start(as, image, imageUser, want, serving.size() + started.size(), taken, values));
                }
                awaitHealthy(as, started, values);
                serving.addAll(started);
            } catch (DeployFailure | EngineException | IllegalArgumentException e) {
                failure = e instanceof EngineException ? "The Docker engine at " + engine.host() + " " + e.getMessage()
                        : e.getMessage();
                Log.infof("%s: scaling up failed → removing the %d instance(s) it started. Reason: %s", who,
                        started.size(), failure);
                removeStarted(who, started);
            }
        }
        // out of traffic since the registry decided; what was sent to them finishes, without holding up
        // the commands behind this one
        draining.drainThenRemove(who, surplus, "scaled down");
        if (!dead.isEmpty()) {
            reaper.kill(dead);
        }
        var endpoints = serving.stream().map(n -> new Endpoint(n.instanceId(), "127.0.0.1", n.port())).toList();
        Log.infof("%s: %d instance(s) serve at %s", who, endpoints.size(),
                serving.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(", ")));
        return new RevisionScaled(command.serviceArn(), command.revision(), command.instances(), endpoints, failure);
    }

    private void removeStarted(String who, List<Instance> started) {
        for (Instance instance : started) {
            try {
                engine.remove(instance.containerId());
            } catch (EngineException e) {
                Log.warnf("%s: could not remove %s: %s", who, instance.containerName(), e.getMessage());
            }
        }
    }

    private List<Endpoint> rollout(DeployRevision command) {
        String who = who(command);
        if (command.image() == null) {
            throw new DeployFailure("Revision " + command.revision() + " has no image to run");
        }
        ImageReference image;
        try {
            image = ImageReference.resolve(command.image().imageIdentifier(), settings.imageRegistry());
        } catch (IllegalArgumentException e) {
            throw new DeployFailure(e.getMessage());
        }
        int want = Math.max(0, command.instances());
        notes.note(command, "Deploying revision " + command.revision() + " of image " + image + " with " + want
                + " instance(s).");
        ensureImage(command, who, image);

        // a revision's draining containers leave whatever comes: a split that brings traffic back to
        // a revision still draining from its retirement gets instances of its own
        var got = engine.containers(Labels.ofRevision(settings.platformId(), command.serviceArn(), command.revision()))
                .stream().filter(c -> !draining.contains(c)).toList();
        var plan = DeployPlan.decide(want, got);
        int running = (int) got.stream().filter(Container::running).count();
        Log.infof("%s: want %d instance(s) of %s, got %d running, %d other → adopting %d, removing %d, starting %d",
                who, want, image, running, got.size() - running, plan.adopt().size(), plan.remove().size(),
                plan.create());
        // before anything changes, so a reference that does not resolve leaves every container as it
        // was; also when every instance is adopted, since their log lines are masked with the values
        SecretValues values = want > 0 ? resolveSecrets(command, who) : SecretValues.NONE;
        removeAsPlanned(who, command.revision(), plan.remove());

        var instances = new ArrayList<Instance>();
        for (Container container : plan.adopt()) {
            var instance = new Instance(container.label(Labels.INSTANCE), container.id(), container.name(),
                    DeployPlan.port(container));
            Log.infof("%s: adopting running %s on port %d", who, instance.label(command.revision()), instance.port());
            instances.add(instance);
        }
        Set<Integer> taken = portsInUse();
        String imageUser = plan.create() > 0 ? engine.imageUser(image) : null;
        for (int i = 0; i < plan.create(); i++) {
            instances.add(start(command, image, imageUser, want, instances.size(), taken, values));
        }

        awaitHealthy(command, instances, values);
        Log.infof("%s: want %d instance(s), got %d healthy → deployed at %s", who, want, instances.size(),
                instances.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(", ")));
        return instances.stream().map(n -> new Endpoint(n.instanceId(), "127.0.0.1", n.port())).toList();
    }

    /**
     * Pulls an image that names a registry on this machine, so a new push under the same tag is
     * picked up; falls back to the local copy when the pull fails; never contacts another host.
     */
    private void ensureImage(DeployRevision command, String who, ImageReference image) {
        String registry = settings.imageRegistry();
        if (image.registryHost().isEmpty()) {
            if (!engine.hasImage(image)) {
                throw new DeployFailure("Image " + image + " is not on this machine and names no registry to pull it "
                        + "from. Push it to the platform registry and deploy it from there: docker tag " + image + " "
                        + registry + "/" + image + " && docker push " + registry + "/" + image);
            }
            Log.infof("%s: using local image %s", who, image);
            notes.note(command, "Using image " + image + " from this machine.");
            return;
        }
        String host = image.registryHost().get();
        if (!image.pullableFrom(registry)) {
            if (!engine.hasImage(image)) {
                throw new DeployFailure("Image " + image + " is not on this machine, and Runway pulls only from the "
                        + "platform registry " + registry + " (no traffic leaves this machine). Push it there and "
                        + "deploy " + registry + "/" + image.value().substring(host.length() + 1));
            }
            Log.infof("%s: using the copy of %s on this machine (Runway pulls only from %s)", who, image, registry);
            notes.note(command, "Using the copy of image " + image + " on this machine (Runway pulls only from "
                    + registry + ").");
            return;
        }
        try {
            engine.pull(image);
            Log.infof("%s: pulled %s", who, image);
            notes.note(command, "Pulled image " + image + ".");
        } catch (EngineException e) {
            if (engine.hasImage(image)) {
                Log.warnf("%s: pulling %s failed (%s); using the copy on this machine", who, image, e.getMessage());
                notes.note(command, "Pulling image " + image + " failed (" + e.getMessage()
                        + "); using the copy on this machine.");
                return;
            }
            throw new DeployFailure(pullFailure(image, host, e.detail()));
        }
    }

    private String pullFailure(ImageReference image, String host, String engineSays) {
        String registry = host.equals(settings.imageRegistry()) ? "the platform registry " + host : "the registry " + host;
        String says = engineSays.toLowerCase(Locale.ROOT);
        if (says.contains("manifest unknown") || says.contains("not found") || says.contains("name unknown")) {
            String cause = says.contains("manifest unknown") ? "manifest unknown"
                    : says.contains("name unknown") ? "repository unknown" : "not found";
            return "Image " + image + " was not found in " + registry + " (" + cause + "). Push it first: docker push "
                    + image;
        }
        if (says.contains("connection refused") || says.contains("dial tcp") || says.contains("no such host")
                || says.contains("i/o timeout")) {
            return "Image " + image + " could not be pulled: " + registry + " did not answer (" + engineSays
                    + "). Check that it is running, then deploy again.";
        }
        if (says.contains("unauthorized") || says.contains("authentication required") || says.contains("denied")) {
            return "Image " + image + " could not be pulled: " + registry + " refused the deploy-worker's login ("
                    + engineSays + ")." + (host.equals(settings.imageRegistry()) ? " The deploy-worker logs in with its"
                    + " own password (RUNWAY_REGISTRY_PASSWORD_FILE), which the api-gateway's token service must know"
                    + " (RUNWAY_REGISTRY_CREDENTIALS_DIR)." : "");
        }
        return "Image " + image + " could not be pulled from " + registry + ": " + engineSays;
    }

    /**
     * The values of the revision's secret references, from the service-registry; none without
     * references (and then no call).
     *
     * @throws SecretsUnresolved when a reference does not resolve, or the registry did not answer
     *                           {@value #RESOLVE_ATTEMPTS} attempts
     */
    private SecretValues resolveSecrets(DeployRevision command, String who) {
        Map<String, String> references = command.image().secrets();
        if (references.isEmpty()) {
            return SecretValues.NONE;
        }
        var variables = new TreeSet<>(references.keySet());
        Resolution resolution;
        try {
            for (int attempt = 1; ; attempt++) {
                resolution = secrets.resolve(references);
                if (!(resolution instanceof Resolution.Unavailable unavailable) || attempt == RESOLVE_ATTEMPTS) {
                    break;
                }
                Log.infof("%s: want the values of %s, got no answer (%s) → trying again in %d ms", who, variables,
                        unavailable.detail(), RESOLVE_RETRY_PAUSE.toMillis());
                ticker.sleep(RESOLVE_RETRY_PAUSE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RolloutInterrupted(e);
        }
        SecretValues values = resolution.valuesOrThrow(failure -> new SecretsUnresolved(failure.reason(references)));
        Log.infof("%s: resolved the secret references of %s", who, variables);
        notes.note(command, "Resolved the secret references of " + String.join(", ", variables) + ".");
        return values;
    }

    private void removeAsPlanned(String who, int revision, List<DeployPlan.Removal> removals) {
        var graceful = new ArrayList<Container>();
        var dead = new ArrayList<Container>();
        for (var removal : removals) {
            Log.infof("%s: removing %s (%s)", who, removal.container().name(), removal.why());
            (removal.graceful() ? graceful : dead).add(removal.container());
        }
        var failures = new ArrayList<String>(reaper.kill(dead));
        failures.addAll(reaper.stopAndRemove(graceful, settings.stopGrace()));
        if (!failures.isEmpty()) {
            throw new DeployFailure("Could not remove old containers of revision " + revision + ": "
                    + String.join("; ", failures));
        }
    }

    /** Ports named by any container's label, whatever platform it belongs to. */
    private Set<Integer> portsInUse() {
        var taken = new HashSet<Integer>();
        for (Container container : engine.containersWithLabel(Labels.PORT)) {
            int port = DeployPlan.port(container);
            if (port > 0) {
                taken.add(port);
            }
        }
        return taken;
    }

    /** @param imageUser the image's {@code USER} ({@link ContainerEngine#imageUser}), asked once per rollout */
    private Instance start(DeployRevision command, ImageReference image, String imageUser, int want, int got,
            Set<Integer> taken, SecretValues values) {
        int port = ports.next(taken).orElseThrow(() -> new DeployFailure("No free port is left in the instance port "
                + "range " + ports.range() + ": every port is in use or named by a container. Stop unused services "
                + "or widen runway.instances.port-range."));
        taken.add(port);
        String instanceId = String.format("%08x", random.nextInt());
        ContainerSpec spec;
        try {
            spec = InstanceSpecs.spec(command, image, settings.platformId(), instanceId, port, settings.network(),
                    values, imageUser);
        } catch (IllegalArgumentException e) {
            throw new DeployFailure(e.getMessage());
        }
        String label = "r" + command.revision() + "-" + instanceId;
        String where = spec.publish() == null ? "port " + port
                : "port " + port + " (its own network namespace, port " + spec.publish().containerPort() + " inside)";
        Log.infof("%s: want %d instance(s), got %d → starting %s on %s", who(command), want, got, label, where);
        notes.note(command, "Starting instance " + instanceId + " on " + where + ".");
        String containerId;
        long began = System.nanoTime();
        try {
            containerId = engine.create(spec);
        } catch (EngineException e) {
            // the engine's words could quote the environment it was given
            throw new DeployFailure("The Docker engine at " + engine.host() + " " + values.mask(e.getMessage()));
        }
        long created = System.nanoTime();
        try {
            engine.start(containerId);
        } catch (EngineException e) {
            // not started, or not reachable: it would hold its port and serve nobody
            try {
                engine.remove(containerId);
            } catch (EngineException ignored) {
                // the reconciler removes what is left of a revision that failed
            }
            throw new DeployFailure("Instance " + label + " could not be started: " + values.mask(e.getMessage()));
        }
        // the timing of a cold start's steps (bench/RESULTS.md, scale-from-zero)
        Log.infof("%s: %s created in %d ms, started with its forwarder in %d ms", who(command), label,
                (created - began) / 1_000_000, (System.nanoTime() - created) / 1_000_000);
        return new Instance(instanceId, containerId, spec.name(), port);
    }

    /**
     * Polls every instance until each has passed {@code healthyThreshold} consecutive checks. Fails at
     * once when one exits; when one answers its HTTP check with a failing status on
     * {@code unhealthyThreshold} checks in a row, {@code interval} seconds apart (the app runs but is
     * not healthy: waiting longer will not help); and when the ready timeout passes (an app that
     * never starts listening).
     */
    private void awaitHealthy(DeployRevision command, List<Instance> instances, SecretValues values) {
        HealthCheck check = command.healthCheck() == null ? HealthCheck.defaults() : command.healthCheck();
        int threshold = Math.max(1, check.healthyThreshold());
        Instant deadline = ticker.now().plus(settings.readyTimeout());
        var streaks = new LinkedHashMap<Instance, Integer>();
        var lastAttempt = new LinkedHashMap<Instance, String>();
        var failures = new FailingChecks(check);
        instances.forEach(instance -> streaks.put(instance, 0));
        var pending = new ArrayList<>(instances);
        Duration pause = FIRST_PAUSE.compareTo(settings.pollInterval()) < 0 ? FIRST_PAUSE : settings.pollInterval();
        while (!pending.isEmpty()) {
            boolean starting = true;
            for (var instance : List.copyOf(pending)) {
                ContainerState state = engine.inspect(instance.containerId()).orElseThrow(() -> new DeployFailure(
                        "Instance " + instance.label(command.revision()) + " (container " + instance.containerName()
                                + ") disappeared before it became healthy: something else removed it."));
                if (!state.running()) {
                    throw new DeployFailure(exitReason(command, instance, state, values));
                }
                var result = probe.attempt(instance.port(), check);
                starting &= !result.healthy() && !result.answered();
                lastAttempt.put(instance, result.detail());
                if (failures.count(instance, result, ticker.now())) {
                    throw new DeployFailure(unhealthyReason(command, check, instance, result, values));
                }
                int streak = result.healthy() ? streaks.get(instance) + 1 : 0;
                streaks.put(instance, streak);
                if (streak >= threshold) {
                    pending.remove(instance);
                    Log.infof("%s: %s healthy on port %d after %d passing %s check(s)", who(command),
                            instance.label(command.revision()), instance.port(), streak, protocol(check));
                    notes.note(command, "Instance " + instance.instanceId() + " passed " + streak + " " + protocol(check)
                            + " health check(s) on port " + instance.port() + ".");
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (!ticker.now().isBefore(deadline)) {
                throw new DeployFailure(timeoutReason(command, check, threshold, pending, streaks, lastAttempt,
                        values));
            }
            if (!starting) {
                pause = settings.pollInterval();
            }
            try {
                ticker.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RolloutInterrupted(e);
            }
            pause = nextPause(pause);
        }
    }

    /** The first pause between readiness rounds: a fresh instance mostly listens within tens of ms. */
    static final Duration FIRST_PAUSE = Duration.ofMillis(20);

    /**
     * While no instance answers yet (still starting), readiness rounds start {@link #FIRST_PAUSE}
     * apart and double up to the poll interval, so a waking instance is found healthy within tens
     * of ms of listening instead of up to a whole poll interval later; a slow one is probed no more
     * often than before after its first 300 ms. Once one answers, rounds are the poll interval
     * apart as before (HealthyThreshold passes in a row are not squeezed together), and failing
     * answers count once per health-check Interval (FailingChecks).
     */
    private Duration nextPause(Duration pause) {
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(settings.pollInterval()) > 0 ? settings.pollInterval() : doubled;
    }

    private String exitReason(DeployRevision command, Instance instance, ContainerState state,
            SecretValues values) {
        InstanceSize size = command.instance() == null ? InstanceSize.defaults() : command.instance();
        String oom = state.oomKilled()
                ? "OOM-killed: it used more than its " + size.memoryMb() + " MiB memory limit"
                : "not OOM-killed";
        return "Instance " + instance.label(command.revision()) + " exited with code " + state.exitCode()
                + " before it became healthy (" + oom + "). " + logTail(command, instance, values);
    }

    /** Consecutive failing answers per instance, counted at most once per health-check interval. */
    private static final class FailingChecks {
        private final HealthCheck check;
        private final Map<Instance, Integer> streaks = new HashMap<>();
        private final Map<Instance, Instant> lastCounted = new HashMap<>();

        FailingChecks(HealthCheck check) {
            this.check = check;
        }

        /** Records one attempt; true once the instance has failed UnhealthyThreshold checks in a row. */
        boolean count(Instance instance, InstanceProbe.Result result, Instant now) {
            if (result.healthy()) {
                streaks.remove(instance);
                lastCounted.remove(instance);
                return false;
            }
            if (!result.answered()) {
                return false;   // still starting (or too slow to answer): the ready timeout bounds it
            }
            Instant last = lastCounted.get(instance);
            if (last != null && now.isBefore(last.plusSeconds(Math.max(1, check.interval())))) {
                return false;
            }
            lastCounted.put(instance, now);
            return streaks.merge(instance, 1, Integer::sum) >= Math.max(1, check.unhealthyThreshold());
        }
    }

    private String unhealthyReason(DeployRevision command, HealthCheck check, Instance instance,
            InstanceProbe.Result result, SecretValues values) {
        return "Revision " + command.revision() + " failed its HTTP health check: instance "
                + instance.label(command.revision()) + " on 127.0.0.1:" + instance.port() + " answered GET "
                + check.path() + " with " + result.detail() + " on " + Math.max(1, check.unhealthyThreshold())
                + " consecutive checks, " + Math.max(1, check.interval()) + "s apart (UnhealthyThreshold "
                + check.unhealthyThreshold() + ", Interval " + check.interval() + "s); it must answer 2xx. "
                + logTail(command, instance, values);
    }

    private String timeoutReason(DeployRevision command, HealthCheck check, int threshold, List<Instance> pending,
            Map<Instance, Integer> streaks, Map<Instance, String> lastAttempt, SecretValues values) {
        String target = protocol(check).equals("HTTP") ? "HTTP health check (GET " + check.path() + ")"
                : "TCP health check";
        var unhealthy = pending.stream().map(instance -> "instance " + instance.label(command.revision())
                + " on 127.0.0.1:" + instance.port() + " did not pass its " + target + " (last attempt: "
                + lastAttempt.getOrDefault(instance, "none") + "; " + streaks.get(instance) + " of " + threshold
                + " consecutive passes)").collect(Collectors.joining("; "));
        return "Revision " + command.revision() + " did not become healthy within " + settings.readyTimeout().toSeconds()
                + "s: " + unhealthy + ". " + logTail(command, pending.get(0), values);
    }

    /** The instance's last log lines, with the values of the service's secrets masked. */
    private String logTail(DeployRevision command, Instance instance, SecretValues values) {
        List<String> lines;
        try {
            lines = engine.logTail(instance.containerId(), LOG_LINES);
        } catch (EngineException e) {
            return "Its log could not be read: " + e.getMessage();
        }
        if (lines.isEmpty()) {
            return "It wrote nothing to its log.";
        }
        var masked = lines.stream().map(line -> "  " + values.mask(line)).collect(Collectors.joining("\n"));
        return "Last " + lines.size() + " log line(s) of " + instance.label(command.revision()) + ":\n" + masked;
    }

    private Report fail(DeployRevision command, String reason) {
        String who = who(command);
        Log.infof("%s: failed → removing the revision's containers. Reason: %s", who, reason);
        notes.note(command, "Revision " + command.revision() + " failed to deploy; its instances are removed. Reason:");
        reason.lines().forEach(line -> notes.note(command, line));
        try {
            var left = engine.containers(
                    Labels.ofRevision(settings.platformId(), command.serviceArn(), command.revision()));
            var failures = reaper.kill(left);
            if (!failures.isEmpty()) {
                Log.warnf("%s: could not remove %s", who, String.join("; ", failures));
            }
        } catch (EngineException e) {
            Log.warnf("%s: could not remove the revision's containers: %s", who, e.getMessage());
        }
        return new RevisionDeployFailed(command.serviceArn(), command.operationId(), command.revision(), reason);
    }

    private static String protocol(HealthCheck check) {
        return check.protocol() == null ? "TCP" : check.protocol().toUpperCase(Locale.ROOT);
    }

    static String who(DeployRevision command) {
        return command.serviceName() + " r" + command.revision() + " (op " + command.operationId() + ")";
    }
}
