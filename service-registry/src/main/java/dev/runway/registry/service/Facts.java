package dev.runway.registry.service;

import java.time.Instant;

/**
 * What a decision needs to know beyond the service's own stream, looked up before deciding so the
 * decider stays pure.
 *
 * @param now        the clock's reading
 * @param nameInUse  whether another live service already has the requested name
 * @param serviceUrl the URL a new service would get
 */
public record Facts(Instant now, boolean nameInUse, String serviceUrl) {
}
