package dev.runway.events;

import java.util.List;

/** Topic names, as ARCHITECTURE.md §2 lists them. Every key is the resource ARN. */
public final class Topics {
    /** Imperatives for the service-registry (from the api-gateway, later the autoscaler and webhooks). */
    public static final String COMMANDS = "runway.commands";
    /** Facts appended by the service-registry; everything else is a projection of these. */
    public static final String EVENTS = "runway.events";
    /** Work for the build-worker. */
    public static final String BUILD_COMMANDS = "runway.build.commands";
    /** Work for the deploy-worker. */
    public static final String DEPLOY_COMMANDS = "runway.deploy.commands";
    /** What the workers observed (deployed, failed, stopped), for the registry to decide on. */
    public static final String REPORTS = "runway.reports";
    /** Per-second figures from the router and the deploy-worker. */
    public static final String METRICS = "runway.metrics";
    /** Build, deployment and access logs. */
    public static final String LOGS = "runway.logs";
    /** The registry's verdict on each command, read by every api-gateway instance. */
    public static final String REPLIES = "runway.replies";

    /**
     * The public event feed: App Runner's EventBridge events (and PutEvents' custom events) as
     * subscribers see them, JSON without an envelope, keyed by the service ARN (per-service order).
     */
    public static final String PUBLIC_EVENTS = "runway.public-events";
    /** Events no target took after its retry policy, with why; keyed by rule ARN. */
    public static final String DEAD_LETTERS = "runway.dead-letters";
    /**
     * Messages a consumer could never handle (undecodable, an unknown type, content the database
     * refuses), with their original bytes, where they came from and why; keyed like the original.
     * Written by every consumer ({@code wire.DeadLetters}), read by operators
     * ({@code ./runway deadletters}). Not to be confused with {@link #DEAD_LETTERS}.
     */
    public static final String DEAD_LETTERED_MESSAGES = "runway.deadletters";
    /** One record per API call (CloudTrail's shape), keyed by the request id. */
    public static final String AUDIT = "runway.audit";

    /** Every topic with the number of partitions it is created with. */
    public static List<String> all() {
        return List.of(COMMANDS, EVENTS, BUILD_COMMANDS, DEPLOY_COMMANDS, REPORTS, METRICS, LOGS, REPLIES, PUBLIC_EVENTS,
                DEAD_LETTERS, AUDIT, DEAD_LETTERED_MESSAGES);
    }

    private Topics() {
    }
}
