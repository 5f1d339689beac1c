package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml on the project's own images, checked as a user would use it:
 * deploy/compose/smoke-test.sh builds the images, brings the stack up beside the test platform
 * (its own ports), runs the quickstart against it (create → RUNNING → curl → delete), kills one of
 * its three Kafka nodes during operations and checks that nothing was lost, then tears it down.
 */
class ComposeStackTest {

    @Test
    void shouldRunTheQuickstartOnTheComposeStackAndSurviveABrokerLoss() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Platform.ROOT.resolve("deploy/compose/smoke-test.sh").toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        // its progress lines go to the test output as they come
        StringBuilder out = new StringBuilder();
        try (var in = p.getInputStream()) {
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                String chunk = new String(buf, 0, n, StandardCharsets.UTF_8);
                System.out.print(chunk);
                out.append(chunk);
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), "deploy/compose/smoke-test.sh failed:\n" + out);
    }
}
