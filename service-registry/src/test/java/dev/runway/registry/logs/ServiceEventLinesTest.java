package dev.runway.registry.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runway.events.event.ServiceStatusChanged;
import dev.runway.events.model.ServiceStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceEventLinesTest {

    private static final String ARN = "arn:aws:apprunner:us-east-1:000000000000:service/web/0123";

    @Test
    void shouldSayAStatusChangeOnceWithItsReason() {
        assertEquals(Optional.of("[AppRunner] Service status is set to RUNNING."), ServiceEventLines.lineOf(
                new ServiceStatusChanged(ARN, ServiceStatus.OPERATION_IN_PROGRESS, ServiceStatus.RUNNING,
                        "Service status is set to RUNNING.")));
        assertEquals(Optional.of("[AppRunner] Service status is set to CREATE_FAILED. Image x was not found."),
                ServiceEventLines.lineOf(new ServiceStatusChanged(ARN, ServiceStatus.OPERATION_IN_PROGRESS,
                        ServiceStatus.CREATE_FAILED, "Service status is set to CREATE_FAILED. Image x was not found.")));
        assertEquals(Optional.of("[AppRunner] Service status is set to PAUSED."), ServiceEventLines.lineOf(
                new ServiceStatusChanged(ARN, ServiceStatus.RUNNING, ServiceStatus.PAUSED, null)));
    }

    @Test
    void shouldSayHowTrafficIsDivided() {
        var endpoint = new dev.runway.events.model.Endpoint("i-1", "127.0.0.1", 20001);
        assertEquals(Optional.of("[AppRunner] Traffic divided: revision 2 90 % on 1 instance(s), revision 1 10 % (tag"
                + " old) on 1 instance(s)."), ServiceEventLines.lineOf(new dev.runway.events.event.TrafficShifted(ARN,
                        null, java.util.List.of(new dev.runway.events.model.RevisionTraffic(2, 90, null,
                                java.util.List.of(endpoint)), new dev.runway.events.model.RevisionTraffic(1, 10, "old",
                                java.util.List.of(endpoint))))));
        assertEquals(Optional.of("[AppRunner] All traffic goes to the active revision."), ServiceEventLines.lineOf(
                new dev.runway.events.event.TrafficShifted(ARN, null, java.util.List.of())));
    }

    @Test
    void shouldSayARolloutsStepsAndItsRollbackWithTheFigures() {
        var op = java.util.UUID.fromString("33333333-3333-4333-8333-333333333333");
        assertEquals(Optional.of("[AppRunner] Gradual rollout of revision 2 started: 10 % → 50 % → 100 % of requests,"
                + " 30 s a step; revision 1 takes the rest."), ServiceEventLines.lineOf(
                        new dev.runway.events.event.RolloutStarted(ARN, op, 2, 1, java.util.List.of(10, 50, 100), 30)));
        assertEquals(Optional.of("[AppRunner] Rolled back to revision 1: worse. Figures: revision 2 60 requests, 12 5xx"
                + " (20.0 %), p99 15 ms; revision 1 540 requests, 0 5xx (0.0 %), p99 11 ms."), ServiceEventLines.lineOf(
                        new dev.runway.events.event.RolloutRolledBack(ARN, op, 2, 1, "Rolled back to revision 1: worse.",
                                java.util.List.of(new dev.runway.events.model.RolloutFigures(2, 60, 12, 15.0),
                                        new dev.runway.events.model.RolloutFigures(1, 540, 0, 11.0)),
                                java.time.Instant.EPOCH)));
    }
}
