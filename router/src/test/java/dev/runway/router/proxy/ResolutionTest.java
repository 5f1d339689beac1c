package dev.runway.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runway.events.model.Endpoint;
import dev.runway.events.model.ServiceStatus;
import dev.runway.router.route.Route;
import dev.runway.router.route.RouteTable;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The whole routing decision as one function: Host header in, endpoint or failure out. */
class ResolutionTest {

    private static final Endpoint A = new Endpoint("a", "127.0.0.1", 20001);
    private static final Endpoint B = new Endpoint("b", "127.0.0.1", 20002);
    private static final Route DEMO = new Route("arn:demo", "demo", "demo-0123abcd.localhost", ServiceStatus.RUNNING,
            3, List.of(A, B));
    private static final Route PAUSED = new Route("arn:paused", "sleepy", "sleepy-1.localhost", ServiceStatus.PAUSED,
            9, List.of());

    private final RouteTable table = new RouteTable();

    @Test
    void shouldRefuseUntilTheRoutesAreLoaded() {
        assertEquals(new Resolution.Refuse(new ProxyFailure.RoutesNotLoaded()), resolve("demo-0123abcd.localhost"));
    }

    @Test
    void shouldRefuseARequestWithoutHost() {
        table.loadSnapshot(List.of(DEMO));

        assertEquals(new Resolution.Refuse(new ProxyFailure.MissingHost()), resolve(null));
        assertEquals(new Resolution.Refuse(new ProxyFailure.MissingHost()), resolve(" "));
    }

    @Test
    void shouldRefuseAnUnknownHostByItsNormalizedName() {
        table.loadSnapshot(List.of(DEMO));

        assertEquals(new Resolution.Refuse(new ProxyFailure.UnknownHost("nope.localhost")), resolve("NOPE.localhost:8080"));
    }

    @Test
    void shouldRefuseAServiceWithoutReadyInstancesWithItsStatus() {
        table.loadSnapshot(List.of(PAUSED));

        assertEquals(new Resolution.Refuse(new ProxyFailure.NoReadyInstances("sleepy", ServiceStatus.PAUSED)),
                resolve("sleepy-1.localhost"));
    }

    @Test
    void shouldForwardToTheLeastBusyInstance() {
        table.loadSnapshot(List.of(DEMO));

        Resolution resolution = Resolution.resolve("Demo-0123abcd.localhost:8080", table, e -> e == A ? 2 : 0, 0,
                Set.of());

        assertEquals(new Resolution.Forward(DEMO, B), resolution);
    }

    @Test
    void shouldNotChooseAnInstanceAlreadyTried() {
        table.loadSnapshot(List.of(DEMO));

        assertEquals(new Resolution.Forward(DEMO, A),
                Resolution.resolve("demo-0123abcd.localhost", table, e -> e == A ? 5 : 0, 0, Set.of(B)));
        assertEquals(new Resolution.Refuse(new ProxyFailure.NoReadyInstances("demo", ServiceStatus.RUNNING)),
                Resolution.resolve("demo-0123abcd.localhost", table, e -> 0, 0, Set.of(A, B)));
    }

    private Resolution resolve(String host) {
        return Resolution.resolve(host, table, e -> 0, 0, Set.of());
    }
}
