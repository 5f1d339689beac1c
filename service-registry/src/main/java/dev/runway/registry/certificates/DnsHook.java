package dev.runway.registry.certificates;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operator's DNS hook for ACME DNS-01 validation ({@code RUNWAY_ACME_DNS_HOOK}): an executable
 * that publishes and removes the TXT record the CA looks up, at whatever DNS provider runs the zone.
 * Runway calls it as
 * <pre>
 *   hook present &lt;domain&gt; &lt;record name&gt; &lt;value&gt;   before asking the CA to validate
 *   hook cleanup &lt;domain&gt; &lt;record name&gt; &lt;value&gt;   afterwards, whatever the outcome
 * </pre>
 * with the record name fully qualified ({@code _acme-challenge.example.com.}). {@code present}
 * returns once the record is visible to the CA (exit 0); any other exit or the timeout fails the
 * certificate with the hook's last words (docs/custom-domains.md).
 */
final class DnsHook {

    private static final int KEPT_OUTPUT = 2_000;

    private final String executable;
    private final Duration timeout;

    DnsHook(String executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    /** Publishes the TXT record; a failure is a {@link AcmeIssuer.Refused} naming the hook and its output. */
    void present(String domain, String recordName, String value) throws InterruptedException {
        run("present", domain, recordName, value);
    }

    /** Removes the TXT record; failures are reported, never thrown (the certificate's outcome stands). */
    String cleanup(String domain, String recordName, String value) throws InterruptedException {
        try {
            run("cleanup", domain, recordName, value);
            return null;
        } catch (AcmeIssuer.Refused e) {
            return e.getMessage();
        }
    }

    private void run(String action, String domain, String recordName, String value) throws InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(List.of(executable, action, domain, recordName, value))
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AcmeIssuer.Refused("The DNS hook RUNWAY_ACME_DNS_HOOK (" + executable + ") cannot be run: "
                    + e.getMessage() + ". Fix the setting, then disassociate and associate the domain again.");
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the hook reads nothing: its stdin is closed either way
        }
        Tail tail = new Tail(process.getInputStream());
        tail.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AcmeIssuer.Refused("The DNS hook (" + executable + " " + action + " " + recordName
                    + ") did not finish within " + timeout.toSeconds() + " s.");
        }
        tail.join(1_000);
        if (process.exitValue() != 0) {
            String words = tail.text().strip();
            throw new AcmeIssuer.Refused("The DNS hook (" + executable + " " + action + " " + recordName
                    + ") failed with exit status " + process.exitValue() + (words.isEmpty() ? "" : ": " + words) + ".");
        }
    }

    /** The last {@value #KEPT_OUTPUT} characters a hook printed. */
    private static final class Tail extends Thread {
        private final InputStream in;
        private final StringBuilder text = new StringBuilder();

        Tail(InputStream in) {
            super("acme-dns-hook-output");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[4096];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    synchronized (text) {
                        text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        if (text.length() > KEPT_OUTPUT) {
                            text.delete(0, text.length() - KEPT_OUTPUT);
                        }
                    }
                }
            } catch (IOException e) {
                // the hook closed its output: what was read is kept
            }
        }

        String text() {
            synchronized (text) {
                return text.toString();
            }
        }
    }
}
