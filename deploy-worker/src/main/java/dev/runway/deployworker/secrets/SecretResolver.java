package dev.runway.deployworker.secrets;

import java.util.Map;

/**
 * Turns a revision's secret references ({@code RuntimeEnvironmentSecrets}: variable name → SSM
 * parameter or Secrets Manager reference) into the values its instances get. The one adapter to
 * the service-registry's resolution endpoint is {@link RegistrySecretResolver}; tests use a map.
 */
@FunctionalInterface
public interface SecretResolver {

    /**
     * Resolves every reference. An answer the registry gives, or its silence, is a value
     * ({@link Resolution}), never an exception; no references means no call.
     *
     * @throws InterruptedException when the worker shuts down meanwhile
     */
    Resolution resolve(Map<String, String> references) throws InterruptedException;
}
