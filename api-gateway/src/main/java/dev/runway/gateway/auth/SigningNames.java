package dev.runway.gateway.auth;

import java.util.Map;
import java.util.Optional;

/**
 * The service name a request's credential scope must carry, from its {@code X-Amz-Target}: every
 * AWS API Runway serves on {@code POST /} checks its own, as each AWS endpoint does. A target
 * Runway does not know gets no check here (the protocol layer refuses the operation anyway).
 * Add a line when the gateway serves another AWS API.
 */
final class SigningNames {

    private static final Map<String, String> BY_TARGET_PREFIX = Map.of(
            "AppRunner.", "apprunner",
            "Runway.", "apprunner", // Runway's extensions share App Runner's signature
            "AWSEvents.", "events",
            "Logs_20140328.", "logs",
            "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.", "cloudtrail",
            "CloudTrail_20131101.", "cloudtrail",
            "AmazonSSM.", "ssm",
            "secretsmanager.", "secretsmanager");

    static Optional<String> forTarget(String target) {
        if (target == null) {
            return Optional.empty();
        }
        String t = target.trim();
        return BY_TARGET_PREFIX.entrySet().stream().filter(e -> t.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst();
    }

    private SigningNames() {
    }
}
