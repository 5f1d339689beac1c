package dev.runway.deployworker.reconcile;

import dev.runway.deployworker.config.WorkerConfig;
import dev.runway.events.query.RegistryQueries;
import dev.runway.events.query.RouteSnapshot;
import dev.runway.events.query.ServiceRecord;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** Desired state: what the service-registry's projections say should run. */
@Singleton
public class DesiredState {

    private final RegistryQueries queries;

    DesiredState(WorkerConfig config) {
        this.queries = new RegistryQueries(config.serviceRegistry().url(), Duration.ofSeconds(5));
    }

    RouteSnapshot routes() throws IOException {
        return queries.routes();
    }

    Optional<ServiceRecord> service(String arn) throws IOException {
        return queries.service(arn);
    }
}
