package dev.runway.registry.resource;

import dev.runway.events.resource.CustomDomainAssociated;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the decider needs from one account-resource stream: whether the resource exists, whether it
 * was deleted, whether it is the account default (auto scaling), and for a service's custom-domain
 * stream the domains linked now. {@code version} is the stream's last version.
 */
public record ResourceState(long version, boolean exists, boolean deleted, boolean isDefault,
        Map<String, CustomDomainAssociated> domains) {

    public static ResourceState initial() {
        return new ResourceState(0, false, false, false, Map.of());
    }

    public boolean live() {
        return exists && !deleted;
    }

    ResourceState created() {
        return new ResourceState(version, true, false, isDefault, domains);
    }

    ResourceState deleted(boolean d) {
        return new ResourceState(version, exists, d, isDefault, domains);
    }

    ResourceState isDefault(boolean d) {
        return new ResourceState(version, exists, deleted, d, domains);
    }

    ResourceState domain(String name, CustomDomainAssociated associated) {
        Map<String, CustomDomainAssociated> next = new LinkedHashMap<>(domains);
        if (associated == null) {
            next.remove(name);
        } else {
            next.put(name, associated);
        }
        return new ResourceState(version, exists, deleted, isDefault, Map.copyOf(next));
    }

    ResourceState next() {
        return new ResourceState(version + 1, exists, deleted, isDefault, domains);
    }
}
