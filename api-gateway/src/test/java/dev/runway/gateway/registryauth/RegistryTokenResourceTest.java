package dev.runway.gateway.registryauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's token service: who gets a token, what it grants, and clear refusals for bad input. */
class RegistryTokenResourceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final KeyPair KEYS;

    static {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KEYS = g.generateKeyPair();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @TempDir
    Path dir;

    RegistryTokenResource resource() throws Exception {
        Files.writeString(dir.resolve("deploy-worker"), "dw-secret\n");
        Files.createDirectories(dir.resolve("build-worker"));
        Files.writeString(dir.resolve("build-worker/password"), "bw-secret");
        Map<String, String> keys = Map.of("AKIATESTKEY000000001", "right-secret");
        RegistryLogins logins = new RegistryLogins(id -> Optional.ofNullable(keys.get(id)), Optional.of(dir));
        return new RegistryTokenResource(new TokenSigner((RSAPrivateCrtKey) KEYS.getPrivate(), "runway", "runway-registry"),
                logins, Duration.ofMinutes(5));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The token's claims, after checking its RS256 signature with the public key. */
    static JsonNode claims(Response r) throws Exception {
        assertEquals(200, r.getStatus(), () -> String.valueOf(r.getEntity()));
        String token = JSON.readTree((String) r.getEntity()).path("token").asText();
        String[] parts = token.split("\\.");
        Signature v = Signature.getInstance("SHA256withRSA");
        v.initVerify(KEYS.getPublic());
        v.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(v.verify(Base64.getUrlDecoder().decode(parts[2])), "signature verifies");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertEquals("RS256", header.path("alg").asText());
        assertEquals(TokenSigner.libtrustKeyId(KEYS.getPublic()), header.path("kid").asText());
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    @Test
    void shouldGrantAnAccessKeyPushAndPull() throws Exception {
        JsonNode c = claims(resource().token(basic("AKIATESTKEY000000001", "right-secret"), "runway-registry",
                List.of("repository:team/app:pull,push", "repository:base:pull")));
        assertEquals("runway", c.path("iss").asText());
        assertEquals("runway-registry", c.path("aud").asText());
        assertEquals("AKIATESTKEY000000001", c.path("sub").asText());
        assertEquals(300, c.path("exp").asLong() - c.path("iat").asLong());
        assertEquals("team/app", c.path("access").get(0).path("name").asText());
        assertEquals("[\"pull\",\"push\"]", c.path("access").get(0).path("actions").toString());
        assertEquals("[\"pull\"]", c.path("access").get(1).path("actions").toString());
    }

    @Test
    void shouldGrantALoginWithoutScopeNothingButTheLogin() throws Exception {
        // docker login asks without a scope: the token only proves the credentials
        JsonNode c = claims(resource().token(basic("AKIATESTKEY000000001", "right-secret"), "runway-registry", null));
        assertEquals(0, c.path("access").size());
    }

    @Test
    void shouldLetTheDeployWorkerOnlyPull() throws Exception {
        JsonNode c = claims(resource().token(basic("deploy-worker", "dw-secret"), null,
                List.of("repository:app:pull,push")));
        assertEquals("[\"pull\"]", c.path("access").get(0).path("actions").toString());
        JsonNode b = claims(resource().token(basic("build-worker", "bw-secret"), null, List.of("repository:app:push,pull")));
        assertEquals("[\"push\",\"pull\"]", b.path("access").get(0).path("actions").toString());
    }

    @Test
    void shouldRefuseWrongOrMissingCredentialsWith401() throws Exception {
        RegistryTokenResource r = resource();
        Response none = r.token(null, "runway-registry", List.of("repository:app:pull"));
        assertEquals(401, none.getStatus());
        assertTrue(none.getHeaderString("WWW-Authenticate").startsWith("Basic"));
        assertTrue(((String) none.getEntity()).contains("docker login"));
        assertEquals(401, r.token(basic("AKIATESTKEY000000001", "wrong"), null, null).getStatus());
        assertEquals(401, r.token(basic("AKIAUNKNOWN", "right-secret"), null, null).getStatus());
        assertEquals(401, r.token(basic("deploy-worker", "bw-secret"), null, null).getStatus());
        assertEquals(401, r.token(basic("../../etc/passwd", "x"), null, null).getStatus());
        assertEquals(401, r.token(basic("", ""), null, null).getStatus());
        assertEquals(401, r.token(basic("AKIATESTKEY000000001", "x".repeat(300)), null, null).getStatus());
    }

    @Test
    void shouldAnswerBadInputWith400AndAMessage() throws Exception {
        RegistryTokenResource r = resource();
        String good = basic("AKIATESTKEY000000001", "right-secret");
        for (String scope : List.of("repository:app", "nonsense", "repository:UPPER:pull", "repository:app:pu$h",
                "cluster:app:pull", "repository:" + "a".repeat(300) + ":pull", "repository::pull")) {
            Response bad = r.token(good, null, List.of(scope));
            assertEquals(400, bad.getStatus(), scope);
            assertTrue(JSON.readTree((String) bad.getEntity()).path("errors").get(0).path("message").asText().contains("scope"),
                    scope);
        }
        assertEquals(400, r.token(good, null, List.of("repository:a:pull ".repeat(40))).getStatus());
        assertEquals(400, r.token(good, "someone-else", null).getStatus());
        assertEquals(400, r.token("Bearer abc", null, null).getStatus());
        assertEquals(400, r.token("Basic !!!not-base64", null, null).getStatus());
        assertEquals(400, r.token("Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes()), null, null).getStatus());
    }

    @Test
    void shouldGrantNothingOnTheCatalogOrUnknownActions() {
        var granted = Scopes.grant(List.of(new Scopes.Grant("registry", "catalog", List.of("*")),
                new Scopes.Grant("repository", "app", List.of("delete", "*"))), Set.of("pull", "push"));
        assertEquals(List.of(new Scopes.Grant("repository", "app", List.of("pull", "push"))), granted);
    }

    @Test
    void shouldAnswer503WithoutAKeyRatherThanIssueUnsignedTokens() throws Exception {
        assertThrows(java.io.IOException.class, () -> TokenSigner.readKey(Files.writeString(dir.resolve("k"), "junk")));
    }

    @Test
    void shouldComputeLibtrustKeyIdsInTwelveGroups() throws Exception {
        String id = TokenSigner.libtrustKeyId(KEYS.getPublic());
        assertTrue(id.matches("([A-Z2-7]{4}:){11}[A-Z2-7]{4}"), id);
    }
}
