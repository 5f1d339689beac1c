package dev.runway.gateway.protocol;

/**
 * An answer in App Runner's error shape: {@code {"__type": type, "Message": message}} with
 * {@code status}. Thrown anywhere in request handling; turned into a response in one place.
 */
public final class ApiError extends RuntimeException {

    private final String type;
    private final int status;

    private ApiError(String type, int status, String message) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    public static ApiError invalidRequest(String message) {
        return new ApiError("InvalidRequestException", 400, message);
    }

    public static ApiError notFound(String message) {
        return new ApiError("ResourceNotFoundException", 400, message);
    }

    public static ApiError invalidState(String message) {
        return new ApiError("InvalidStateException", 400, message);
    }

    public static ApiError internal(String message) {
        return new ApiError("InternalServiceErrorException", 500, message);
    }

    /** The JSON protocol's own errors (bad body, unknown operation), as AWS's JSON services name them. */
    public static ApiError protocol(String type, String message) {
        return new ApiError(type, 400, message);
    }

    /** Any other service's error (EventBridge, CloudTrail): its own type name and status. */
    public static ApiError withStatus(String type, int status, String message) {
        return new ApiError(type, status, message);
    }

    /** An error type decided elsewhere (the registry's rejection); client errors are 400, the rest 500. */
    public static ApiError of(String type, String message) {
        return new ApiError(type, type.equals("InternalServiceErrorException") ? 500 : 400, message);
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }
}
