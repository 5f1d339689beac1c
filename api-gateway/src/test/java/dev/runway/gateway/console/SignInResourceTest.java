package dev.runway.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SignInResourceTest {

    @Test
    void shouldFollowSignInOnlyToAConsolePage() {
        assertEquals("/console/services/shop/abc", SignInResource.safeNext("/console/services/shop/abc"));
        assertEquals("/console/services", SignInResource.safeNext("https://elsewhere.example/"));
        assertEquals("/console/services", SignInResource.safeNext("//elsewhere.example/console/"));
        assertEquals("/console/services", SignInResource.safeNext("/console/../q/health"));
        assertEquals("/console/services", SignInResource.safeNext("/console/sign-out"));
        assertEquals("/console/services", SignInResource.safeNext(null));
    }
}
