package dev.runway.gateway.auth;

/**
 * A request the gateway refuses to authenticate, with the error type and message AWS answers in
 * the same case. Every one is HTTP 403.
 */
public final class AuthFailure extends Exception {

    static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you"
            + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for"
            + " details.";

    private final String type;

    AuthFailure(String type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    static AuthFailure missingToken() {
        return new AuthFailure("MissingAuthenticationTokenException", "Missing Authentication Token. Runway's API"
                + " needs requests signed with AWS Signature Version 4: use the access key `./runway up` printed"
                + " (or `./runway credentials create`).");
    }

    static AuthFailure incomplete(String message) {
        return new AuthFailure("IncompleteSignatureException", message);
    }

    static AuthFailure invalidSignature(String message) {
        return new AuthFailure("InvalidSignatureException", message);
    }

    static AuthFailure signatureMismatch() {
        return invalidSignature(SIGNATURE_MISMATCH);
    }

    static AuthFailure unrecognizedClient() {
        return new AuthFailure("UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    public String type() {
        return type;
    }

    public int status() {
        return 403;
    }
}
