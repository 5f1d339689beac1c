package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An instance runs someone else's code (issue 18): what the engine gives it is the least a web app
 * needs (capabilities, no-new-privileges, a pids limit, memory and CPU limits, no raw socket, never
 * root), it has a network namespace of its own from which no platform port is in reach, and an unmodified
 * image listens on its own port the ordinary way.
 */
class IsolationTest {

    @Test
    void shouldRunEveryInstanceWithLeastPrivilege() throws Exception {
        String arn = Services.create(Platform.uniqueName("iso"), Platform.HELLO_IMAGE).path("Service")
                .path("ServiceArn").asText();
        try {
            assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(120)).path("Status").asText());
            String container = Platform.containersOf(arn).get(0);
            JsonNode host = AwsCli.JSON.readTree(Platform.run(List.of("docker", "inspect", container),
                    Duration.ofSeconds(30))).get(0).path("HostConfig");
            assertEquals(List.of("ALL"), texts(host.path("CapDrop")), host.toString());
            List<String> added = texts(host.path("CapAdd"));
            for (String dangerous : List.of("NET_RAW", "CAP_NET_RAW", "SYS_ADMIN", "CAP_SYS_ADMIN", "MKNOD", "CAP_MKNOD")) {
                assertFalse(added.contains(dangerous), dangerous + " in " + added);
            }
            assertTrue(texts(host.path("SecurityOpt")).contains("no-new-privileges:true"), host.toString());
            assertTrue(host.path("PidsLimit").asLong() > 0, host.toString());
            assertTrue(host.path("Memory").asLong() > 0, host.toString());
            assertTrue(host.path("NanoCpus").asLong() > 0, host.toString());
            // a raw socket (what sniffing loopback needs) is refused inside the instance
            String ping = Platform.run(List.of("docker", "exec", container, "ping", "-c", "1", "-W", "1", "127.0.0.1"),
                    Duration.ofSeconds(30), true);
            assertTrue(ping.contains("permission denied"), ping);
        } finally {
            Services.deleteAndWait(arn);
        }
    }

    /**
     * The hostile app: on GET /cgi-bin/attempts it tries every target named in TARGETS
     * ({@code name=host:port ...}), on loopback and on its namespace's gateway, the Docker socket,
     * minting an access key on the registry's internal API and a raw socket, and reports each
     * attempt as {@code <name>: blocked (...)} or {@code <name>: REACHED}.
     */
    static final String ATTEMPTS = """
            #!/bin/sh
            printf 'Content-Type: text/plain\\r\\n\\r\\n'
            try() { # name host port: connected when nc neither fails to connect nor is refused
              out=$(timeout 3 nc -w 2 "$2" "$3" </dev/null 2>&1); rc=$?
              case "$rc:$out" in
                1:*"can't connect"*|1:*refused*|1:*unreachable*|1:*"timed out"*|1:*"No route"*) echo "$1@$2: blocked ($out)";;
                *) echo "$1@$2: REACHED (exit $rc)";;
              esac
            }
            gw=$(ip route 2>/dev/null | awk '/default/ {print $3; exit}')
            for target in $TARGETS; do
              name=${target%%=*}; address=${target#*=}; port=${address##*:}
              try "$name" 127.0.0.1 "$port"
              [ -n "$gw" ] && try "$name" "$gw" "$port"
            done
            if [ -e /var/run/docker.sock ] || [ -e /run/docker.sock ]; then echo "docker-socket: REACHED"; else echo "docker-socket: blocked (absent)"; fi
            minted=$(timeout 5 wget -q -T 3 -O- --header 'Content-Type: application/json' --post-data '{}' "http://127.0.0.1:$REGISTRY_PORT/internal/access-keys" 2>&1)
            case "$minted" in *secretAccessKey*) echo "mint-access-key: REACHED";; *) echo "mint-access-key: blocked ($minted)";; esac
            pinged=$(ping -c 1 -W 1 127.0.0.1 2>&1)
            case "$pinged" in *"permission denied"*|*"Operation not permitted"*) echo "raw-socket: blocked";; *) echo "raw-socket: REACHED ($pinged)";; esac
            echo "done"
            """;

    @Test
    void shouldKeepAHostileAppAwayFromEveryPlatformPortAndOtherApps() throws Exception {
        // given another app's instance, and the hostile app built on this machine
        String victim = Services.create(Platform.uniqueName("victim"), Platform.HELLO_IMAGE).path("Service")
                .path("ServiceArn").asText();
        String image = Platform.IMAGE_REGISTRY + "/" + Platform.uniqueName("hostile") + ":latest";
        Path context = Files.createTempDirectory("runway-hostile");
        Files.createDirectories(context.resolve("www/cgi-bin"));
        Files.writeString(context.resolve("www/index.html"), "hostile\n");
        Files.writeString(context.resolve("www/cgi-bin/attempts"), ATTEMPTS);
        Files.writeString(context.resolve("Dockerfile"), "FROM runway/busybox:local\nCOPY www /www\n"
                + "RUN chmod 755 /www/cgi-bin/attempts\nSTOPSIGNAL SIGKILL\nCMD [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]\n");
        Platform.dockerBuild(image, context);
        Platform.dockerPush(image);
        String arn = null;
        try {
            assertEquals("RUNNING", Services.settle(victim, Duration.ofSeconds(120)).path("Status").asText());
            String victimPort = Platform.run(List.of("docker", "inspect", "-f",
                    "{{index .Config.Labels \"dev.runway.port\"}}", Platform.containersOf(victim).get(0)),
                    Duration.ofSeconds(30)).trim();
            StringBuilder targets = new StringBuilder();
            for (String[] t : new String[][] {{"kafka", "RUNWAY_KAFKA_PORT"}, {"kafka-controller", "RUNWAY_KAFKA_CONTROLLER_PORT"},
                    {"postgresql", "RUNWAY_DB_PORT"}, {"registry", "RUNWAY_SERVICE_REGISTRY_PORT"},
                    {"gateway", "RUNWAY_API_GATEWAY_PORT"}, {"deploy-worker", "RUNWAY_DEPLOY_WORKER_PORT"},
                    {"build-worker", "RUNWAY_BUILD_WORKER_PORT"}, {"autoscaler", "RUNWAY_AUTOSCALER_PORT"},
                    {"router-admin", "RUNWAY_ROUTER_ADMIN_PORT"}, {"router", "RUNWAY_ROUTER_PORT"},
                    {"image-registry", "RUNWAY_IMAGE_REGISTRY_PORT"}}) {
                targets.append(t[0]).append("=127.0.0.1:").append(Platform.env(t[1])).append(' ');
            }
            targets.append("other-app=127.0.0.1:").append(victimPort);
            String source = "{\"ImageRepository\":{\"ImageIdentifier\":\"" + image + "\",\"ImageRepositoryType\":\"ECR\","
                    + "\"ImageConfiguration\":{\"Port\":\"8080\",\"RuntimeEnvironmentVariables\":{\"TARGETS\":\""
                    + targets.toString().trim() + "\",\"REGISTRY_PORT\":\"" + Platform.env("RUNWAY_SERVICE_REGISTRY_PORT")
                    + "\"}}},\"AutoDeploymentsEnabled\":false}";
            JsonNode hostile = AwsCli.ok("create-service", "--service-name", Platform.uniqueName("hostile"),
                    "--source-configuration", source).path("Service");
            arn = hostile.path("ServiceArn").asText();
            assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(120)).path("Status").asText());

            // when it reports its attempts through the router
            String url = hostile.path("ServiceUrl").asText();
            String report = Platform.eventually("the hostile app's report", Duration.ofSeconds(60), () -> {
                var r = Services.viaRouter(url, "/cgi-bin/attempts");
                return r.statusCode() == 200 && r.asString().contains("done") ? r.asString() : null;
            });

            // then every attempt failed, and each was made
            assertFalse(report.contains("REACHED"), report);
            for (String name : List.of("kafka@", "postgresql@", "registry@", "gateway@", "image-registry@",
                    "other-app@", "docker-socket:", "mint-access-key:", "raw-socket:")) {
                assertTrue(report.contains(name), name + " attempted in\n" + report);
            }
            // and its instance is not on the host's network
            String container = Platform.containersOf(arn).get(0);
            JsonNode inspected = AwsCli.JSON.readTree(Platform.run(List.of("docker", "inspect", container),
                    Duration.ofSeconds(30))).get(0);
            JsonNode host = inspected.path("HostConfig");
            assertFalse("host".equals(host.path("NetworkMode").asText()), host.path("NetworkMode").toString());
            // and its image names no user, yet it does not run as root, which would be the host's root
            assertEquals("65534:65534", inspected.path("Config").path("User").asText(), inspected.path("Config").toString());
            String uids = Files.readAllLines(Path.of("/proc/" + inspected.path("State").path("Pid").asLong() + "/status"))
                    .stream().filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow();
            for (String uid : uids.substring("Uid:".length()).trim().split("\\s+")) {
                assertFalse("0".equals(uid), "the app's process on the host: " + uids);
            }
        } finally {
            if (arn != null) {
                Services.deleteAndWait(arn);
            }
            Services.deleteAndWait(victim);
        }
    }

    @Test
    void shouldServeUnmodifiedImagesOnTheirOwnPortsSideBySide() throws Exception {
        // given two unmodified images: httpd on 0.0.0.0:8080 ignoring PORT, and httpd on 80
        String on8080 = unmodified("on8080", "8080");
        String on80 = unmodified("on80", "80");
        String scaling = AwsCli.ok("create-auto-scaling-configuration", "--auto-scaling-configuration-name",
                Platform.uniqueName("two"), "--min-size", "2", "--max-size", "2")
                .path("AutoScalingConfiguration").path("AutoScalingConfigurationArn").asText();
        List<String> arns = new ArrayList<>();
        try {
            // when each is deployed as two services of two instances
            List<String[]> urls = new ArrayList<>();
            for (String[] image : new String[][] {{on8080, "8080"}, {on8080, "8080"}, {on80, "80"}, {on80, "80"}}) {
                String source = "{\"ImageRepository\":{\"ImageIdentifier\":\"" + image[0] + "\",\"ImageRepositoryType\":\"ECR\","
                        + "\"ImageConfiguration\":{\"Port\":\"" + image[1] + "\"}},\"AutoDeploymentsEnabled\":false}";
                JsonNode service = AwsCli.ok("create-service", "--service-name", Platform.uniqueName("port" + image[1]),
                        "--source-configuration", source, "--auto-scaling-configuration-arn", scaling).path("Service");
                arns.add(service.path("ServiceArn").asText());
                urls.add(new String[] {service.path("ServiceUrl").asText(), image[1]});
            }
            // then every instance of every service answers through the router
            for (int i = 0; i < arns.size(); i++) {
                assertEquals("RUNNING", Services.settle(arns.get(i), Duration.ofSeconds(120)).path("Status").asText());
                assertEquals(2, Platform.containersOf(arns.get(i)).size(), "two instances of " + arns.get(i));
                String[] url = urls.get(i);
                for (int request = 0; request < 8; request++) {
                    String body = Platform.eventually(url[0], Duration.ofSeconds(20), () -> {
                        var r = Services.viaRouter(url[0], "/");
                        return r.statusCode() == 200 ? r.asString() : null;
                    });
                    assertTrue(body.contains("listening on " + url[1]), body);
                }
            }
        } finally {
            for (String arn : arns) {
                Services.deleteAndWait(arn);
            }
            AwsCli.ok("delete-auto-scaling-configuration", "--auto-scaling-configuration-arn", scaling);
        }
    }

    @Test
    void shouldNotLetAnAppThatNeverBecomesHealthyHoldUpOtherServices() throws Exception {
        // given a service whose app never answers its health check (it listens on 80, says 8080):
        // its deployment waits out the whole ready timeout (60 s) before it fails
        String deafImage = unmodified("deaf", "80");
        String source = "{\"ImageRepository\":{\"ImageIdentifier\":\"" + deafImage + "\",\"ImageRepositoryType\":\"ECR\","
                + "\"ImageConfiguration\":{\"Port\":\"8080\"}},\"AutoDeploymentsEnabled\":false}";
        String deaf = AwsCli.ok("create-service", "--service-name", Platform.uniqueName("deaf"), "--source-configuration",
                source).path("Service").path("ServiceArn").asText();
        String other = null;
        try {
            Platform.eventually("the deaf service's instance", Duration.ofSeconds(30),
                    () -> Platform.containersOf(deaf).isEmpty() ? null : true);
            // when another service is created meanwhile
            other = Services.create(Platform.uniqueName("beside"), Platform.HELLO_IMAGE).path("Service")
                    .path("ServiceArn").asText();
            // then it is deployed while the deaf one still waits: one service's deploy holds up no other's
            assertEquals("RUNNING", Services.settle(other, Duration.ofSeconds(40)).path("Status").asText());
            assertEquals("OPERATION_IN_PROGRESS", Services.describe(deaf).path("Status").asText());
            // and the deaf one fails by itself, as App Runner's would
            assertEquals("CREATE_FAILED", Services.settle(deaf, Duration.ofSeconds(120)).path("Status").asText());
        } finally {
            Services.settle(deaf, Duration.ofSeconds(120));
            Services.deleteAndWait(deaf);
            if (other != null) {
                Services.deleteAndWait(other);
            }
        }
    }

    /**
     * An image that knows nothing of Runway: busybox httpd on all addresses at {@code port}, naming
     * no user (Runway runs it as nobody, who may listen on 80 in the instance's namespace).
     */
    private static String unmodified(String name, String port) throws Exception {
        String image = Platform.IMAGE_REGISTRY + "/" + Platform.uniqueName(name) + ":latest";
        Path context = Files.createTempDirectory("runway-unmodified");
        Files.createDirectories(context.resolve("www"));
        Files.writeString(context.resolve("www/index.html"), "listening on " + port + "\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM runway/busybox:local\nCOPY www /www\nSTOPSIGNAL SIGKILL\n"
                + "CMD [\"httpd\", \"-f\", \"-p\", \"" + port + "\", \"-h\", \"/www\"]\n");
        Platform.dockerBuild(image, context);
        Platform.dockerPush(image);
        return image;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
