package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runway's scale to zero (tags runway:min-size=0 and runway:idle-timeout, through the real AWS
 * CLI): an idle service goes to no containers and stays RUNNING; the next request, and a burst of
 * first requests, wake it and are answered; a component killed during a cold start leaves no
 * request hanging and the state converges; tags Runway cannot read are refused naming them.
 * The idle window is the shortest allowed (10 s) to keep the class short.
 */
class ScaleToZeroTest {

    private static final int IDLE_SECONDS = 10;
    /** The router's hold for a cold start (RUNWAY_ROUTER_COLD_START_TIMEOUT's default). */
    private static final Duration HOLD = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void shouldGoToZeroWhenIdleAndWakeForTheNextRequestAndForABurst() throws Exception {
        // given a service that scales to zero after 10 s without requests
        JsonNode service = createScalingToZero(Platform.uniqueName("zero"));
        String arn = service.path("ServiceArn").asText();
        String url = service.path("ServiceUrl").asText();
        JsonNode described = Services.settle(arn, Duration.ofSeconds(90));
        assertEquals("RUNNING", described.path("Status").asText());
        assertEquals(200, get(url).status());
        Instant lastRequest = Instant.now();

        // then it reaches 0 containers within its idle window + 10 s, and App Runner sees no change
        awaitZero(arn, lastRequest);
        JsonNode atZero = Services.describe(arn);
        assertEquals("RUNNING", atZero.path("Status").asText());
        assertEquals(described, atZero, "DescribeService is unchanged at zero");
        JsonNode scaled = last(arn, "ServiceScaled");
        assertEquals(0, scaled.path("toInstances").asInt());
        assertTrue(scaled.path("reason").asText().startsWith("idle: no requests for 10 s"), scaled.toString());

        // when the next request comes: it is answered
        Reply first = get(url);
        assertEquals(200, first.status(), first.body());
        System.out.printf("first request after scale to zero answered in %d ms%n", first.millis());
        JsonNode woken = last(arn, "ServiceScaled");
        assertEquals(0, woken.path("fromInstances").asInt());
        assertTrue(woken.path("reason").asText().startsWith("cold start:"), woken.toString());

        // and after it went to zero again, 50 concurrent first requests are all answered 200
        awaitZero(arn, Instant.now());
        List<CompletableFuture<Reply>> burst = fire(url, 50);
        List<Reply> replies = new ArrayList<>();
        for (CompletableFuture<Reply> reply : burst) {
            replies.add(reply.get(HOLD.toSeconds() + 30, TimeUnit.SECONDS));
        }
        assertTrue(replies.stream().allMatch(r -> r.status() == 200), replies.toString());
        System.out.printf("50 concurrent first requests: slowest %d ms%n",
                replies.stream().mapToLong(Reply::millis).max().orElse(0));

        Services.deleteAndWait(arn);
    }

    @Test
    void shouldEndEveryHeldRequestAndConvergeWhenAComponentIsKilledDuringAColdStart() throws Exception {
        JsonNode service = createScalingToZero(Platform.uniqueName("zerokill"));
        String arn = service.path("ServiceArn").asText();
        String url = service.path("ServiceUrl").asText();
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
        Instant lastRequest = Instant.now();

        for (String component : List.of("autoscaler", "service-registry", "router")) {
            // given the service at zero
            awaitZero(arn, lastRequest);

            // when requests arrive and the component is killed with SIGKILL while the service wakes
            List<CompletableFuture<Reply>> held = fire(url, 10);
            Platform.sleep(300);
            Platform.runway("stop", "--kill", component);
            Platform.runway("start", component);

            // then every request ends with an answer or a 503 (a killed router's connections break), none hangs
            for (CompletableFuture<Reply> f : held) {
                Reply reply = f.get(HOLD.toSeconds() + 90, TimeUnit.SECONDS);
                boolean ended = reply.status() == 200 || reply.status() == 503
                        || component.equals("router") && reply.status() == -1;
                assertTrue(ended, component + ": " + reply);
            }
            System.out.printf("%s killed during a cold start: %s%n", component,
                    held.stream().map(f -> Integer.toString(f.join().status())).toList());

            // and the state converges: the service answers, and runs what the registry decided
            Platform.eventually(component + ": the service answers again", Duration.ofSeconds(60),
                    () -> get(url).status() == 200 ? true : null);
            lastRequest = Instant.now();
            Platform.eventually(component + ": containers match the registry's count", Duration.ofSeconds(30), () -> {
                int wanted = last(arn, "ServiceScaled").path("toInstances").asInt();
                int running = Platform.containersOf(arn).size();
                return wanted >= 1 && running == wanted ? true : null;
            });
            assertEquals("RUNNING", Services.describe(arn).path("Status").asText());
        }
        awaitZero(arn, lastRequest);

        Services.deleteAndWait(arn);
    }

