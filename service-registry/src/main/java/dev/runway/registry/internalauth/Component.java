package dev.runway.registry.internalauth;

import java.util.Arrays;
import java.util.Optional;

/**
 * The callers of the registry's {@code /internal/*} API, each with a credential of its own
 * (docs/security.md, "Internal HTTP"). {@link #OPERATOR} is the launcher's own calls
 * ({@code ./runway credentials}), an operator's and the end-to-end tests'.
 */
public enum Component {
    SERVICE_REGISTRY("service-registry"),
    API_GATEWAY("api-gateway"),
    DEPLOY_WORKER("deploy-worker"),
    BUILD_WORKER("build-worker"),
    AUTOSCALER("autoscaler"),
    ROUTER("router"),
    OPERATOR("operator");

    private final String id;

    Component(String id) {
        this.id = id;
    }

    /** The name of its credential file and of the component in logs and answers. */
    public String id() {
        return id;
    }

    public static Optional<Component> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
