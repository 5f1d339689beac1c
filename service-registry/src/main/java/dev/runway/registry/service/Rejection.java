package dev.runway.registry.service;

/**
 * A command refused for a reason the user can act on. {@code errorType} is the App Runner error
 * shape the gateway answers with.
 */
public final class Rejection extends Exception {

    public static final String INVALID_REQUEST = "InvalidRequestException";
    public static final String NOT_FOUND = "ResourceNotFoundException";
    public static final String INVALID_STATE = "InvalidStateException";

    private final String errorType;

    public Rejection(String errorType, String message) {
        super(message, null, false, false);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }
}
