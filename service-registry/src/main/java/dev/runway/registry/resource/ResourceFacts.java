package dev.runway.registry.resource;

import dev.runway.events.model.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a decision about an account resource needs beyond its own streams, read from the
 * projections before deciding so the decider stays pure. Members a command does not need are
 * left at their empty value.
 *
 * @param now             the clock's reading
 * @param quotas          the configured quotas
 * @param targets         the revisions or resource a command acts on, resolved from the ARN given
 *                        (a name-only ARN means the latest active revision); empty when unknown
 * @param nextRevision    the revision a create under this name gets
 * @param activeOfName    active revisions of this name
 * @param activeCount     active names (configurations), connectors, or ingress connections of the service
 * @param nameInUse       another live resource has the name (ingress connections)
 * @param inUse           the targets that live services use
 * @param currentDefault  the account's default auto scaling configuration
 * @param service         the service a domain or ingress connection belongs to; null when unknown
 * @param existence       for tags: what the registry knows of the resource
 * @param currentTags     for tags: the resource's tags now
 * @param issuing         for custom domains: an ACME CA issues their certificates (RUNWAY_ACME_DIRECTORY)
 * @param domainOwner     for custom domains: the service the domain is linked to already, or null
 */
public record ResourceFacts(Instant now, Quotas quotas, List<String> targets, int nextRevision, int activeOfName,
        int activeCount, boolean nameInUse, Set<String> inUse, String currentDefault, Service service,
        Existence existence, List<Tag> currentTags, boolean issuing, String domainOwner) {

    /** What the registry knows of a resource ARN. */
    public enum Existence { UNKNOWN, LIVE, INACTIVE }

    /** A service as domains and ingress connections need it: its status and its URL's host. */
    public record Service(String status, String host) {
    }

    public static ResourceFacts at(Instant now, Quotas quotas) {
        return new ResourceFacts(now, quotas, List.of(), 1, 0, 0, false, Set.of(), null, null, Existence.UNKNOWN,
                List.of(), false, null);
    }

    ResourceFacts withTargets(List<String> t) {
        return new ResourceFacts(now, quotas, t, nextRevision, activeOfName, activeCount, nameInUse, inUse,
                currentDefault, service, existence, currentTags, issuing, domainOwner);
    }

    ResourceFacts withNames(int next, int ofName, int count, boolean taken) {
        return new ResourceFacts(now, quotas, targets, next, ofName, count, taken, inUse, currentDefault, service,
                existence, currentTags, issuing, domainOwner);
    }

    ResourceFacts withUse(Set<String> used, String defaultArn) {
        return new ResourceFacts(now, quotas, targets, nextRevision, activeOfName, activeCount, nameInUse, used,
                defaultArn, service, existence, currentTags, issuing, domainOwner);
    }

    ResourceFacts withService(Service s) {
        return new ResourceFacts(now, quotas, targets, nextRevision, activeOfName, activeCount, nameInUse, inUse,
                currentDefault, s, existence, currentTags, issuing, domainOwner);
    }

    ResourceFacts withTags(Existence e, List<Tag> tags) {
        return new ResourceFacts(now, quotas, targets, nextRevision, activeOfName, activeCount, nameInUse, inUse,
                currentDefault, service, e, tags, issuing, domainOwner);
    }

    ResourceFacts withDomain(boolean acme, String owner) {
        return new ResourceFacts(now, quotas, targets, nextRevision, activeOfName, activeCount, nameInUse, inUse,
                currentDefault, service, existence, currentTags, acme, owner);
    }
}
