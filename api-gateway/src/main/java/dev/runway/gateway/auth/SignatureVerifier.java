package dev.runway.gateway.auth;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * Verifies AWS Signature Version 4 on a received request, as an AWS endpoint does: the scope's
 * date, region and service, the request time within 15 minutes of now, a known access key, and a
 * signature that the AWS SDK's own signer computes to the same value from exactly the headers the
 * client signed, the path and query as sent, and the body received. Pure apart from the clock.
 *
 * <p>Why the SDK's {@code Aws4Signer} and not its newer {@code AwsV4HttpSigner}: the newer one always
 * adds and signs {@code x-amz-content-sha256}, so it cannot reproduce the signature of a client
 * that did not sign that header (botocore, i.e. the aws CLI, does not for JSON APIs). The older
 * signer signs exactly the headers it is given and hashes the body itself, so a changed body never
 * verifies even when the client sent a body hash header.
 */
public final class SignatureVerifier {

    /** How far the request time may be from now, either way (AWS's window). */
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String TERMINATOR = "aws4_request";

    private final String region;
    private final Clock clock;
    @SuppressWarnings("deprecation")
    private final Aws4Signer signer = Aws4Signer.create();

    public SignatureVerifier(String region, Clock clock) {
        this.region = region;
        this.clock = clock;
    }

    /** The verified access key id, or the reason the request is refused. */
    String verify(ReceivedRequest request, SecretLookup secrets)
            throws AuthFailure, SecretLookup.CredentialsUnavailable {
        String authorization = request.header("authorization");
        if (authorization == null) {
            if (request.query().containsKey("X-Amz-Signature") || request.query().containsKey("X-Amz-Credential")) {
                throw AuthFailure.incomplete("Runway accepts Signature Version 4 in the Authorization header only;"
                        + " presigned query strings are not supported.");
            }
            throw AuthFailure.missingToken();
        }
        AuthorizationHeader auth = AuthorizationHeader.parse(authorization);
        Instant signedAt = requestTime(request);
        String amzDate = request.header("x-amz-date").trim();
        if (!auth.date().equals(amzDate.substring(0, 8))) {
            throw AuthFailure.invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version"
                    + " of date from HTTP: '" + auth.date() + "' != '" + amzDate.substring(0, 8) + "', from '"
                    + amzDate + "'.");
        }
        if (!auth.region().equals(region)) {
            throw AuthFailure.invalidSignature("Credential should be scoped to a valid region, not '" + auth.region()
                    + "'. This Runway serves region '" + region + "': sign with --region " + region + ".");
        }
        Optional<String> service = SigningNames.forTarget(request.header("x-amz-target"));
        if (service.isPresent() && !service.get().equals(auth.service())) {
            throw AuthFailure.invalidSignature("Credential should be scoped to correct service: '" + service.get()
                    + "'. ");
        }
        if (!TERMINATOR.equals(auth.terminator())) {
            throw AuthFailure.invalidSignature("Credential should be scoped with a valid terminator: '" + TERMINATOR
                    + "', not '" + auth.terminator() + "'.");
        }
        if (!auth.signedHeaders().contains("host")) {
            throw AuthFailure.invalidSignature("'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (!auth.signedHeaders().contains("x-amz-date")) {
            throw AuthFailure.invalidSignature("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (request.header("x-amz-target") != null && !auth.signedHeaders().contains("x-amz-target")) {
            // the target picks the operation: unsigned, it could be swapped on a captured request
            throw AuthFailure.invalidSignature("'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization"
                    + " (the AWS CLI and SDKs sign it).");
        }
        if (request.header("x-amz-security-token") != null) {
            // Runway issues long-term keys only: a session token cannot be one of ours
            throw AuthFailure.unrecognizedClient();
        }
        for (String name : auth.signedHeaders()) {
            if (!request.headers().containsKey(name)) {
                throw AuthFailure.signatureMismatch();
            }
        }
        if (!auth.accessKeyId().matches("[A-Za-z0-9]{1,128}")) {
            throw AuthFailure.unrecognizedClient();
        }
        String secret = secrets.secretFor(auth.accessKeyId()).orElseThrow(AuthFailure::unrecognizedClient);
        String expected = signature(request, auth, secret, signedAt);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                auth.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw AuthFailure.signatureMismatch();
        }
        return auth.accessKeyId();
    }

    private Instant requestTime(ReceivedRequest request) throws AuthFailure {
        String amzDate = request.header("x-amz-date");
        if (amzDate == null) {
            throw AuthFailure.incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a"
                    + " 'Date' header; Runway reads X-Amz-Date.");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate.trim()));
        } catch (DateTimeParseException e) {
            throw AuthFailure.incomplete("X-Amz-Date must be an ISO-8601 basic date-time such as 20261123T120000Z,"
                    + " not '" + amzDate + "'.");
        }
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw AuthFailure.invalidSignature("Signature expired: " + AMZ_DATE.format(signedAt)
                    + " is now earlier than " + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now)
                    + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw AuthFailure.invalidSignature("Signature not yet current: " + AMZ_DATE.format(signedAt)
                    + " is still later than " + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now)
                    + " + 15 min.)");
        }
        return signedAt;
    }

    /**
     * The signer writes the Host header from the request's host and port (leaving the port out when
     * it is the scheme's default), so both come from the Host header the client signed; a port the
     * client wrote out although it is the default stays written by picking the other scheme.
     */
    private static URI origin(String hostHeader) throws AuthFailure {
        String host = hostHeader.trim();
        try {
            URI plain = new URI("http://" + host);
            if (plain.getHost() == null || plain.getRawPath() != null && !plain.getRawPath().isEmpty()) {
                throw AuthFailure.signatureMismatch();
            }
            return plain.getPort() == 80 ? new URI("https://" + host) : plain;
        } catch (java.net.URISyntaxException e) {
            throw AuthFailure.signatureMismatch();
        }
    }

    /** What the SDK's signer makes of the request with {@code secret}: the hex signature. */
    @SuppressWarnings("deprecation")
    private String signature(ReceivedRequest request, AuthorizationHeader auth, String secret, Instant signedAt)
            throws AuthFailure {
        SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .uri(origin(request.header("host")))
                .encodedPath(request.rawPath())
                .contentStreamProvider(() -> new ByteArrayInputStream(request.body()));
        request.query().forEach(unsigned::putRawQueryParameter);
        for (String name : auth.signedHeaders()) {
            List<String> values = request.headers().get(name);
            unsigned.putHeader(name, values);
        }
        Aws4SignerParams params = Aws4SignerParams.builder()
                .awsCredentials(AwsBasicCredentials.create(auth.accessKeyId(), secret))
                .signingName(auth.service())
                .signingRegion(Region.of(auth.region()))
                .signingClockOverride(Clock.fixed(signedAt, ZoneOffset.UTC))
                .build();
        String signed = signer.sign(unsigned.build(), params).firstMatchingHeader("Authorization").orElse("");
        int at = signed.lastIndexOf("Signature=");
        return at < 0 ? "" : signed.substring(at + "Signature=".length()).trim();
    }
}
