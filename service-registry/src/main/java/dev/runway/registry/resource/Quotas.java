package dev.runway.registry.resource;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * App Runner's per-account quotas (SPEC §14.4), each settable through a RUNWAY_QUOTA_* variable
 * (docs/configuration.md). Exceeding one answers ServiceQuotaExceededException.
 */
@ConfigMapping(prefix = "runway.quotas")
public interface Quotas {

    /** Live services (failed ones count until deleted). */
    @WithDefault("30")
    int services();

    /** Auto scaling configuration names with an active revision. */
    @WithDefault("10")
    int autoScalingNames();

    /** Active revisions of one auto scaling configuration name. */
    @WithDefault("5")
    int autoScalingRevisions();

    @WithDefault("10")
    int observabilityNames();

    @WithDefault("10")
    int observabilityRevisions();

    /** Active VPC connectors. */
    @WithDefault("10")
    int vpcConnectors();

    /** VPC ingress connections per service. */
    @WithDefault("1")
    int vpcIngressConnections();

    @WithDefault("5")
    int customDomainsPerService();

    /** Live connections to Git hosts (GitHub, Bitbucket). */
    @WithDefault("10")
    int connections();

    /** Tags on one resource (AWS's tagging limit). */
    @WithDefault("50")
    int tagsPerResource();
}
