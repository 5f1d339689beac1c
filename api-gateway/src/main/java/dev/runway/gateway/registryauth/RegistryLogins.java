package dev.runway.gateway.registryauth;

import dev.runway.events.credential.SecretFile;
import dev.runway.gateway.auth.SecretLookup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may log in to the image registry, and what they may do there: an access key of the API
 * (user = AccessKeyId, password = SecretAccessKey) pushes and pulls; the deploy-worker only pulls and
 * the build-worker pulls and pushes, each with a password of its own made at first start (a file
 * per component under {@code RUNWAY_REGISTRY_CREDENTIALS_DIR}: {@code <dir>/<component>} or
 * {@code <dir>/<component>/password}), read again at each login so a replaced one counts at once.
 */
public final class RegistryLogins {

    static final Set<String> PUSH_PULL = Set.of("pull", "push");
    static final Map<String, Set<String>> COMPONENTS = Map.of("deploy-worker", Set.of("pull"),
            "build-worker", PUSH_PULL);
    static final int MAX_FIELD = 256;
    private static final java.util.regex.Pattern ACCESS_KEY_ID = java.util.regex.Pattern.compile("[A-Za-z0-9]{1,128}");

    /** A successful login: who, and which actions on repositories they may be granted. */
    public record Login(String subject, Set<String> allowed) {
    }

    /** A login refused: the credentials are wrong (the message says what to do). */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final SecretLookup keys;
    private final Optional<Path> componentsDir;

    public RegistryLogins(SecretLookup keys, Optional<Path> componentsDir) {
        this.keys = keys;
        this.componentsDir = componentsDir;
    }

    public Login login(String user, String password) throws Refused, SecretLookup.CredentialsUnavailable {
        if (user.isEmpty() || password.isEmpty() || user.length() > MAX_FIELD || password.length() > MAX_FIELD) {
            throw new Refused("a user name (an AccessKeyId) and a password (its SecretAccessKey) are needed,"
                    + " each at most " + MAX_FIELD + " characters");
        }
        Set<String> component = COMPONENTS.get(user);
        if (component != null) {
            Optional<String> expected = componentSecret(user);
            if (expected.isPresent() && same(expected.get(), password)) {
                return new Login(user, component);
            }
            throw new Refused("wrong password for the platform component " + user);
        }
        // an access key id is letters and digits (AKIA…): anything else is not looked up at all
        Optional<String> secret = ACCESS_KEY_ID.matcher(user).matches() ? keys.secretFor(user) : Optional.empty();
        if (secret.isPresent() && same(secret.get(), password)) {
            return new Login(user, PUSH_PULL);
        }
        throw new Refused("no active access key " + abbreviate(user) + " with that secret: log in with an access key of"
                + " the Runway API (docker login -u <AccessKeyId> -p <SecretAccessKey>, or --password-stdin)");
    }

    private Optional<String> componentSecret(String component) throws SecretLookup.CredentialsUnavailable {
        if (componentsDir.isEmpty()) {
            return Optional.empty();
        }
        Path file = componentsDir.get().resolve(component);
        if (Files.isDirectory(file)) {
            file = file.resolve("password");
        }
        try {
            return SecretFile.content(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SecretLookup.CredentialsUnavailable("the gateway cannot read " + component + "'s registry"
                    + " credential (" + e.getMessage() + ")", e);
        }
    }

    /** Constant-time over the digests, so neither length nor content leaks through timing. */
    static boolean same(String expected, String given) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha.digest(given.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s) {
        return Scopes.abbreviate(s.replaceAll("[^\\x20-\\x7e]", "?"));
    }
}
