package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An instance runs someone else's code (issue 18): what the engine gives it is the least a web app
 * needs. So far: capabilities, no-new-privileges, a pids limit, memory and CPU limits, and no raw
 * socket. Not yet: a network namespace of its own (it still shares the host's).
 */
class IsolationTest {

    @Test
    void shouldRunEveryInstanceWithLeastPrivilege() throws Exception {
        String arn = Services.create(Platform.uniqueName("iso"), Platform.HELLO_IMAGE).path("Service")
                .path("ServiceArn").asText();
        try {
            assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(120)).path("Status").asText());
            String container = Platform.containersOf(arn).get(0);
            JsonNode host = AwsCli.JSON.readTree(Platform.run(List.of("docker", "inspect", container),
                    Duration.ofSeconds(30))).get(0).path("HostConfig");
            assertEquals(List.of("ALL"), texts(host.path("CapDrop")), host.toString());
            List<String> added = texts(host.path("CapAdd"));
            for (String dangerous : List.of("NET_RAW", "CAP_NET_RAW", "SYS_ADMIN", "CAP_SYS_ADMIN", "MKNOD", "CAP_MKNOD")) {
                assertFalse(added.contains(dangerous), dangerous + " in " + added);
            }
            assertTrue(texts(host.path("SecurityOpt")).contains("no-new-privileges:true"), host.toString());
            assertTrue(host.path("PidsLimit").asLong() > 0, host.toString());
            assertTrue(host.path("Memory").asLong() > 0, host.toString());
            assertTrue(host.path("NanoCpus").asLong() > 0, host.toString());
            // a raw socket (what sniffing loopback needs) is refused inside the instance
            String ping = Platform.run(List.of("docker", "exec", container, "ping", "-c", "1", "-W", "1", "127.0.0.1"),
                    Duration.ofSeconds(30), true);
            assertTrue(ping.contains("permission denied"), ping);
        } finally {
            Services.deleteAndWait(arn);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
