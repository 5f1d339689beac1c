package dev.runway.router.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.ServiceStatus;
import dev.runway.router.route.Route;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The snapshot as the service-registry serves it, from a fake registry on loopback. */
class RegistrySnapshotsTest {

    private HttpServer registry;
    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicReference<Integer> status = new AtomicReference<>(200);

    @BeforeEach
    void startRegistry() throws IOException {
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/internal/routes", exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        registry.start();
    }

    @AfterEach
    void stopRegistry() {
        registry.stop(0);
    }

    @Test
    void shouldReadTheRoutesOfTheRegistry() throws Exception {
        body.set("""
                {"routes":[
                  {"serviceArn":"arn:demo","serviceName":"demo","host":"Demo-0123abcd.localhost:8080",
                   "status":"RUNNING","streamVersion":12,"somethingNew":true,
                   "endpoints":[{"instanceId":"ab12cd34","host":"127.0.0.1","port":20001}]},
                  {"serviceArn":"arn:idle","serviceName":"idle","host":"idle-00000000.localhost",
                   "status":"OPERATION_IN_PROGRESS","streamVersion":3,"endpoints":[]},
                  {"serviceArn":"arn:future","serviceName":"future","host":"future-1.localhost",
                   "status":"HIBERNATING","streamVersion":1}
                ],"position":1234}
                """);

        List<Route> routes = snapshots().fetch();

        assertEquals(List.of(
                new Route("arn:demo", "demo", "demo-0123abcd.localhost", ServiceStatus.RUNNING, 12,
                        List.of(new Endpoint("ab12cd34", "127.0.0.1", 20001))),
                new Route("arn:idle", "idle", "idle-00000000.localhost", ServiceStatus.OPERATION_IN_PROGRESS, 3,
                        List.of()),
                new Route("arn:future", "future", "future-1.localhost", ServiceStatus.OPERATION_IN_PROGRESS, 1,
                        List.of())), routes);
    }

    @Test
    void shouldReadATrafficSplitSoARestartedRouterKeepsIt() throws Exception {
        body.set("""
                {"routes":[
                  {"serviceArn":"arn:demo","serviceName":"demo","host":"demo-0123abcd.localhost:8080",
                   "status":"RUNNING","streamVersion":12,"activeRevision":2,
                   "endpoints":[{"instanceId":"r2","host":"127.0.0.1","port":20002}],
                   "traffic":[{"revision":2,"percent":90,"endpoints":[{"instanceId":"r2","host":"127.0.0.1","port":20002}]},
                              {"revision":1,"percent":10,"tag":"old","endpoints":[{"instanceId":"r1","host":"127.0.0.1","port":20001}]}]}
                ]}
                """);

        Route route = snapshots().fetch().get(0);

        assertEquals(2, route.revision());
        assertEquals(List.of(new Endpoint("r1", "127.0.0.1", 20001)), route.tagged("old").orElseThrow().endpoints());
        int toOld = 0;
        for (int i = 0; i < 100; i++) {
            toOld += route.forRequest().revision() == 1 ? 1 : 0;
        }
        assertEquals(10, toOld);
    }

    @Test
    void shouldSkipEntriesWithoutArnOrHost() throws Exception {
        body.set("""
                {"routes":[{"serviceName":"x","host":"x.localhost","streamVersion":1},
                           {"serviceArn":"arn:y","host":"","streamVersion":1},
                           {"serviceArn":"arn:z","streamVersion":1}]}
                """);

        assertEquals(List.of(), snapshots().fetch());
    }

    @Test
    void shouldReadAnEmptySnapshot() throws Exception {
        body.set("{\"routes\":[]}");

        assertEquals(List.of(), snapshots().fetch());
    }

    @Test
    void shouldFailWhenTheRegistryIsNotReady() {
        status.set(503);
        body.set("{\"message\":\"starting\"}");

        IOException e = assertThrows(IOException.class, () -> snapshots().fetch());
        assertTrue(e.getMessage().contains("503"), e.getMessage());
    }

    @Test
    void shouldFailOnJsonItCannotRead() {
        body.set("<html>not json</html>");

        assertThrows(IOException.class, () -> snapshots().fetch());
    }

    @Test
    void shouldFailWhenNothingListens() {
        int port = registry.getAddress().getPort();
        registry.stop(0);

        assertThrows(IOException.class,
                () -> new RegistrySnapshots("http://127.0.0.1:" + port, Duration.ofSeconds(1)).fetch());
    }

    private RegistrySnapshots snapshots() {
        return new RegistrySnapshots("http://127.0.0.1:" + registry.getAddress().getPort() + "/",
                Duration.ofSeconds(2));
    }
}
