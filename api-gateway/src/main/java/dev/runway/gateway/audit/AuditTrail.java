package dev.runway.gateway.audit;

import dev.runway.events.Topics;
import dev.runway.gateway.config.GatewayConfig;
import dev.runway.gateway.feed.FeedProducer;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * Writes each API call's record to {@code runway.audit} (key: the request id) before the caller
 * gets the answer; the service-registry keeps them in its {@code audit_events} table for
 * CloudTrail's LookupEvents.
 */
@ApplicationScoped
public class AuditTrail {

    private final GatewayConfig config;
    private final FeedProducer producer;

    public AuditTrail(GatewayConfig config, FeedProducer producer) {
        this.config = config;
        this.producer = producer;
    }

    public void record(AuditRecords.Call call) {
        String json = AuditRecords.json(call);
        try {
            producer.sendAll(List.of(new FeedProducer.Out(Topics.AUDIT, call.requestId(), json)), Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the call itself stands; the gap is loud in the log
            Log.errorf("audit record of request %s (%s) could not be written to %s: %s", call.requestId(),
                    call.eventName(), Topics.AUDIT, e.getMessage());
        }
    }

    public String region() {
        return config.region();
    }

    public String accountId() {
        return config.accountId();
    }
}
