package dev.runway.gateway.registryauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Signs the image registry's bearer tokens: JWTs as Docker Distribution 2.8 verifies them
 * ({@code auth: token}). RS256 with an RSA key whose certificate is the registry's
 * {@code rootcertbundle}; the header names the key by its libtrust key id ({@code kid}), which the
 * registry computes from that certificate. {@code aud} is one string (2.8 does not take a list).
 */
public final class TokenSigner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final RSAPrivateCrtKey key;
    private final String keyId;
    private final String issuer;
    private final String service;

    public TokenSigner(RSAPrivateCrtKey key, String issuer, String service) {
        this.key = key;
        this.issuer = issuer;
        this.service = service;
        try {
            PublicKey pub = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            this.keyId = libtrustKeyId(pub);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable RSA key: " + e.getMessage(), e);
        }
    }

    /** Reads an unencrypted PKCS#8 PEM RSA key ({@code openssl genpkey -algorithm RSA}). */
    public static RSAPrivateCrtKey readKey(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IOException(file + " holds no PKCS#8 private key (-----BEGIN PRIVATE KEY-----)");
        }
        String body = pem.substring(begin + 27, end).replaceAll("\\s", "");
        try {
            if (KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)))
                    instanceof RSAPrivateCrtKey rsa) {
                return rsa;
            }
            throw new IOException(file + " is not an RSA key with its CRT parameters");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " holds no RSA private key: " + e.getMessage(), e);
        }
    }

    /**
     * libtrust's key id, which Distribution uses to find a {@code kid} among its trusted keys:
     * SHA-256 of the DER SubjectPublicKeyInfo, its first 240 bits in base32, in 12 groups of 4.
     */
    static String libtrustKeyId(PublicKey key) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
        byte[] head = java.util.Arrays.copyOf(digest, 30);
        String b32 = base32(head);
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < b32.length(); i += 4) {
            if (i > 0) {
                id.append(':');
            }
            id.append(b32, i, Math.min(i + 4, b32.length()));
        }
        return id.toString();
    }

    private static String base32(byte[] bytes) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    public String keyId() {
        return keyId;
    }

    public String service() {
        return service;
    }

    /** A token for {@code subject} granting {@code access}, valid from now for {@code ttl}. */
    public String issue(String subject, List<Scopes.Grant> access, Instant now, Duration ttl) {
        ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256").put("kid", keyId);
        ObjectNode claims = JSON.createObjectNode().put("iss", issuer).put("sub", subject).put("aud", service)
                .put("exp", now.plus(ttl).getEpochSecond()).put("nbf", now.getEpochSecond() - 1)
                .put("iat", now.getEpochSecond()).put("jti", UUID.randomUUID().toString());
        ArrayNode list = claims.putArray("access");
        for (Scopes.Grant g : access) {
            ObjectNode entry = list.addObject().put("type", g.type()).put("name", g.name());
            g.actions().forEach(entry.putArray("actions")::add);
        }
        try {
            String signingInput = B64URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + B64URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(rs256.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("signing a registry token failed", e);
        }
    }
}
