package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #8's load step: a bounded load on loopback against a service with MaxConcurrency 10,
 * MinSize 1, MaxSize 5 scales it up within 10 s, answers no 5xx (and no 429: the load stays within
 * the configured capacity) while it scales, and brings it back to MinSize once the load stops.
 * The test profile shortens the stable window and the scale-down delay to 10 s
 * (RUNWAY_AUTOSCALER_STABLE_WINDOW, RUNWAY_AUTOSCALER_SCALE_DOWN_DELAY).
 */
class AutoscalingLoadTest {

    static final int CLIENTS = 50;
    static final Duration LOAD = Duration.ofSeconds(40);
    /** A CGI that takes 200 ms, written by the start command beside the example's own /www. */
    static final String SLOW_START = "mkdir -p /tmp/w/cgi-bin && cd /tmp/w/cgi-bin && echo '#!/bin/sh' > slow"
            + " && echo 'sleep 0.2; exec /www/cgi-bin/env' >> slow && chmod +x slow"
            + " && exec busybox httpd -f -p 127.0.0.1:$PORT -h /tmp/w";

    @Test
    void scalesUpWithinTenSecondsOfALoadStepWithout5xxAndBackDownToMinSize() throws Exception {
        // given an auto scaling configuration of MaxConcurrency 10, MinSize 1, MaxSize 5 ...
        String ascName = Platform.uniqueName("load");
        String ascArn = AwsCli.ok("create-auto-scaling-configuration", "--auto-scaling-configuration-name", ascName,
                "--max-concurrency", "10", "--min-size", "1", "--max-size", "5")
                .path("AutoScalingConfiguration").path("AutoScalingConfigurationArn").asText();
        // ... and a service using it whose /cgi-bin/slow answers in about 200 ms
        JsonNode created = AwsCli.ok("create-service", "--service-name", Platform.uniqueName("scale"),
                "--source-configuration", "{\"ImageRepository\":{\"ImageIdentifier\":\"" + Platform.HELLO_IMAGE
                        + "\",\"ImageRepositoryType\":\"ECR\",\"ImageConfiguration\":{\"Port\":\"8080\","
                        + "\"StartCommand\":\"" + SLOW_START + "\"}},\"AutoDeploymentsEnabled\":false}",
                "--auto-scaling-configuration-arn", ascArn).path("Service");
        String arn = created.path("ServiceArn").asText();
        String url = created.path("ServiceUrl").asText();
        JsonNode running = Services.settle(arn, Duration.ofSeconds(90));
        assertEquals("RUNNING", running.path("Status").asText());
        assertEquals(ascArn, running.path("AutoScalingConfigurationSummary").path("AutoScalingConfigurationArn")
                .asText());
        assertEquals(1, Platform.containersOf(arn).size(), "a new revision starts with MinSize instances");
        assertEquals(200, Services.viaRouter(url, "/cgi-bin/slow").statusCode());

        // when 50 clients call it at once for 40 s (a load step)
        Instant step = Instant.now();
        List<String> failures;
        int succeeded;
        try (SteadyLoad load = new SteadyLoad(url, "/cgi-bin/slow", CLIENTS, LOAD)) {
            Platform.sleep(LOAD.toMillis());
            load.close();
            failures = load.failures();
            succeeded = load.succeeded();
        }
        Instant stopped = Instant.now();

        // then the autoscaler asked for more instances, and they took traffic, within 10 s of the step
        List<EventLog.Recorded> scaled = EventLog.of(arn, "ServiceScaled");
        EventLog.Recorded firstUp = scaled.stream().filter(e -> e.data().path("toInstances").asInt() > 1)
                .findFirst().orElseThrow(() -> new AssertionError("no scale-up was recorded: " + EventLog.of(arn)));
        Duration decided = Duration.between(step, firstUp.at());
        EventLog.Recorded serving = EventLog.of(arn, "RevisionActivated").stream()
                .filter(e -> e.at().isAfter(step) && e.data().path("endpoints").size() > 1).findFirst()
                .orElseThrow(() -> new AssertionError("new instances never took traffic: " + EventLog.of(arn)));
        Duration tookTraffic = Duration.between(step, serving.at());
        int most = scaled.stream().mapToInt(e -> e.data().path("toInstances").asInt()).max().orElse(1);
        System.out.printf("load step: %d answered 200 by %d clients in %d s; scale-up decided after %d ms (%s),"
                + " %d instances took traffic after %d ms; at most %d instances%n", succeeded, CLIENTS,
                LOAD.toSeconds(), decided.toMillis(), firstUp.data().path("reason").asText(),
                serving.data().path("endpoints").size(), tookTraffic.toMillis(), most);
        assertTrue(decided.compareTo(Duration.ofSeconds(10)) <= 0, "scale-up decided after " + decided);
        assertTrue(tookTraffic.compareTo(Duration.ofSeconds(10)) <= 0, "new instances took traffic after "
                + tookTraffic);
        assertTrue(most >= 2 && most <= 5, "scaled within [MinSize, MaxSize]: " + most);
        String reason = firstUp.data().path("reason").asText();
        assertTrue(reason.startsWith("panic: ") || reason.startsWith("stable: "), reason);
        // and no request failed: no 5xx while scaling, no 429 within the configured capacity
        assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())), failures.size() + " failed");
        assertTrue(succeeded > CLIENTS, "the load got answers: " + succeeded);

        // then, once the load stopped, the service goes back to MinSize after the scale-down delay
        EventLog.Recorded down = Platform.eventually("a scale-down to MinSize", Duration.ofSeconds(60), () -> {
            List<EventLog.Recorded> all = EventLog.of(arn, "ServiceScaled");
            EventLog.Recorded last = all.get(all.size() - 1);
            return last.data().path("toInstances").asInt() == 1 ? last : null;
        });
        System.out.printf("back to MinSize %d ms after the load stopped (%s)%n",
                Duration.between(stopped, down.at()).toMillis(), down.data().path("reason").asText());
        Platform.eventually("one container left", Duration.ofSeconds(30),
                () -> Platform.containersOf(arn).size() == 1 ? true : null);
        assertEquals(200, Services.viaRouter(url, "/cgi-bin/slow").statusCode());
        // scaling is no App Runner operation: only the creation is listed
        assertEquals(1, AwsCli.ok("list-operations", "--service-arn", arn).path("OperationSummaryList").size());
        assertEquals("RUNNING", Services.describe(arn).path("Status").asText());

        Services.deleteAndWait(arn);
        AwsCli.ok("delete-auto-scaling-configuration", "--auto-scaling-configuration-arn", ascArn);
    }
}
