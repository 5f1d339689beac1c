package dev.runway.e2e;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs hand-made requests to the gateway with the AWS SDK for Java v2's own SigV4 signer, as its
 * clients do: for the raw protocol tests, and for the signature tests that then tamper with them.
 */
final class SigV4 {

    /**
     * The headers to send with a request to the gateway (Host, X-Amz-Date, X-Amz-Content-Sha256,
     * X-Amz-Target when given, Authorization), signed for {@code service} at {@code at}.
     */
    static Map<String, String> headers(String method, String path, String target, byte[] body, String accessKeyId,
            String secretAccessKey, Instant at, String service) {
        URI uri = URI.create(Platform.GATEWAY + path);
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri)
                .putHeader("Host", uri.getHost() + ":" + uri.getPort());
        if (target != null) {
            unsigned.putHeader("X-Amz-Target", target);
        }
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKeyId, secretAccessKey))
                .request(unsigned.build())
                .payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, Platform.REGION)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
        Map<String, String> headers = new LinkedHashMap<>();
        signed.forEachHeader((name, values) -> headers.put(name, String.join(",", values)));
        return headers;
    }

    /** A call signed now with the platform's admin key, for the API its target belongs to. */
    static Map<String, String> adminHeaders(String method, String path, String target, byte[] body) {
        return headers(method, path, target, body, Platform.ACCESS_KEY_ID, Platform.SECRET_ACCESS_KEY, Instant.now(),
                signingName(target));
    }

    /** The signing name AWS's clients use for a target (apprunner for none or an unknown one). */
    static String signingName(String target) {
        if (target == null) {
            return "apprunner";
        }
        if (target.startsWith("AWSEvents.")) {
            return "events";
        }
        if (target.startsWith("com.amazonaws.cloudtrail.") || target.startsWith("CloudTrail_")) {
            return "cloudtrail";
        }
        if (target.startsWith("Logs_")) {
            return "logs";
        }
        if (target.startsWith("AmazonSSM.")) {
            return "ssm";
        }
        if (target.startsWith("secretsmanager.")) {
            return "secretsmanager";
        }
        return "apprunner";
    }

    private SigV4() {
    }
}
