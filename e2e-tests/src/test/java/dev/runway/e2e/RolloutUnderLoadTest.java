package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #6's promise under a steady load through the router: twenty updates in a row go live
 * without failing a request, every answer comes whole from the old or the new revision, and two
 * revisions that cannot serve (a start command that exits, an app that fails its HTTP check) fail
 * within their thresholds while the previous revision keeps serving.
 */
class RolloutUnderLoadTest {

    static final int UPDATES = 20;

    static String source(int revision, String startCommand) {
        return "{\"ImageRepository\":{\"ImageIdentifier\":\"" + Platform.HELLO_IMAGE + "\",\"ImageRepositoryType\":\"ECR\","
                + "\"ImageConfiguration\":{\"Port\":\"8080\",\"RuntimeEnvironmentVariables\":{\"GREETING\":\"v"
                + revision + "\"}" + (startCommand == null ? "" : ",\"StartCommand\":\"" + startCommand + "\"")
                + "}},\"AutoDeploymentsEnabled\":false}";
    }

    @Test
    void shouldRollOutTwentyUpdatesAndTwoFailuresWithoutFailingARequest() throws Exception {
        // given a running service answering v0
        JsonNode created = AwsCli.ok("create-service", "--service-name", Platform.uniqueName("rollouts"),
                "--source-configuration", source(0, null)).path("Service");
        String arn = created.path("ServiceArn").asText();
        String url = created.path("ServiceUrl").asText();
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
        Platform.eventually("the first answer", Duration.ofSeconds(10),
                () -> Services.viaRouter(url, "/cgi-bin/env").asString().contains("GREETING=v0") ? true : null);

        List<Instant> updateLive = new ArrayList<>();
        JsonNode failedStart;
        JsonNode failedCheck;
        Duration checkFailedAfter;
        RevisionLoad load = new RevisionLoad(url, 12, Duration.ofMinutes(6));
        try {
            // when it is updated twenty times in a row
            for (int i = 1; i <= UPDATES; i++) {
                AwsCli.ok("update-service", "--service-arn", arn, "--source-configuration", source(i, null));
                assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(60)).path("Status").asText());
                updateLive.add(Instant.now());
                assertEquals("SUCCEEDED", LifecycleTest.lastOperation(arn).path("Status").asText(), "update " + i);
            }

            // and then to a revision whose start command exits
            AwsCli.ok("update-service", "--service-arn", arn, "--source-configuration",
                    source(UPDATES + 1, "echo cannot start; exit 3"));
            assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(60)).path("Status").asText());
            failedStart = LifecycleTest.lastOperation(arn);

            // and to one that answers its HTTP health check with 404
            Instant called = Instant.now();
            AwsCli.ok("update-service", "--service-arn", arn, "--source-configuration", source(UPDATES + 2, null),
                    "--health-check-configuration", "{\"Protocol\":\"HTTP\",\"Path\":\"/no-such-page\",\"Interval\":1,"
                            + "\"Timeout\":1,\"HealthyThreshold\":1,\"UnhealthyThreshold\":3}");
            JsonNode after = Services.settle(arn, Duration.ofSeconds(60));
            checkFailedAfter = Duration.between(called, Instant.now());
            assertEquals("RUNNING", after.path("Status").asText());
            assertEquals("TCP", after.path("HealthCheckConfiguration").path("Protocol").asText(),
                    "the configuration stays the one that serves");
            failedCheck = LifecycleTest.lastOperation(arn);
            Platform.sleep(1000);
        } finally {
            load.close();
        }

        // then the failures say why, in ListOperations and in the event log
        assertEquals("FAILED", failedStart.path("Status").asText());
        assertTrue(failedStart.path("StatusMessage").asText().contains("exited with code 3"), failedStart.toString());
        assertTrue(failedStart.path("StatusMessage").asText().contains("cannot start"), failedStart.toString());
        assertEquals("FAILED", failedCheck.path("Status").asText());
        String checkReason = failedCheck.path("StatusMessage").asText();
        assertTrue(checkReason.contains("failed its HTTP health check") && checkReason.contains("GET /no-such-page")
                && checkReason.contains("HTTP 404") && checkReason.contains("3 consecutive checks"), checkReason);
        assertTrue(checkFailedAfter.compareTo(Duration.ofSeconds(20)) < 0,
                "3 failing checks 1 s apart fail the deployment in seconds, not the 60 s ready timeout: " + checkFailedAfter);
        var failedEvents = EventLog.of(arn, "OperationFailed");
        assertEquals(2, failedEvents.size(), failedEvents.toString());
        assertEquals(failedStart.path("StatusMessage").asText(), failedEvents.get(0).data().path("reason").asText());
        assertEquals(checkReason, failedEvents.get(1).data().path("reason").asText());
        assertEquals(UPDATES + 1, EventLog.of(arn, "RevisionActivated").size(), "the first deployment and 20 updates");

        // and no request failed, every answer came whole from one revision, clients never went back
        // to an older revision, no request sent once an update was live (plus 1 s for the router to
        // follow the event) reached an older revision, and no revision that failed ever answered
        assertEquals(List.of(), load.failures(), "no request failed");
        int total = 0;
        for (List<RevisionLoad.Answer> client : load.answers()) {
            int seen = 0;
            for (RevisionLoad.Answer answer : client) {
                assertTrue(answer.revision() >= seen, "a client got v" + answer.revision() + " after v" + seen);
                seen = answer.revision();
                assertTrue(answer.revision() <= UPDATES, "a failed revision answered: v" + answer.revision());
                for (int i = 1; i <= UPDATES; i++) {
                    if (answer.sent().isAfter(updateLive.get(i - 1).plusSeconds(1))) {
                        assertTrue(answer.revision() >= i, "v" + answer.revision() + " answered after v" + i + " was live");
                    }
                }
                total++;
            }
        }
        System.out.printf("%d requests at %.0f/s through %d updates and 2 failed deployments, 0 failed%n",
                total, load.rate(), UPDATES);
        // the rate depends on the machine (each answer is a CGI process); bench/RESULTS.md records it
        assertTrue(total >= 1000, "the load ran: " + total + " requests");

        Platform.eventually("old revisions to be retired", Duration.ofSeconds(20),
                () -> Platform.containersOf(arn).size() == 1 ? true : null);
        Services.deleteAndWait(arn);
    }
}
