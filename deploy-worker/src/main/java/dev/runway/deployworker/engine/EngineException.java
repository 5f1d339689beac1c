package dev.runway.deployworker.engine;

/**
 * The container engine refused a request or did not answer. The message says what was asked and
 * why it failed ({@code could not pull 127.0.0.1:5000/x:1: manifest unknown}); {@link #detail()}
 * is the engine's own words alone.
 */
public class EngineException extends RuntimeException {

    private final String detail;

    private EngineException(String message, String detail, Throwable cause) {
        super(message, cause);
        this.detail = detail;
    }

    /** The engine answered no to {@code what} ("pull 127.0.0.1:5000/x:1"). */
    public static EngineException refused(String what, String detail, Throwable cause) {
        return new EngineException("could not " + what + ": " + detail, detail, cause);
    }

    /** The engine could not be reached while asking for {@code what}. */
    public static EngineException noAnswer(String what, String detail, Throwable cause) {
        return new EngineException("did not answer (" + what + "): " + detail, detail, cause);
    }

    /** The engine's own words, without what was asked. */
    public String detail() {
        return detail;
    }
}
