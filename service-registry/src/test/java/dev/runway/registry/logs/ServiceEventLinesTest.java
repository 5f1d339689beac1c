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
}
