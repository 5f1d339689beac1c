package dev.runway.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SigV4 verification as pure logic: requests signed by the real aws CLI (a frozen capture) and by
 * the AWS SDK for Java v2's current signer are accepted; every kind of tampering is refused with
 * the error AWS gives.
 */
class SignatureVerifierTest {

    static final String KEY = "AKIDEXAMPLE";
    static final String SECRET = "secret";
    static final Instant NOW = Instant.parse("2026-11-23T16:43:30Z");
    static final SecretLookup KNOWN = id -> id.equals(KEY) ? Optional.of(SECRET) : Optional.empty();
    static final SignatureVerifier VERIFIER = new SignatureVerifier("us-east-1", Clock.fixed(NOW, ZoneOffset.UTC));

    /** What `aws apprunner list-services --max-results 5` (botocore 1.43) sent, captured once. */
    static ReceivedRequest capturedFromTheCli() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("accept-encoding", List.of("identity"));
        headers.put("x-amz-target", List.of("AppRunner.ListServices"));
        headers.put("amz-sdk-request", List.of("attempt=1"));
        headers.put("host", List.of("127.0.0.1:18777"));
        headers.put("user-agent", List.of("aws-cli/1.45.11 md/Botocore#1.43.11"));
        headers.put("authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/apprunner/"
                + "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
                + "Signature=d4b1fde9fb45f5f8e347f8b7325b889bb5b05d282cf0ebc4025c360848337949"));
        headers.put("content-type", List.of("application/x-amz-json-1.0"));
        headers.put("x-amz-date", List.of("20261123T164327Z"));
        headers.put("amz-sdk-invocation-id", List.of("7b4521e0-1eb7-44b8-beb9-7611d84551e9"));
        headers.put("content-length", List.of("17"));
        return new ReceivedRequest("POST", "/", Map.of(), headers, "{\"MaxResults\": 5}".getBytes(StandardCharsets.UTF_8));
    }

    /** A request signed as the AWS SDK for Java v2 signs it (its current signer, with x-amz-content-sha256). */
    static ReceivedRequest signedBySdk(String target, String body, String key, String secret, Instant at,
            String region, String service) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:19100/"))
                .putHeader("Host", "127.0.0.1:19100")
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", target)
                .putHeader("Content-Length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length))
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(key, secret))
                .request(unsigned)
                .payload(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signed.forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        headers.put("user-agent", List.of("aws-sdk-java/2.35.10"));
        return new ReceivedRequest("POST", "/", Map.of(), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    static ReceivedRequest signedBySdk(String body) {
        return signedBySdk("AppRunner.ListServices", body, KEY, SECRET, NOW.minusSeconds(2), "us-east-1", "apprunner");
    }

    static ReceivedRequest withHeader(ReceivedRequest r, String name, String value) {
        Map<String, List<String>> headers = new HashMap<>(r.headers());
        headers.put(name, List.of(value));
        return new ReceivedRequest(r.method(), r.rawPath(), r.query(), headers, r.body());
    }

    static ReceivedRequest withBody(ReceivedRequest r, String body) {
        return new ReceivedRequest(r.method(), r.rawPath(), r.query(), r.headers(), body.getBytes(StandardCharsets.UTF_8));
    }

    static AuthFailure refused(ReceivedRequest r, SecretLookup secrets) {
        return assertThrows(AuthFailure.class, () -> VERIFIER.verify(r, secrets));
    }

    @Test
    void shouldAcceptWhatTheAwsCliSigned() throws Exception {
        assertEquals(KEY, VERIFIER.verify(capturedFromTheCli(), KNOWN));
    }

    @Test
    void shouldAcceptWhatTheJavaSdkSigned() throws Exception {
        for (String body : List.of("{}", "{\"MaxResults\":5}", "", "{\"ServiceName\":\"é ü — 雪\"}")) {
            assertEquals(KEY, VERIFIER.verify(signedBySdk(body), KNOWN), body);
        }
    }

    @Test
    void shouldRefuseAWrongSecret() {
        AuthFailure f = refused(capturedFromTheCli(), id -> Optional.of("not-the-secret"));
        assertEquals("InvalidSignatureException", f.type());
        assertEquals(AuthFailure.SIGNATURE_MISMATCH, f.getMessage());
        assertEquals(403, f.status());
    }

    @Test
    void shouldRefuseAChangedBody() {
        assertEquals("InvalidSignatureException", refused(withBody(capturedFromTheCli(), "{\"MaxResults\": 6}"), KNOWN).type());
        // the SDK sent its body hash too: a new body under the old hash must not pass either
        assertEquals("InvalidSignatureException", refused(withBody(signedBySdk("{\"MaxResults\":5}"), "{\"MaxResults\":6}"), KNOWN).type());
    }

    @Test
    void shouldRefuseAChangedSignedHeaderButNotAnUnsignedOne() throws Exception {
        ReceivedRequest otherOperation = withHeader(capturedFromTheCli(), "x-amz-target", "AppRunner.DeleteService");
        assertEquals("InvalidSignatureException", refused(otherOperation, KNOWN).type());
        ReceivedRequest sdkOtherHost = withHeader(signedBySdk("{}"), "host", "127.0.0.1:9000");
        assertEquals("InvalidSignatureException", refused(sdkOtherHost, KNOWN).type());
        // user-agent was not signed: a proxy may change it
        assertEquals(KEY, VERIFIER.verify(withHeader(capturedFromTheCli(), "user-agent", "curl/8"), KNOWN));
    }

    @Test
    void shouldRefuseASignatureOlderOrNewerThanFifteenMinutes() throws Exception {
        Instant old = NOW.minus(Duration.ofMinutes(16));
        AuthFailure expired = refused(signedBySdk("AppRunner.ListServices", "{}", KEY, SECRET, old, "us-east-1", "apprunner"), KNOWN);
        assertEquals("InvalidSignatureException", expired.type());
        assertEquals("Signature expired: 20261123T162730Z is now earlier than 20261123T162830Z (20261123T164330Z - 15 min.)",
                expired.getMessage());
        Instant future = NOW.plus(Duration.ofMinutes(16));
        AuthFailure early = refused(signedBySdk("AppRunner.ListServices", "{}", KEY, SECRET, future, "us-east-1", "apprunner"), KNOWN);
        assertTrue(early.getMessage().startsWith("Signature not yet current: 20261123T165930Z is still later than"),
                early.getMessage());
        // 14 minutes either way is fine
        assertEquals(KEY, VERIFIER.verify(signedBySdk("AppRunner.ListServices", "{}", KEY, SECRET,
                NOW.minus(Duration.ofMinutes(14)), "us-east-1", "apprunner"), KNOWN));
    }

    @Test
    void shouldRefuseAnUnknownKey() {
        AuthFailure f = refused(signedBySdk("AppRunner.ListServices", "{}", "AKIANOBODY", SECRET, NOW, "us-east-1",
                "apprunner"), KNOWN);
        assertEquals("UnrecognizedClientException", f.type());
        assertEquals("The security token included in the request is invalid.", f.getMessage());
    }

    @Test
    void shouldAskForAuthenticationWhenThereIsNone() {
        Map<String, List<String>> headers = new HashMap<>(capturedFromTheCli().headers());
        headers.remove("authorization");
        AuthFailure f = refused(new ReceivedRequest("POST", "/", Map.of(), headers, new byte[0]), KNOWN);
        assertEquals("MissingAuthenticationTokenException", f.type());
    }

    @Test
    void shouldExplainAnIncompleteAuthorizationHeader() {
        AuthFailure noSignature = refused(withHeader(capturedFromTheCli(), "authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/apprunner/aws4_request, SignedHeaders=host"), KNOWN);
        assertEquals("IncompleteSignatureException", noSignature.type());
        assertTrue(noSignature.getMessage().contains("'Signature'"), noSignature.getMessage());
        AuthFailure v2 = refused(withHeader(capturedFromTheCli(), "authorization", "AWS AKIDEXAMPLE:abc"), KNOWN);
        assertTrue(v2.getMessage().contains("AWS4-HMAC-SHA256"), v2.getMessage());
        AuthFailure noDate = refused(withHeader(capturedFromTheCli(), "x-amz-date", "yesterday"), KNOWN);
        assertEquals("IncompleteSignatureException", noDate.type());
    }

    @Test
    void shouldRequireTheTargetAmongTheSignedHeaders() {
        ReceivedRequest cli = capturedFromTheCli();
        String authorization = cli.header("authorization").replace("x-amz-date;x-amz-target", "x-amz-date");
        AuthFailure f = refused(withHeader(cli, "authorization", authorization), KNOWN);
        assertEquals("InvalidSignatureException", f.type());
        assertTrue(f.getMessage().startsWith("'X-Amz-Target' must be a 'SignedHeader'"), f.getMessage());
    }

    @Test
    void shouldRefuseAnotherRegionOrService() {
        AuthFailure region = refused(signedBySdk("AppRunner.ListServices", "{}", KEY, SECRET, NOW, "eu-west-1",
                "apprunner"), KNOWN);
        assertEquals("InvalidSignatureException", region.type());
        assertTrue(region.getMessage().startsWith("Credential should be scoped to a valid region, not 'eu-west-1'."));
        AuthFailure service = refused(signedBySdk("AppRunner.ListServices", "{}", KEY, SECRET, NOW, "us-east-1",
                "lambda"), KNOWN);
        assertTrue(service.getMessage().startsWith("Credential should be scoped to correct service: 'apprunner'."));
        // other AWS APIs on the same endpoint check their own names
        assertEquals("InvalidSignatureException", refused(signedBySdk("AWSEvents.PutRule", "{}", KEY, SECRET, NOW,
                "us-east-1", "apprunner"), KNOWN).type());
    }

    @Test
    void shouldAcceptOtherApisSignedForTheirOwnService() throws Exception {
        assertEquals(KEY, VERIFIER.verify(signedBySdk("AWSEvents.ListRules", "{}", KEY, SECRET, NOW, "us-east-1",
                "events"), KNOWN));
        assertEquals(KEY, VERIFIER.verify(signedBySdk("Logs_20140328.DescribeLogGroups", "{}", KEY, SECRET, NOW,
                "us-east-1", "logs"), KNOWN));
    }

    @Test
    void shouldRefuseSessionTokensAndUnsignedHost() {
        assertEquals("UnrecognizedClientException",
                refused(withHeader(signedBySdk("{}"), "x-amz-security-token", "FQoGZXIvYXdzE"), KNOWN).type());
        ReceivedRequest r = capturedFromTheCli();
        String unsignedHost = r.header("authorization").replace("content-type;host;x-amz-date", "content-type;x-amz-date");
        AuthFailure f = refused(withHeader(r, "authorization", unsignedHost), KNOWN);
        assertTrue(f.getMessage().contains("'Host'"), f.getMessage());
    }

    @Test
    void shouldRefuseASignedHeaderThatWasNotSent() {
        ReceivedRequest r = signedBySdk("{}");
        Map<String, List<String>> headers = new HashMap<>(r.headers());
        headers.remove("amz-sdk-request");
        headers.remove("content-length");
        List<String> names = new ArrayList<>(headers.keySet());
        assertTrue(!names.contains("content-length"));
        assertEquals("InvalidSignatureException",
                refused(new ReceivedRequest("POST", "/", Map.of(), headers, r.body()), KNOWN).type());
    }
}
