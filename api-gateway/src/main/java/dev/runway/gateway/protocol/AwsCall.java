package dev.runway.gateway.protocol;

/**
 * One call on {@code POST /}, as the dispatcher saw it: the full X-Amz-Target, the raw body and
 * the request id every answer carries in {@code x-amzn-RequestId}.
 */
public record AwsCall(String target, byte[] body, String requestId) {

    /** The operation name after the protocol's prefix. */
    public String operation(String prefix) {
        return target.substring(prefix.length());
    }
}
