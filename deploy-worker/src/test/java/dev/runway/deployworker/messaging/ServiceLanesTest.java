package dev.runway.deployworker.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServiceLanesTest {

    @Test
    void shouldRunOneServicesCommandsInOrder() throws InterruptedException {
        // given one lane with five commands
        var ran = new CopyOnWriteArrayList<Integer>();
        var done = new CountDownLatch(5);
        try (var lanes = new ServiceLanes(4, "test")) {
            for (int i = 0; i < 5; i++) {
                int n = i;
                lanes.submit("service-a", () -> {
                    sleep(n % 2 == 0 ? 20 : 0); // a slower earlier one must still come first
                    ran.add(n);
                    done.countDown();
                });
            }
            // then they ran one after another, in the order they came
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertEquals(List.of(0, 1, 2, 3, 4), ran);
        }
    }

    @Test
    void shouldNotHoldUpOtherServicesBehindASlowOne() throws InterruptedException {
        // given a service whose command does not end (an app that never becomes healthy)
        var release = new CountDownLatch(1);
        var other = new CountDownLatch(1);
        try (var lanes = new ServiceLanes(2, "test")) {
            lanes.submit("slow", () -> await(release));
            lanes.submit("slow", () -> { });
            // when another service's command comes
            lanes.submit("quick", other::countDown);
            // then it runs meanwhile, and the slow service's second command still waits
            assertTrue(other.await(5, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (lanes.unfinished() != 2 && System.nanoTime() < deadline) {
                Thread.sleep(5); // the quick one's lane ends just after its work
            }
            assertEquals(2, lanes.unfinished());
            release.countDown();
        }
    }

    @Test
    void shouldInterruptRunningCommandsWhenClosed() throws InterruptedException {
        // given a command that waits
        var interrupted = new CountDownLatch(1);
        var started = new CountDownLatch(1);
        var lanes = new ServiceLanes(1, "test");
        lanes.submit("service-a", () -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        // when the lanes close, then it is interrupted
        lanes.close();
        assertTrue(interrupted.await(1, TimeUnit.SECONDS));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
