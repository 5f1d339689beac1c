package dev.runway.deployworker.socketproxy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import dev.runway.deployworker.engine.ContainerSpec;
import dev.runway.deployworker.engine.DockerEngine;
import dev.runway.deployworker.engine.InstanceNetwork;
import dev.runway.deployworker.socketproxy.JsonPolicy.Refused;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The create body the deploy-worker really sends (DockerEngine.createCommand, serialized by
 * docker-java's own mapper) passes in every instance network mode; each power it never asks for
 * is refused, whatever the case of its name.
 */
class ContainerCreatePolicyTest {

    private static final ObjectMapper DOCKER_JAVA = DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost("unix:///nonexistent.sock").build().getObjectMapper();

    static ObjectNode sent(ContainerSpec.Publish publish) {
        var spec = new ContainerSpec("runway-dev-web-r1-ab12cd34", "127.0.0.1:5000/web@sha256:" + "a".repeat(64),
                Map.of("dev.runway.platform", "dev", "dev.runway.service", "web"),
                Map.of("PORT", "8080", "SECRET", "x"), List.of("/bin/sh", "-c"), List.of("exec httpd -f"),
                512L << 20, 1_000_000_000L, publish, "65534:65534");
        var command = DockerEngine.createCommand(new CreateContainerCmdImpl(c -> null, null, spec.image()), spec);
        return DOCKER_JAVA.valueToTree(command);
    }

    static List<ObjectNode> everyMode() {
        return List.of(sent(null), sent(new ContainerSpec.Publish(20417, 8080)),
                sent(new ContainerSpec.Publish(20417, 8080, InstanceNetwork.bridgeName("dev"))));
    }

    @Test
    void whatTheDeployWorkerSendsPassesInEveryNetworkMode() {
        for (ObjectNode body : everyMode()) {
            assertDoesNotThrow(() -> ContainerCreatePolicy.check(body), body.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"Privileged\":true}",
        "{\"privileged\":true}",
        "{\"PidMode\":\"host\"}",
        "{\"IpcMode\":\"host\"}",
        "{\"UTSMode\":\"host\"}",
        "{\"UsernsMode\":\"host\"}",
        "{\"CgroupnsMode\":\"host\"}",
        "{\"Binds\":[\"/var/run/docker.sock:/var/run/docker.sock\"]}",
        "{\"Binds\":[\"/:/host\"]}",
        "{\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/run/docker.sock\",\"Target\":\"/s\"}]}",
        "{\"VolumesFrom\":[\"runway-compose-socket-proxy-1\"]}",
        "{\"Devices\":[{\"PathOnHost\":\"/dev/sda\",\"PathInContainer\":\"/dev/sda\",\"CgroupPermissions\":\"rwm\"}]}",
        "{\"DeviceCgroupRules\":[\"b *:* rwm\"]}",
        "{\"CapAdd\":[\"SYS_ADMIN\"]}",
        "{\"Sysctls\":{\"net.ipv4.ip_unprivileged_port_start\":\"0\",\"net.ipv4.ip_forward\":\"1\"}}",
        "{\"Sysctls\":\"net.ipv4.ip_forward=1\"}",
        "{\"CapAdd\":[\"CAP_NET_ADMIN\"]}",
        "{\"CapAdd\":[\"ALL\"]}",
        "{\"CapDrop\":[\"NET_RAW\"]}",
        "{\"SecurityOpt\":[\"seccomp=unconfined\"]}",
        "{\"SecurityOpt\":[\"apparmor=unconfined\"]}",
        "{\"SecurityOpt\":[]}",
        "{\"PidsLimit\":-1}",
        "{\"PidsLimit\":null}",
        "{\"NetworkMode\":\"container:runway-compose-socket-proxy-1\"}",
        "{\"NetworkMode\":\"bridge\"}",
        "{\"PortBindings\":{\"8080/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"80\"}]}}",
        "{\"PortBindings\":{\"8080/tcp\":[{\"HostPort\":\"80\"}]}}",
        "{\"Sysctls\":{\"kernel.shm_rmid_forced\":\"1\"}}",
        "{\"CgroupParent\":\"/\"}",
        "{\"Runtime\":\"runc-unsafe\"}",
        "{\"ExtraHosts\":[\"a:127.0.0.1\"]}",
        "{\"OomScoreAdj\":-1000}",
    })
    void aPowerTheDeployWorkerNeverAsksForIsRefused(String hostConfigChange) throws Exception {
        JsonNode change = new ObjectMapper().readTree(hostConfigChange);
        for (ObjectNode body : everyMode()) {
            ObjectNode hostConfig = (ObjectNode) body.get("HostConfig");
            // the change replaces a field of the same name (any case), as the engine would read it
            change.fieldNames().forEachRemaining(name -> {
                var it = hostConfig.fieldNames();
                var same = new java.util.ArrayList<String>();
                it.forEachRemaining(existing -> {
                    if (existing.equals(name)) {
                        same.add(existing);
                    }
                });
                same.forEach(hostConfig::remove);
            });
            hostConfig.setAll((ObjectNode) change);
            Refused refused = assertThrows(Refused.class, () -> ContainerCreatePolicy.check(body), body.toString());
            assertTrue(refused.getMessage().toLowerCase().contains(
                    change.fieldNames().next().toLowerCase()), refused.getMessage());
        }
    }

    @Test
    void topLevelFieldsItNeverSetsAreRefused() {
        refused(body -> body.put("User", "0"), "User");
        refused(body -> body.put("User", "root:root"), "User");
        refused(body -> body.put("User", 0), "User");
        refused(body -> body.putArray("Shell").add("/bin/sh"), "Shell");
        refused(body -> body.putObject("NetworkingConfig").putObject("EndpointsConfig").putObject("other"),
                "NetworkingConfig");
        refused(body -> body.remove("HostConfig"), "HostConfig");
        refused(body -> body.put("hostconfig", "x"), "twice");
    }

    @Test
    void emptyValuesOfOtherFieldsAreHarmless() {
        var body = sent(null);
        body.put("Tty", false).put("User", "").putObject("Volumes");
        ((ObjectNode) body.get("HostConfig")).put("Privileged", false).putArray("Binds");
        assertDoesNotThrow(() -> ContainerCreatePolicy.check(body));
    }

    @Test
    void aDuplicateFieldOrANonAsciiNameIsRefused() throws Exception {
        var text = sent(null).toString().replace("\"HostConfig\":{", "\"HostConfig\":{\"Bind\u017f\":[\"/:/h\"],");
        assertThrows(Refused.class, () -> ContainerCreatePolicy.check(JsonPolicy.parse(text.getBytes("UTF-8"))));
        var dup = "{\"Image\":\"a\",\"Image\":\"b\",\"HostConfig\":{}}";
        assertThrows(Refused.class, () -> JsonPolicy.parse(dup.getBytes("UTF-8")));
    }

    private static void refused(Consumer<ObjectNode> change, String named) {
        var body = sent(null);
        change.accept(body);
        Refused refused = assertThrows(Refused.class, () -> ContainerCreatePolicy.check(body));
        assertTrue(refused.getMessage().contains(named), refused.getMessage());
    }
}
