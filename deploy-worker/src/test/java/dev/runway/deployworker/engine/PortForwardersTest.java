package dev.runway.deployworker.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.deployworker.engine.ContainerSpec.Publish;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortForwardersTest {

    @TempDir
    Path dir;

    @Test
    void shouldForwardOnlyTheHostPortInAndNothingOut() {
        var args = PortForwarders.arguments(new Publish(20417, 8080), Path.of("/run/f/abc.pid"));
        assertEquals(List.of("--quiet", "--runas", "0:0", "--netns", "/proc/self/fd/3", "--pid", "/run/f/abc.pid",
                "--tcp-ports", "127.0.0.1/20417:8080", "--tcp-ns", "none", "--udp-ports", "none", "--udp-ns", "none",
                "--no-udp", "--no-icmp", "--no-dhcp", "--no-dhcpv6", "--no-ndp", "--no-ra", "--no-map-gw",
                "--ipv4-only"), args);
        // never configures the namespace's interface: the app gets no address and no route out
        assertFalse(args.contains("--config-net"));
    }

    @Test
    void shouldOpenTheContainersNamespaceForPastaAsDescriptor3() {
        var command = PortForwarders.command("/usr/bin/pasta", 4242, new Publish(20417, 80), Path.of("/run/f/c.pid"));
        assertEquals(List.of("/bin/sh", "-c", "exec \"$@\" 3</proc/4242/ns/net", "sh", "/usr/bin/pasta", "--quiet"),
                command.subList(0, 6));
        assertTrue(command.contains("127.0.0.1/20417:80"));
    }

    @Test
    void shouldReadThePublishLabelBack() {
        assertEquals("20417:8080", new Publish(20417, 8080).label());
        assertEquals(Optional.of(new Publish(20417, 8080)), Publish.parse("20417:8080"));
        for (String bad : new String[] {null, "", "20417", "a:b", "0:80", "80:70000", "1:2:3"}) {
            assertEquals(Optional.empty(), Publish.parse(bad), bad);
        }
    }

    @Test
    void shouldNotTakeAnUnrelatedProcessForAForwarder() throws Exception {
        // given a pid file that names a live process which is no pasta (this JVM)
        var forwarders = PortForwarders.in(dir);
        Files.writeString(dir.resolve("c1.pid"), ProcessHandle.current().pid() + "\n");
        Files.writeString(dir.resolve("c2.pid"), "not a pid");
        // then neither counts as alive, and stopping them kills nothing but the files
        assertFalse(forwarders.alive("c1"));
        assertFalse(forwarders.alive("c2"));
        assertEquals(java.util.Set.of("c1", "c2"), forwarders.containerIds());
        forwarders.stop("c1");
        forwarders.stop("c2");
        assertTrue(ProcessHandle.current().isAlive());
        assertEquals(java.util.Set.of(), forwarders.containerIds());
    }

    @Test
    void shouldTakeAKilledProcessThatNobodyReapedYetForGone() throws Exception {
        // given a process whose parent never reaps it (sh became sleep): killed, it stays a zombie
        Process parent = new ProcessBuilder("/bin/sh", "-c", "sleep 30 & echo $!; exec sleep 30").start();
        try {
            long pid = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream()))
                    .readLine().strip());
            assertTrue(PortForwarders.running(pid));
            // when it is killed
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
            // then it counts as gone at once, though /proc still lists it
            long deadline = System.nanoTime() + 1_000_000_000L;
            while (PortForwarders.running(pid) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertFalse(PortForwarders.running(pid));
            assertTrue(Files.exists(Path.of("/proc", Long.toString(pid))), "the zombie is still listed");
        } finally {
            parent.destroyForcibly();
        }
        assertFalse(PortForwarders.running(Long.MAX_VALUE / 2));
    }

    @Test
    void shouldSayWhatIsMissingWhenPastaIsNotInstalled() {
        // only meaningful where pasta is absent; elsewhere the IT starts real ones
        if (PortForwarders.pasta().isPresent()) {
            return;
        }
        var e = org.junit.jupiter.api.Assertions.assertThrows(EngineException.class,
                () -> PortForwarders.in(dir).start("c1", 1, new Publish(20417, 8080)));
        assertTrue(e.getMessage().contains("RUNWAY_INSTANCE_NETWORK=host"), e.getMessage());
    }
}