    @Test
    void shouldRefuseRunwayTagsItCannotReadNamingThemAndChangeNothing() {
        // a create with an idle window out of range stores nothing
        String name = Platform.uniqueName("zerobad");
        String refused = AwsCli.fails("InvalidRequestException", "create-service", "--service-name", name,
                "--source-configuration", AwsCli.imageSource(Platform.HELLO_IMAGE), "--tags",
                "Key=runway:min-size,Value=0", "Key=runway:idle-timeout,Value=5");
        assertTrue(refused.contains("runway:idle-timeout") && refused.contains("10 to 900"), refused);
        assertFalse(AwsCli.ok("list-services").toString().contains("/" + name + "/"), "no service was created");

        // a tag change Runway cannot read is refused and leaves the tags as they were
        JsonNode service = createScalingToZero(Platform.uniqueName("zerotag"));
        String arn = service.path("ServiceArn").asText();
        JsonNode tags = AwsCli.ok("list-tags-for-resource", "--resource-arn", arn);
        for (String[] bad : List.of(new String[] {"runway:idle-timeout", "soon"},
                new String[] {"runway:idle-timeout", "901"}, new String[] {"runway:min-size", "3"},
                new String[] {"runway:idle-timout", "60"})) {
            String message = AwsCli.fails("InvalidRequestException", "tag-resource", "--resource-arn", arn, "--tags",
                    "Key=" + bad[0] + ",Value=" + bad[1]);
            assertTrue(message.contains(bad[0]), message);
        }
        assertEquals(tags, AwsCli.ok("list-tags-for-resource", "--resource-arn", arn));

        // and the platform still acts: the service runs and answers, a valid change is taken
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
        assertEquals(200, get(service.path("ServiceUrl").asText()).status());
        AwsCli.ok("tag-resource", "--resource-arn", arn, "--tags", "Key=runway:idle-timeout,Value=60");
        assertTrue(AwsCli.ok("list-tags-for-resource", "--resource-arn", arn).toString().contains("\"60\""));

        Services.deleteAndWait(arn);
    }

    private static JsonNode createScalingToZero(String name) {
        return AwsCli.ok("create-service", "--service-name", name, "--source-configuration",
                AwsCli.imageSource(Platform.HELLO_IMAGE), "--tags", "Key=runway:min-size,Value=0",
                "Key=runway:idle-timeout,Value=" + IDLE_SECONDS).path("Service");
    }

    /** No container within the idle window + 10 s of the last request. */
    private static void awaitZero(String arn, Instant lastRequest) {
        Duration limit = Duration.ofSeconds(IDLE_SECONDS + 10).minus(Duration.between(lastRequest, Instant.now()));
        Platform.eventually("no container of " + arn, limit.isNegative() ? Duration.ofSeconds(1) : limit,
                () -> Platform.containersOf(arn).isEmpty() ? true : null);
        System.out.printf("at zero %d ms after the last request%n",
                Duration.between(lastRequest, Instant.now()).toMillis());
    }

    private static JsonNode last(String arn, String type) {
        List<EventLog.Recorded> events = EventLog.of(arn, type);
        assertFalse(events.isEmpty(), "no " + type + " event");
        return events.get(events.size() - 1).data();
    }

    private record Reply(int status, String body, long millis) {
    }

    private static Reply get(String serviceUrl) {
        try {
            return send(serviceUrl).get(HOLD.toSeconds() + 30, TimeUnit.SECONDS);
        } catch (Exception e) {
            return new Reply(-1, e.toString(), -1);
        }
    }

    private static List<CompletableFuture<Reply>> fire(String serviceUrl, int n) {
        List<CompletableFuture<Reply>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(send(serviceUrl));
        }
        return all;
    }

    /** One GET through the router; a broken connection ends as status -1 (never an exception). */
    private static CompletableFuture<Reply> send(String serviceUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Platform.ROUTER_PORT + "/"))
                .header("Host", Platform.hostOf(serviceUrl)).timeout(HOLD.plusSeconds(20)).GET().build();
        long start = System.nanoTime();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Reply(r.statusCode(), r.body(), (System.nanoTime() - start) / 1_000_000))
                .exceptionally(e -> new Reply(-1, e.toString(), (System.nanoTime() - start) / 1_000_000));
    }
}
