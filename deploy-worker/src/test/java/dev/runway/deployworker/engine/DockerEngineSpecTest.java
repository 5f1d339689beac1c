package dev.runway.deployworker.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the engine is asked for in each instance network mode. The bridge mode is checked here only:
 * this machine's engine runs without bridges (a bridge takes a private address range).
 */
class DockerEngineSpecTest {

    static ContainerSpec spec(ContainerSpec.Publish publish) {
        return new ContainerSpec("runway-dev-web-r1-ab12cd34", "127.0.0.1:5000/web:1", Map.of("dev.runway.platform", "dev"),
                Map.of("PORT", "8080"), null, null, 512L << 20, 1_000_000_000L, publish);
    }

    @Test
    void aForwardedInstanceGetsANamespaceWithLoopbackOnlyAndItsForwarderLabel() {
        var spec = spec(new ContainerSpec.Publish(20417, 8080));
        HostConfig host = DockerEngine.hostConfig(spec);
        assertEquals("none", host.getNetworkMode());
        assertNull(host.getPortBindings());
        assertEquals("20417:8080", DockerEngine.labels(spec).get(PortForwarders.LABEL));
        assertEquals(Map.of("net.ipv4.ip_unprivileged_port_start", "0"), host.getSysctls(),
                "a user that is not root may listen on 80 in its own namespace");
        assertLeastPrivilege(host);
    }

    @Test
    void aBridgedInstanceJoinsThePlatformsBridgeAndTheEnginePublishesOnLoopbackOnly() {
        var spec = spec(new ContainerSpec.Publish(20417, 8080, InstanceNetwork.bridgeName("dev")));
        HostConfig host = DockerEngine.hostConfig(spec);
        assertEquals("runway-dev-instances", host.getNetworkMode());
        Ports.Binding[] bindings = host.getPortBindings().getBindings().get(ExposedPort.tcp(8080));
        assertEquals(1, bindings.length);
        assertEquals("127.0.0.1", bindings[0].getHostIp());
        assertEquals("20417", bindings[0].getHostPortSpec());
        assertFalse(DockerEngine.labels(spec).containsKey(PortForwarders.LABEL), "no forwarder for a bridged instance");
        assertEquals(DockerEngine.NAMESPACE_SYSCTLS, host.getSysctls());
        assertEquals(Map.of("com.docker.network.bridge.enable_icc", "false",
                "com.docker.network.bridge.host_binding_ipv4", "127.0.0.1"), DockerEngine.BRIDGE_OPTIONS);
        assertLeastPrivilege(host);
    }

    @Test
    void anUnpublishedInstanceIsOnTheHostNetwork() {
        var spec = new ContainerSpec("c", "i", Map.of(), Map.of(), null, null, 1L << 28, 250_000_000L);
        assertEquals("host", DockerEngine.hostConfig(spec).getNetworkMode());
        assertNull(DockerEngine.hostConfig(spec).getSysctls(), "the host's own sysctls are never touched");
        assertFalse(DockerEngine.labels(spec).containsKey(PortForwarders.LABEL));
    }

    private static void assertLeastPrivilege(HostConfig host) {
        assertEquals(List.of(Capability.ALL), List.of(host.getCapDrop()));
        assertFalse(List.of(host.getCapAdd()).contains(Capability.NET_RAW));
        assertTrue(host.getSecurityOpts().contains("no-new-privileges:true"));
        assertEquals(DockerEngine.PIDS_LIMIT, host.getPidsLimit());
        assertEquals(512L << 20, host.getMemory());
        assertEquals(host.getMemory(), host.getMemorySwap());
        assertEquals(1_000_000_000L, host.getNanoCPUs());
        assertTrue(host.getInit());
    }

    @Test
    void anInstanceRunsAsTheUserItsSpecNamesOrElseAsItsImagesUser() {
        var nobody = new ContainerSpec("c", "i", Map.of(), Map.of(), null, null, 1L << 28, 250_000_000L,
                new ContainerSpec.Publish(20417, 8080), "65534:65534");
        var cmd = DockerEngine.createCommand(new com.github.dockerjava.core.command.CreateContainerCmdImpl(c -> null,
                null, "i"), nobody);
        assertEquals("65534:65534", cmd.getUser());
        var own = DockerEngine.createCommand(new com.github.dockerjava.core.command.CreateContainerCmdImpl(c -> null,
                null, "i"), spec(new ContainerSpec.Publish(20417, 8080)));
        assertNull(own.getUser());
    }
}
