package dev.runway.deployworker.image;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference the engine can use, always with a tag or a digest, e.g.
 * {@code 127.0.0.1:5000/hello:latest} or {@code runway/busybox:local}.
 *
 * @param value the full reference
 */
public record ImageReference(String value) {

    /** {@code <account>.dkr.ecr.<region>.amazonaws.com[.cn]/<repo>...}: private ECR. */
    private static final Pattern PRIVATE_ECR =
            Pattern.compile("^\\d{12}\\.dkr\\.ecr(?:-fips)?\\.[a-z0-9-]+\\.amazonaws\\.com(?:\\.cn)?/(.+)$");
    /** {@code public.ecr.aws/<alias>/<repo>...}: ECR Public. */
    private static final Pattern PUBLIC_ECR = Pattern.compile("^public\\.ecr\\.aws/(.+)$");

    public ImageReference {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The image identifier is empty");
        }
    }

    /**
     * Maps an App Runner image identifier onto this platform: ECR and ECR Public names move to the
     * platform registry, anything else is used as written; a reference with neither tag nor digest
     * gets {@code :latest}.
     *
     * @param identifier    the ImageIdentifier as the user wrote it
     * @param imageRegistry the platform registry, e.g. {@code 127.0.0.1:5000}
     */
    public static ImageReference resolve(String identifier, String imageRegistry) {
        if (identifier == null || identifier.isBlank()) {
            throw new IllegalArgumentException("The image identifier is empty");
        }
        String written = identifier.strip();
        var privateEcr = PRIVATE_ECR.matcher(written);
        var publicEcr = PUBLIC_ECR.matcher(written);
        String mapped;
        if (privateEcr.matches()) {
            mapped = imageRegistry + "/" + privateEcr.group(1);
        } else if (publicEcr.matches()) {
            mapped = imageRegistry + "/" + publicEcr.group(1);
        } else {
            mapped = written;
        }
        return new ImageReference(hasTagOrDigest(mapped) ? mapped : mapped + ":latest");
    }

    /** The registry the reference names: its first path part when that looks like a host. */
    public Optional<String> registryHost() {
        int slash = value.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String first = value.substring(0, slash);
        boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
        return host ? Optional.of(first) : Optional.empty();
    }

    /**
     * Whether pulling this image keeps to this machine: its registry is the platform registry or
     * listens on loopback. Nothing is ever pulled from anywhere else.
     */
    public boolean pullableFrom(String imageRegistry) {
        return registryHost().map(host -> host.equals(imageRegistry) || isLoopback(host)).orElse(false);
    }

    /** Everything before the tag or digest, e.g. {@code 127.0.0.1:5000/hello}. */
    public String repository() {
        int at = value.indexOf('@');
        if (at >= 0) {
            return value.substring(0, at);
        }
        int colon = tagColon(value);
        return colon < 0 ? value : value.substring(0, colon);
    }

    /** The tag ({@code latest}) or the digest ({@code sha256:...}). */
    public String tagOrDigest() {
        int at = value.indexOf('@');
        if (at >= 0) {
            return value.substring(at + 1);
        }
        int colon = tagColon(value);
        return colon < 0 ? "latest" : value.substring(colon + 1);
    }

    @Override
    public String toString() {
        return value;
    }

    private static boolean hasTagOrDigest(String reference) {
        return reference.contains("@") || tagColon(reference) >= 0;
    }

    /** The colon before a tag: one after the last slash (a colon before it belongs to the host's port). */
    private static int tagColon(String reference) {
        int colon = reference.lastIndexOf(':');
        return colon > reference.lastIndexOf('/') ? colon : -1;
    }

    private static boolean isLoopback(String host) {
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        return name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]");
    }
}
