package dev.runway.gateway.imagepush;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which pushes a service's image identifier watches. ECR-style names map onto the platform
 * registry as the deploy-worker maps them ({@code <account>.dkr.ecr.<region>.amazonaws.com/<repo>}
 * and {@code public.ecr.aws/<alias>/<repo>}), so a push of {@code <repo>:<tag>} to the platform
 * registry concerns every identifier that names that repository and tag there.
 */
final class WatchedImages {

    private static final Pattern ECR = Pattern.compile("[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com/(.+)");
    private static final Pattern ECR_PUBLIC = Pattern.compile("public\\.ecr\\.aws/(.+)");

    /**
     * The {@code repository:tag} in the platform registry that {@code identifier} names, or empty
     * when it names another registry, a local image, or a digest (a digest never moves).
     */
    static Optional<String> watched(String identifier, String platformRegistry) {
        String path = pathInPlatformRegistry(identifier, platformRegistry);
        if (path == null || path.contains("@")) {
            return Optional.empty();
        }
        int slash = path.lastIndexOf('/');
        boolean tagged = path.indexOf(':', slash + 1) >= 0;
        return Optional.of(tagged ? path : path + ":latest");
    }

    private static String pathInPlatformRegistry(String identifier, String platformRegistry) {
        if (identifier.startsWith(platformRegistry + "/")) {
            return identifier.substring(platformRegistry.length() + 1);
        }
        for (Pattern ecr : new Pattern[] {ECR, ECR_PUBLIC}) {
            Matcher m = ecr.matcher(identifier);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return null;
    }

    private WatchedImages() {
    }
}
