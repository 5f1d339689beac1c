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
}
