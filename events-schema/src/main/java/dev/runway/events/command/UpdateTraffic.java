package dev.runway.events.command;

import java.util.List;
import java.util.UUID;

/**
 * Runway's {@code Runway.UpdateTraffic}: divide the service's requests between its revisions and
 * name revisions with tags. Checked by the registry against the service's revisions
 * ({@link dev.runway.events.model.TrafficSplit#check}); an operation like an update.
 */
public record UpdateTraffic(String serviceArn, UUID operationId, List<Target> traffic) implements Command {

    public UpdateTraffic {
        traffic = traffic == null ? List.of() : List.copyOf(traffic);
    }

    /**
     * One entry as asked: {@code revision} is {@code LATEST} (the newest revision that became
     * healthy) or a revision number; {@code percent} null means 0; {@code tag} null when none.
     */
    public record Target(String revision, Integer percent, String tag) {
    }

    @Override
    public String resourceArn() {
        return serviceArn;
    }
}
