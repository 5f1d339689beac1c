package dev.runway.events.command;

import dev.runway.events.model.ServiceConfiguration;
import dev.runway.events.model.Tag;
import java.util.List;
import java.util.UUID;

/** Create an image-based service; the gateway has validated the input and chosen the ids. */
public record CreateService(
        String serviceArn,
        String serviceId,
        String serviceName,
        UUID operationId,
        ServiceConfiguration configuration,
        List<Tag> tags) implements Command {

    public CreateService {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public String resourceArn() {
        return serviceArn;
    }
}
