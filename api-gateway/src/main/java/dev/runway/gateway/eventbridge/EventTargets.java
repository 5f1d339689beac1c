package dev.runway.gateway.eventbridge;

import dev.runway.events.net.AddressGuard;
import dev.runway.gateway.config.GatewayConfig;

/** Where webhook targets may point: PutTargets and every delivery ask the same guard. */
public final class EventTargets {

    private EventTargets() {
    }

    /** The guard of {@code RUNWAY_EVENT_TARGET_ALLOW} and the platform's ports. */
    public static AddressGuard guard(GatewayConfig.Events events) {
        return AddressGuard.of("RUNWAY_EVENT_TARGET_ALLOW", events.targetAllow().orElse(""), events.platformPorts());
    }
}
