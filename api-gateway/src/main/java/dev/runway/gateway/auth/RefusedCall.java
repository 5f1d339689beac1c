package dev.runway.gateway.auth;

import java.time.Instant;

/**
 * An API call ({@code POST /}) that {@link AuthRoutes} refused before any resource saw it, fired
 * as a CDI event (on a worker thread, before the refusal is sent) so the audit trail records it
 * too. No access key: the signature did not prove one.
 */
public record RefusedCall(String requestId, Instant time, String target, String sourceIp, String userAgent,
        String body, int status, String errorCode, String errorMessage) {
}
