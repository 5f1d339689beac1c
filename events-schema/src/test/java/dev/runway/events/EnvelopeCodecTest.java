package dev.runway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.command.CreateService;
import dev.runway.events.command.DeleteService;
import dev.runway.events.command.PauseService;
import dev.runway.events.command.ResumeService;
import dev.runway.events.command.StartDeployment;
import dev.runway.events.command.UpdateService;
import dev.runway.events.deploy.RetireRevisions;
import dev.runway.events.event.ServiceConfigurationChanged;
import dev.runway.events.report.RevisionsRetired;
import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.deploy.StopService;
import dev.runway.events.event.AccessKeyCreated;
import dev.runway.events.event.AccessKeyDeleted;
import dev.runway.events.event.DeploymentFailed;
import dev.runway.events.event.DeploymentStarted;
import dev.runway.events.event.InstancesReplaced;
import dev.runway.events.event.OperationFailed;
import dev.runway.events.event.OperationStarted;
import dev.runway.events.event.OperationSucceeded;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.ServiceCreated;
import dev.runway.events.event.ServiceDeleted;
import dev.runway.events.event.ServiceInstancesStopped;
import dev.runway.events.event.ServiceStatusChanged;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.HealthCheck;
import dev.runway.events.model.ImageSource;
import dev.runway.events.model.InstanceSize;
import dev.runway.events.model.Network;
import dev.runway.events.model.OperationType;
import dev.runway.events.model.ServiceConfiguration;
import dev.runway.events.model.ServiceStatus;
import dev.runway.events.model.Tag;
import dev.runway.events.reply.CommandAccepted;
import dev.runway.events.reply.CommandRejected;
import dev.runway.events.report.InstancesRestored;
import dev.runway.events.report.InstancesStopFailed;
import dev.runway.events.report.InstancesStopped;
import dev.runway.events.report.RevisionDeployFailed;
import dev.runway.events.report.RevisionDeployed;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.TypeRegistry;
import dev.runway.events.wire.UnknownMessageTypeException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

    static final String ARN = "arn:aws:apprunner:us-east-1:000000000000:service/demo/0123456789abcdef0123456789abcdef";
    static final String CONNECTION =
            "arn:aws:apprunner:us-east-1:000000000000:connection/gh/0123456789abcdef0123456789abcdef";
    static final String ACCOUNT = "arn:aws:iam::000000000000:root";
    static final UUID OP = UUID.fromString("6a7e8feb-b491-4cf7-a9f1-bf3703467718");
    static final Instant T = Instant.parse("2026-11-23T10:00:00.123Z");
    static final ImageSource IMAGE = new ImageSource("127.0.0.1:5000/hello:latest", "ECR", "8080", null,
            Map.of("GREETING", "hi"), Map.of());
    static final ServiceConfiguration CONFIG = new ServiceConfiguration(IMAGE, false, null, InstanceSize.defaults(),
            HealthCheck.defaults(), "arn:aws:apprunner:us-east-1:000000000000:autoscalingconfiguration/x/1/y",
            Network.defaults(), false, null, null);
    static final List<Endpoint> ENDPOINTS = List.of(new Endpoint("i-1", "127.0.0.1", 20001));
    static final String RULE = "arn:aws:events:us-east-1:000000000000:rule/failures";
    static final dev.runway.events.model.EventTarget TARGET = new dev.runway.events.model.EventTarget("hook",
            "https://hooks.example/x", Map.of("Authorization", "Bearer t"), null, "$.detail", Map.of("s", "$.source"),
            "<s>", 2, 60, "arn:aws:sqs:us-east-1:000000000000:dlq");
    static final String PARAMETER = "arn:aws:ssm:us-east-1:000000000000:parameter/shop/db-password";
    static final String SECRET = "arn:aws:secretsmanager:us-east-1:000000000000:secret:shop/api-AbCdEf";
    static final dev.runway.events.model.CodeSource CODE = new dev.runway.events.model.CodeSource("file:///tmp/repo",
            "main", "/", null, "API", new dev.runway.events.model.CodeSource.Values("PYTHON_311", "true",
                    "python3 app.py", "8080", Map.of("A", "b"), Map.of()), null);
    static final ServiceConfiguration CODE_CONFIG = new ServiceConfiguration(null, true, null, InstanceSize.defaults(),
            HealthCheck.defaults(), "arn:asc", Network.defaults(), false, null, null, CODE);

    /** One example of every registered type: a new type without an example fails the coverage test. */
    static final List<Message> EXAMPLES = List.of(
            new CreateService(ARN, "0123456789abcdef0123456789abcdef", "demo", OP, CONFIG, List.of(new Tag("team", "a"))),
            new DeleteService(ARN, OP),
            new UpdateService(ARN, OP, CONFIG),
            new StartDeployment(ARN, OP),
            new PauseService(ARN, OP),
            new ResumeService(ARN, OP),
            new ServiceConfigurationChanged(ARN, OP, CONFIG),
            new RetireRevisions(ARN, OP, 2),
            new RevisionsRetired(ARN, OP, 2),
            new ServiceCreated(ARN, "0123456789abcdef0123456789abcdef", "demo", "demo-01234567.localhost:8080",
                    CONFIG, List.of(), T),
            new OperationStarted(ARN, OP, OperationType.CREATE_SERVICE, T),
            new ServiceStatusChanged(ARN, null, ServiceStatus.OPERATION_IN_PROGRESS, "Service creation started."),
            new DeploymentStarted(ARN, OP, 1, "127.0.0.1:5000/hello:latest", CONFIG),
            new RevisionActivated(ARN, OP, 1, ENDPOINTS),
            new DeploymentFailed(ARN, OP, 1, "image not found"),
            new OperationSucceeded(ARN, OP, OperationType.CREATE_SERVICE, T),
            new OperationFailed(ARN, OP, OperationType.CREATE_SERVICE, "image not found", T),
            new ServiceInstancesStopped(ARN, OP),
            new ServiceDeleted(ARN, T),
            new DeployRevision(ARN, "demo", OP, 1, IMAGE, InstanceSize.defaults(), HealthCheck.defaults(), 1),
            new StopService(ARN, OP),
            new StopService(ARN, OP, "127.0.0.1:5000/hello:latest"),
            new RevisionDeployed(ARN, OP, 1, ENDPOINTS),
            new RevisionDeployFailed(ARN, OP, 1, "container exited with code 1"),
            new InstancesStopped(ARN, OP),
            new InstancesStopFailed(ARN, OP, "engine unreachable"),
            InstancesRestored.of(ARN, 1, ENDPOINTS, "instance i-0 exited with code 137"),
            new InstancesReplaced(ARN, 1, "instance i-0 exited with code 137"),
            new dev.runway.events.command.ScaleService(ARN, 3, "panic: burst: 41.3 concurrent requests"),
            new dev.runway.events.command.WakeService(ARN, 2, "cold start: 120 request(s) held"),
            new dev.runway.events.command.UpdateTraffic(ARN, OP, List.of(
                    new dev.runway.events.command.UpdateTraffic.Target("LATEST", 90, null),
                    new dev.runway.events.command.UpdateTraffic.Target("1", 10, "old"))),
            new dev.runway.events.event.TrafficShiftStarted(ARN, OP, List.of(
                    new dev.runway.events.model.TrafficSplit.Entry(2, 90, null),
                    new dev.runway.events.model.TrafficSplit.Entry(1, 10, "old"))),
            new dev.runway.events.event.TrafficRevisionReady(ARN, OP, 1, ENDPOINTS),
            new dev.runway.events.event.TrafficShifted(ARN, OP, List.of(
                    new dev.runway.events.model.RevisionTraffic(2, 90, null, ENDPOINTS),
                    new dev.runway.events.model.RevisionTraffic(1, 10, "old", ENDPOINTS))),
            new RetireRevisions(ARN, OP, 2, List.of(2, 1)),
            new dev.runway.events.event.RolloutStarted(ARN, OP, 2, 1, List.of(10, 50, 100), 60),
            new dev.runway.events.event.RolloutStepped(ARN, OP, 2, 10, "first step of 10,50,100", T),
            new dev.runway.events.event.RolloutRolledBack(ARN, OP, 2, 1, "5xx rate 20.0 %", List.of(
                    new dev.runway.events.model.RolloutFigures(2, 50, 10, 12.5),
                    new dev.runway.events.model.RolloutFigures(1, 450, 0, 9.0)), T),
            new dev.runway.events.command.AdvanceRollout(ARN, OP, 2, 50, "10 % → 50 %", List.of(
                    new dev.runway.events.model.RolloutFigures(2, 50, 0, 12.5))),
            new dev.runway.events.command.RollBackRollout(ARN, OP, 2, "5xx rate 20.0 %", List.of(
                    new dev.runway.events.model.RolloutFigures(2, 50, 10, 12.5))),
            new dev.runway.events.report.RevisionInstancesLost(ARN, null, 1, List.of("i-1"), "instance i-1 was gone"),
            new dev.runway.events.event.ServiceScaled(ARN, 1, 1, 3, "panic: burst"),
            new dev.runway.events.event.ServiceScalingLimitsChanged(ARN, "arn:asc",
                    new dev.runway.events.model.AutoScalingLimits(1, 5, 10)),
            new dev.runway.events.deploy.ScaleRevision(ARN, "demo", 1, CONFIG.image(), CONFIG.instance(),
                    CONFIG.healthCheck(), 3, List.of("i-1")),
            new dev.runway.events.report.RevisionScaled(ARN, 1, 3, ENDPOINTS, null),
            new AccessKeyCreated(ACCOUNT, "AKIA2RUNWAYEXAMPLE00", "admin", T),
            new AccessKeyDeleted(ACCOUNT, "AKIA2RUNWAYEXAMPLE00", T),
            new CommandAccepted(OP, ARN),
            new CommandRejected(OP, ARN, "InvalidRequestException", "name taken"),
            new dev.runway.events.command.PutEventRule(RULE, "failures", "{\"source\":[\"aws.apprunner\"]}", "ENABLED", "d"),
            new dev.runway.events.command.SetEventRuleState(RULE, "DISABLED"),
            new dev.runway.events.command.DeleteEventRule(RULE),
            new dev.runway.events.command.PutEventTargets(RULE, List.of(TARGET)),
            new dev.runway.events.command.RemoveEventTargets(RULE, List.of("hook")),
            new dev.runway.events.event.EventRuleChanged(RULE, "failures", "{\"source\":[\"aws.apprunner\"]}", "ENABLED",
                    null, List.of(TARGET), T),
            new dev.runway.events.event.EventRuleDeleted(RULE, T),
            new CreateService(ARN, "0123456789abcdef0123456789abcdef", "demo", OP, CODE_CONFIG, List.of()),
            new dev.runway.events.build.BuildRevision(ARN, "demo", "0123456789abcdef0123456789abcdef", OP, 1, CODE),
            new dev.runway.events.report.BuildSucceeded(ARN, OP, 1, "0a1b2c", IMAGE),
            new dev.runway.events.report.BuildFailed(ARN, OP, 1, "Build failed: exit 3"),
            new dev.runway.events.event.SourceBuilt(ARN, OP, 1, "0a1b2c", IMAGE),
            new dev.runway.events.log.LogLine(ARN, "/aws/apprunner/demo/0123/service", "deployment/0a1b", T,
                    "[Build] hello"),
            new dev.runway.events.command.CreateConnection(CONNECTION, "gh", "GITHUB", List.of(new Tag("team", "a"))),
            new dev.runway.events.command.DeleteConnection(CONNECTION),
            new dev.runway.events.event.ConnectionCreated(CONNECTION, "gh", "GITHUB", List.of(), T),
            new dev.runway.events.event.ConnectionHandshakeCompleted(CONNECTION, T),
            new dev.runway.events.event.ConnectionDeleted(CONNECTION, T),
            new dev.runway.events.secret.ParameterPut(PARAMETER, "/shop/db-password", "SecureString", 1, "db", null,
                    "text", "alias/aws/ssm", "c2VhbGVk", List.of(new Tag("team", "a")), "arn:aws:iam::000000000000:root", T),
            new dev.runway.events.secret.ParameterDeleted(PARAMETER, "/shop/db-password", T),
            new dev.runway.events.secret.SecretCreated(SECRET, "shop/api", "api", null, List.of(new Tag("team", "a")), T),
            new dev.runway.events.secret.SecretValuePut(SECRET, "EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE", "c2VhbGVk", false,
                    List.of("AWSCURRENT"), T),
            new dev.runway.events.secret.SecretDescribed(SECRET, "new description", null, T),
            new dev.runway.events.secret.SecretDeletionScheduled(SECRET, T.plusSeconds(7 * 86400), T),
            new dev.runway.events.secret.SecretRestored(SECRET, T),
            new dev.runway.events.secret.SecretDeleted(SECRET, T),
            new dev.runway.events.secret.SecretTagged(SECRET, List.of(new Tag("team", "b")), T),
            new dev.runway.events.secret.SecretUntagged(SECRET, List.of("team"), T),
            new dev.runway.events.metrics.TrafficMeasured(ARN, "router-1", java.time.Instant.parse("2026-11-23T10:00:01Z"),
                    1000, new dev.runway.events.metrics.TrafficMeasured.Figures(12, 10, 1, 1, 2.5, 7.0, 9.25, 3.5, 5),
                    java.util.Map.of("i-1", new dev.runway.events.metrics.TrafficMeasured.Figures(11, 10, 0, 1, 2.5,
                            7.0, 9.25, 3.0, 4))),
            new dev.runway.events.metrics.InstancesMeasured(ARN, "deploy-worker-1",
                    java.time.Instant.parse("2026-11-23T10:00:05Z"), 2,
                    new dev.runway.events.metrics.InstancesMeasured.Usage(12.5, 40.0),
                    java.util.Map.of("i-1", new dev.runway.events.metrics.InstancesMeasured.Usage(20.0, 45.5),
                            "i-2", new dev.runway.events.metrics.InstancesMeasured.Usage(5.0, 34.5))));

    @Test
    void everyRegisteredTypeRoundTripsThroughJson() {
        List<Message> all = new java.util.ArrayList<>(EXAMPLES);
        all.addAll(dev.runway.events.resource.ResourceExamples.EXAMPLES);
        for (Message message : all) {
            // given an envelope around each example
            Envelope original = Envelope.first("test", message, OP).atStreamVersion(7);
            // when it is written and read back
            Envelope read = EnvelopeCodec.fromBytes(EnvelopeCodec.toBytes(original));
            // then nothing is lost
            assertEquals(original, read, "round trip of " + original.type());
        }
    }

    @Test
    void everyRegisteredTypeHasAnExample() {
        Set<String> covered = new HashSet<>();
        EXAMPLES.forEach(m -> covered.add(TypeRegistry.typeOf(m.getClass())));
        dev.runway.events.resource.ResourceExamples.EXAMPLES.forEach(m -> covered.add(TypeRegistry.typeOf(m.getClass())));
        for (String name : TypeRegistry.names()) {
            assertTrue(covered.contains(name), "no round-trip example for " + name);
        }
    }

    @Test
    void causedByKeepsTheCorrelationAndPointsAtTheCause() {
        Envelope cause = Envelope.first("api-gateway", new DeleteService(ARN, OP), OP);
        Envelope effect = Envelope.causedBy(cause, "service-registry", new StopService(ARN, OP));
        assertEquals(cause.id(), effect.causationId());
        assertEquals(OP, effect.correlationId());
        assertEquals(ARN, effect.resourceArn());
        assertEquals("StopService", effect.type());
    }

    @Test
    void storedJsonOfVersionOneStaysReadable() {
        // a frozen fixture: changing the wire format must keep reading what is already stored
        String stored = """
                {"id":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","type":"ServiceStatusChanged","schemaVersion":1,
                 "time":"2026-11-23T10:00:00Z","source":"service-registry","resourceArn":"%s",
                 "correlationId":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","streamVersion":3,
                 "data":{"serviceArn":"%s","previousStatus":"OPERATION_IN_PROGRESS","currentStatus":"RUNNING",
                         "message":"Service status is set to RUNNING."}}
                """.formatted(ARN, ARN);
        Envelope read = EnvelopeCodec.fromJson(stored);
        assertEquals(new ServiceStatusChanged(ARN, ServiceStatus.OPERATION_IN_PROGRESS, ServiceStatus.RUNNING,
                "Service status is set to RUNNING."), read.payload());
        assertEquals(3L, read.streamVersion());
    }

    @Test
    void accessKeyEventsNeverCarryASecret() {
        // the public feed (runway.events) must not leak credentials: the events hold ids and facts only
        String json = EnvelopeCodec.toJson(Envelope.first("service-registry",
                new AccessKeyCreated(ACCOUNT, "AKIA2RUNWAYEXAMPLE00", "admin", T), OP));
        assertTrue(!json.toLowerCase(java.util.Locale.ROOT).contains("secret"), json);
        assertEquals(ACCOUNT, EnvelopeCodec.fromJson(json).resourceArn());
    }

    @Test
    void unknownTypeIsRefusedByName() {
        String json = """
                {"id":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","type":"Nonsense","schemaVersion":1,
                 "time":"2026-11-23T10:00:00Z","source":"x","resourceArn":"a","data":{}}""";
        UnknownMessageTypeException e = assertThrows(UnknownMessageTypeException.class,
                () -> EnvelopeCodec.fromJson(json));
        assertTrue(e.getMessage().contains("Nonsense"));
    }
}
