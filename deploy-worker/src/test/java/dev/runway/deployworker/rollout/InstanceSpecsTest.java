package dev.runway.deployworker.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.deployworker.engine.ContainerSpec;
import dev.runway.deployworker.engine.InstanceNetwork;
import dev.runway.deployworker.image.ImageReference;
import dev.runway.deployworker.secrets.SecretValues;
import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.model.HealthCheck;
import dev.runway.events.model.ImageSource;
import dev.runway.events.model.InstanceSize;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InstanceSpecsTest {

    static final String ARN = "arn:aws:apprunner:us-east-1:000000000000:service/My-App/0123456789abcdef0123456789abcdef";
    static final UUID OPERATION = UUID.fromString("00000000-0000-0000-0000-000000000007");

    static DeployRevision revision(String startCommand, Map<String, String> env, Map<String, String> secrets) {
        return new DeployRevision(ARN, "My-App", OPERATION, 4,
                new ImageSource("127.0.0.1:5000/app:1", "ECR", "8080", startCommand, env, secrets),
                new InstanceSize(256, 512, null), HealthCheck.defaults(), 1);
    }

    @Test
    void shouldNameTheContainerAfterPlatformServiceRevisionAndInstance() {
        assertEquals("runway-dev-my-app-r4-ab12cd34", InstanceSpecs.containerName("dev", "My-App", 4, "ab12cd34"));
    }

    @Test
    void shouldLabelTheContainerSoItCanBeFoundAgain() {
        var spec = InstanceSpecs.spec(revision(null, Map.of(), Map.of()), new ImageReference("127.0.0.1:5000/app:1"),
                "dev", "ab12cd34", 20417, InstanceNetwork.HOST, SecretValues.NONE, "");
        assertEquals(Map.of(
                "dev.runway.platform", "dev",
                "dev.runway.service-arn", ARN,
                "dev.runway.service-name", "My-App",
                "dev.runway.revision", "4",
                "dev.runway.instance", "ab12cd34",
                "dev.runway.port", "20417",
                "dev.runway.operation", OPERATION.toString()), spec.labels());
    }

    @Test
    void shouldPassEnvironmentResolvedSecretValuesAndRunwaysOwnPort() {
        // given the user also set PORT, which Runway owns, and DB_PASSWORD refers to a secret
        var command = revision(null, Map.of("STAGE", "prod", "PORT", "8080"), Map.of("DB_PASSWORD",
                "arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf:password::"));
        var values = new SecretValues(Map.of("DB_PASSWORD", "p-4ll0w3d"));
        // when the spec is made with the resolved value
        var spec = InstanceSpecs.spec(command, new ImageReference("127.0.0.1:5000/app:1"), "dev", "ab12cd34", 20417,
                InstanceNetwork.HOST, values, "");
        // then the container gets the value, never the reference
        assertEquals(Map.of("STAGE", "prod", "DB_PASSWORD", "p-4ll0w3d", "PORT", "20417"), spec.env());
        // and the spec never prints a value
        assertFalse(spec.toString().contains("p-4ll0w3d"), spec.toString());
        assertTrue(spec.toString().contains("DB_PASSWORD"), spec.toString());
    }

    @Test
    void shouldKeepRunwaysPortEvenForASecretNamedPort() {
        var command = revision(null, Map.of(), Map.of("PORT", "/app/port"));
        var env = InstanceSpecs.environment(command.image(), new SecretValues(Map.of("PORT", "9999")), 20417);
        assertEquals(Map.of("PORT", "20417"), env);
    }

    @Test
    void shouldRefuseASecretVariableWithoutAResolvedValue() {
        // given a revision with a reference and no value for it
        var command = revision(null, Map.of(), Map.of("DB_PASSWORD", "/shop/db-password"));
        // when the spec is made, then it fails rather than pass the reference on
        var e = assertThrows(IllegalArgumentException.class, () -> InstanceSpecs.spec(command,
                new ImageReference("127.0.0.1:5000/app:1"), "dev", "ab12cd34", 20417, InstanceNetwork.HOST, SecretValues.NONE, ""));
        assertEquals("No value was resolved for the secret variable DB_PASSWORD", e.getMessage());
    }

    @Test
    void shouldRunTheStartCommandThroughAShell() {
        var spec = InstanceSpecs.spec(revision("python3 app.py --port $PORT", Map.of(), Map.of()),
                new ImageReference("127.0.0.1:5000/app:1"), "dev", "ab12cd34", 20417, InstanceNetwork.HOST, SecretValues.NONE, "");
        assertEquals(List.of("/bin/sh", "-c"), spec.entrypoint());
        assertEquals(List.of("python3 app.py --port $PORT"), spec.command());
    }

    @Test
    void shouldKeepTheImagesCommandWithoutAStartCommand() {
        var spec = InstanceSpecs.spec(revision(" ", Map.of(), Map.of()), new ImageReference("127.0.0.1:5000/app:1"),
                "dev", "ab12cd34", 20417, InstanceNetwork.HOST, SecretValues.NONE, "");
        assertNull(spec.entrypoint());
        assertNull(spec.command());
    }

    @Test
    void shouldLimitMemoryAndCpu() {
        var spec = InstanceSpecs.spec(revision(null, Map.of(), Map.of()), new ImageReference("127.0.0.1:5000/app:1"),
                "dev", "ab12cd34", 20417, InstanceNetwork.HOST, SecretValues.NONE, "");
        assertEquals(512L * 1024 * 1024, spec.memoryBytes());
        assertEquals(250_000_000L, spec.nanoCpus());
    }

    static DeployRevision declaring(String port) {
        return new DeployRevision(ARN, "My-App", OPERATION, 4,
                new ImageSource("127.0.0.1:5000/app:1", "ECR", port, null, Map.of("PORT", "1"), Map.of()),
                new InstanceSize(256, 512, null), HealthCheck.defaults(), 1);
    }

    @Test
    void shouldPublishTheHostPortToTheDeclaredPortInANamespaceOfItsOwn() {
        // given a service that says its app listens on 80, when its spec is made for a namespace
        var spec = InstanceSpecs.spec(declaring("80"), new ImageReference("127.0.0.1:5000/app:1"), "dev", "ab12cd34",
                20417, InstanceNetwork.NAMESPACE, SecretValues.NONE, "");
        // then the host's 127.0.0.1:20417 leads to port 80 inside, and PORT says 80
        assertEquals(new ContainerSpec.Publish(20417, 80), spec.publish());
        assertEquals("80", spec.env().get("PORT"));
        // and the label the platform finds the instance by is still the host port
        assertEquals("20417", spec.labels().get("dev.runway.port"));
    }

    @Test
    void shouldListenOn8080WhenNoPortIsDeclared() {
        for (String none : new String[] {null, "", " "}) {
            var spec = InstanceSpecs.spec(declaring(none), new ImageReference("127.0.0.1:5000/app:1"), "dev",
                    "ab12cd34", 20417, InstanceNetwork.NAMESPACE, SecretValues.NONE, "");
            assertEquals(new ContainerSpec.Publish(20417, 8080), spec.publish());
            assertEquals("8080", spec.env().get("PORT"));
        }
    }

    @Test
    void shouldRunOnTheHostNetworkWithTheHostPortAsPortInHostMode() {
        var spec = InstanceSpecs.spec(declaring("80"), new ImageReference("127.0.0.1:5000/app:1"), "dev", "ab12cd34",
                20417, InstanceNetwork.HOST, SecretValues.NONE, "");
        assertNull(spec.publish());
        assertEquals("20417", spec.env().get("PORT"));
    }

    @Test
    void shouldRefuseADeclaredPortThatIsNoPort() {
        for (String bad : new String[] {"http", "0", "65536", "-1", "80;rm"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> InstanceSpecs.spec(declaring(bad),
                    new ImageReference("127.0.0.1:5000/app:1"), "dev", "ab12cd34", 20417, InstanceNetwork.NAMESPACE,
                    SecretValues.NONE, ""));
            assertEquals("The service's Port \"" + bad + "\" is not a port number (1 to 65535)", e.getMessage());
        }
    }

    @Test
    void shouldPublishTheDeclaredPortFromThePlatformsBridgeInBridgeMode() {
        var spec = InstanceSpecs.spec(revision(null, Map.of(), Map.of()), new ImageReference("127.0.0.1:5000/app:1"),
                "dev", "ab12cd34", 20417, InstanceNetwork.BRIDGE, SecretValues.NONE, "");
        assertEquals(new ContainerSpec.Publish(20417, 8080, "runway-dev-instances"), spec.publish());
        assertFalse(spec.publish().forwarded());
        assertEquals("8080", spec.env().get("PORT"));
    }

    @Test
    void shouldRunAnImageThatNamesNoUserOrRootAsNobody() {
        for (String root : new String[] {"", " ", "0", "root", "0:0", "root:root", "0:1000", "00", null}) {
            assertEquals("65534:65534", InstanceSpecs.runAs(root), "USER " + root);
        }
        var spec = InstanceSpecs.spec(revision(null, Map.of(), Map.of()), new ImageReference("127.0.0.1:5000/app:1"),
                "dev", "ab12cd34", 20417, InstanceNetwork.NAMESPACE, SecretValues.NONE, "root");
        assertEquals("65534:65534", spec.user());
    }

    @Test
    void shouldHonourTheImagesOwnUserWhenItIsNotRoot() {
        for (String user : new String[] {"nobody", "10001", "app:app", "1000:0", "01"}) {
            assertNull(InstanceSpecs.runAs(user), "USER " + user);
        }
        var spec = InstanceSpecs.spec(revision(null, Map.of(), Map.of()), new ImageReference("127.0.0.1:5000/app:1"),
                "dev", "ab12cd34", 20417, InstanceNetwork.NAMESPACE, SecretValues.NONE, "10001");
        assertNull(spec.user());
    }
}
