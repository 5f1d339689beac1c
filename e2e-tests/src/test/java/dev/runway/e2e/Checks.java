package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Many checks in one test: each failure is recorded with its label and the test fails once, at
 * the end, listing all of them. CLI checks may run concurrently (each call costs a process).
 */
final class Checks implements AutoCloseable {

    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Future<?>> pending = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private int count;

    /** The SDK call must throw {@code error} (by its App Runner type name), with a message. */
    void sdkFails(String label, String error, Runnable call) {
        count++;
        try {
            call.run();
            failures.add(label + ": expected " + error + " but the call succeeded");
        } catch (AwsServiceException e) {
            String type = e.awsErrorDetails().errorCode();
            if (!error.equals(type) || e.statusCode() != 400 || e.awsErrorDetails().errorMessage() == null) {
                failures.add(label + ": expected " + error + "/400, got " + type + "/" + e.statusCode() + ": "
                        + e.awsErrorDetails().errorMessage());
            }
        } catch (RuntimeException e) {
            failures.add(label + ": expected " + error + ", got " + e);
        }
    }

    /** The SDK call must succeed (its response parsed) and satisfy {@code check} (null = fine, else the problem). */
    <T> T sdkOk(String label, Supplier<T> call) {
        count++;
        try {
            return call.get();
        } catch (RuntimeException e) {
            failures.add(label + ": " + e);
            return null;
        }
    }

    void that(String label, boolean condition) {
        count++;
        if (!condition) {
            failures.add(label);
        }
    }

    /** A CLI call that must fail with {@code error}; runs in the background. */
    void cliFails(String label, String error, String... args) {
        count++;
        pending.add(pool.submit(() -> {
            AwsCli.Result r = AwsCli.apprunner(args);
            if (r.exitCode() != 255 || !r.stderr().contains("(" + error + ")")) {
                failures.add("cli " + label + ": expected " + error + ", got exit " + r.exitCode() + ": " + r.stderr()
                        + r.stdout());
            }
        }));
    }

    /** A CLI call that must succeed and print JSON containing {@code expected}; runs in the background. */
    void cliOk(String label, String expected, String... args) {
        count++;
        pending.add(pool.submit(() -> {
            AwsCli.Result r = AwsCli.apprunner(args);
            if (r.exitCode() != 0 || (expected != null && !r.stdout().contains(expected))) {
                failures.add("cli " + label + ": exit " + r.exitCode() + ", expected output with '" + expected + "': "
                        + r.stderr() + r.stdout());
            }
        }));
    }

    /** Waits for the background calls. */
    void join() {
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (Exception e) {
                failures.add("background check failed: " + e);
            }
        }
        pending.clear();
    }

    int count() {
        return count;
    }

    @Override
    public void close() {
        join();
        pool.shutdownNow();
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + count + " checks failed:\n  " + String.join("\n  ", failures));
        }
    }
}
