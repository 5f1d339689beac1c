package dev.runway.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigningNamesTest {

    @Test
    void shouldAskSsmAndSecretsManagerCallsForTheirOwnSigningNames() {
        assertEquals(Optional.of("ssm"), SigningNames.forTarget("AmazonSSM.PutParameter"));
        assertEquals(Optional.of("secretsmanager"), SigningNames.forTarget("secretsmanager.GetSecretValue"));
        assertEquals(Optional.of("apprunner"), SigningNames.forTarget("AppRunner.ListServices"));
        assertEquals(Optional.empty(), SigningNames.forTarget("SecretsManager.GetSecretValue"));
    }

    @Test
    void shouldSignRunwayExtensionsAsAppRunner() {
        assertEquals(Optional.of("apprunner"), SigningNames.forTarget("Runway.ListRevisions"));
    }
}
