package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Platform services killed with SIGKILL: the registry mid-operation loses and duplicates nothing;
 * the deploy-worker, restarted, adopts the instances it finds instead of restarting them.
 */
class CrashSafetyTest {

    @Test
    void shouldFinishACreateAcrossARegistryCrash() {
        // given a create in flight
        String name = Platform.uniqueName("crash");
        String arn = Services.create(name, Platform.HELLO_IMAGE).path("Service").path("ServiceArn").asText();

        // when the registry is killed before the deployment is reported, and started again
        Platform.runway("stop", "--kill", "service-registry");
        Platform.sleep(3000); // the deploy-worker finishes and reports while no registry runs
        Platform.runway("start", "service-registry");

        // then the create completes
        String status = Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText();
        assertEquals("RUNNING", status);

        // and the stream has no gap and no duplicate
        List<Integer> versions = new ArrayList<>();
        Map<String, Integer> types = new HashMap<>();
        for (EventLog.Recorded event : EventLog.of(arn)) {
            versions.add(event.version());
            types.merge(event.type(), 1, Integer::sum);
        }
        for (int i = 0; i < versions.size(); i++) {
            assertEquals(i + 1, versions.get(i), "versions run 1..n without a gap: " + versions);
        }
        assertEquals(1, types.get("ServiceCreated"), types.toString());
        assertEquals(1, types.get("RevisionActivated"), types.toString());
        assertEquals(1, types.get("OperationSucceeded"), types.toString());
        assertTrue(versions.size() >= 7, types.toString());

        Services.deleteAndWait(arn);
    }

    @Test
    void shouldLeaveHealthyInstancesAloneWhenTheDeployWorkerIsKilledAndRestarted() {
        // given three running services
        List<JsonNode> services = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            services.add(Services.create(Platform.uniqueName("adopt"), Platform.HELLO_IMAGE).path("Service"));
        }
        Map<String, String> startedAt = new HashMap<>();
        for (JsonNode service : services) {
            String arn = service.path("ServiceArn").asText();
            assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
            for (String id : Platform.containersOf(arn)) {
                startedAt.put(id, startedAt(id));
            }
        }
        assertEquals(3, startedAt.size());

        // when the deploy-worker is killed with SIGKILL and started again
        Platform.runway("stop", "--kill", "deploy-worker");
        Platform.runway("start", "deploy-worker");
        Platform.sleep(12_000); // two reconcile rounds (5 s apart) after its start

        // then every container is the same one, never restarted, and every service still answers
        for (JsonNode service : services) {
            String arn = service.path("ServiceArn").asText();
            List<String> now = Platform.containersOf(arn);
            assertEquals(1, now.size(), arn);
            assertEquals(startedAt.get(now.get(0)), startedAt(now.get(0)), "container " + now.get(0) + " restarted");
            assertEquals(200, Services.viaRouter(service.path("ServiceUrl").asText(), "/").statusCode());
            assertEquals(List.of(), EventLog.of(arn, "InstancesReplaced"), "nothing was replaced");
        }
        assertEquals(startedAt.keySet(), services.stream()
                .flatMap(s -> Platform.containersOf(s.path("ServiceArn").asText()).stream())
                .collect(java.util.stream.Collectors.toSet()));

        services.forEach(s -> Services.deleteAndWait(s.path("ServiceArn").asText()));
    }

    private static String startedAt(String containerId) {
        return Platform.run(List.of("docker", "inspect", "-f", "{{.State.StartedAt}} {{.RestartCount}}", containerId),
                Duration.ofSeconds(30)).trim();
    }
}
