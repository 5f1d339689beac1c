package dev.runway.router.health;

import dev.runway.router.RouterLifecycle;
import dev.runway.router.route.RouteTable;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the proxy is bound and the first routes snapshot is applied; until then every host answers 503. */
@Readiness
@ApplicationScoped
class RoutesReadiness implements HealthCheck {

    private final RouteTable table;
    private final RouterLifecycle lifecycle;

    RoutesReadiness(RouteTable table, RouterLifecycle lifecycle) {
        this.table = table;
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("routes")
                .status(lifecycle.serving() && table.isLoaded())
                .withData("snapshotLoaded", table.isLoaded())
                .withData("routes", table.size())
                .withData("port", lifecycle.port())
                .build();
    }
}
