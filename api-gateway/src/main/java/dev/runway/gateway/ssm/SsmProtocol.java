package dev.runway.gateway.ssm;

import dev.runway.gateway.protocol.RegistryForwardedProtocol;
import dev.runway.gateway.registry.InternalApiClient;
import jakarta.inject.Singleton;

/**
 * SSM Parameter Store's JSON 1.1 protocol: {@code X-Amz-Target: AmazonSSM.<Operation>}, decided
 * by the service-registry (docs/secrets.md). SSM's model names ValidationException for a value
 * it cannot take.
 */
@Singleton
public class SsmProtocol extends RegistryForwardedProtocol {

    static final Api API = new Api("ssm", "SSM", "AmazonSSM.", "ssm.amazonaws.com", "InternalServerError",
            "ValidationException");

    public SsmProtocol(InternalApiClient registry) {
        super(API, registry);
    }
}
