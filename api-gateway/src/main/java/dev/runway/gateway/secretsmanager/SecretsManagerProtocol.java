package dev.runway.gateway.secretsmanager;

import dev.runway.gateway.protocol.RegistryForwardedProtocol;
import dev.runway.gateway.registry.InternalApiClient;
import jakarta.inject.Singleton;

/**
 * Secrets Manager's JSON 1.1 protocol: {@code X-Amz-Target: secretsmanager.<Operation>}, decided
 * by the service-registry (docs/secrets.md). Secrets Manager's model has no ValidationException;
 * a value it cannot take is its InvalidParameterException ("The parameter name or value is
 * invalid").
 */
@Singleton
public class SecretsManagerProtocol extends RegistryForwardedProtocol {

    static final Api API = new Api("secretsmanager", "Secrets Manager", "secretsmanager.",
            "secretsmanager.amazonaws.com", "InternalServiceError", "InvalidParameterException");

    public SecretsManagerProtocol(InternalApiClient registry) {
        super(API, registry);
    }
}
