package dev.runway.gateway.protocol;

import jakarta.ws.rs.core.Response;

/**
 * One AWS service spoken on {@code POST /}: AWS's JSON protocols name the operation in
 * {@code X-Amz-Target} as {@code <prefix><Operation>}. Each protocol parses its own bodies and
 * answers every failure in its own service's error shape and content type.
 */
public interface AwsJsonProtocol {

    /** The X-Amz-Target prefix this protocol serves, including the trailing dot. */
    String targetPrefix();

    /** The service's CloudTrail event source, e.g. {@code apprunner.amazonaws.com}. */
    String eventSource();

    /** Answers one call; never throws (errors are answers in this protocol's shape). */
    Response handle(AwsCall call);
}
