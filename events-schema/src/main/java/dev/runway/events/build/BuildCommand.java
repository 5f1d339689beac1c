package dev.runway.events.build;

import dev.runway.events.Message;

/** Work for the build-worker, on {@code runway.build.commands}; it answers with a report. */
public sealed interface BuildCommand extends Message permits BuildRevision {

    String serviceArn();

    @Override
    default String resourceArn() {
        return serviceArn();
    }
}
