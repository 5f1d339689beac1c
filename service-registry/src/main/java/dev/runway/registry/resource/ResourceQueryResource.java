package dev.runway.registry.resource;

import dev.runway.events.query.Page;
import dev.runway.events.resource.Records;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The query API over the account-resource projections, for the api-gateway. Lists take
 * {@code offset}/{@code limit} and answer a {@link Page}; a single resource is 404 when unknown.
 */
@Path("/internal/resources")
@Produces(MediaType.APPLICATION_JSON)
public class ResourceQueryResource {

    private final ResourceViews views;

    public ResourceQueryResource(ResourceViews views) {
        this.views = views;
    }

    @GET
    @Path("/auto-scaling-configuration")
    public Records.AutoScalingConfiguration autoScaling(@QueryParam("arn") String arn) {
        return found(arn == null ? Optional.empty() : views.autoScaling(arn), arn);
    }

    @GET
    @Path("/auto-scaling-configurations")
    public Page<Records.AutoScalingConfiguration> autoScalings(@QueryParam("name") String name,
            @QueryParam("latestOnly") @DefaultValue("false") boolean latestOnly,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("100") int limit) {
        return page(offset, limit, (o, l) -> views.autoScalings(name, latestOnly, o, l));
    }

    /** 404 when the ARN names no revision. */
    @GET
    @Path("/auto-scaling-configuration/services")
    public Page<String> servicesUsing(@QueryParam("arn") String arn,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("100") int limit) {
        Records.AutoScalingConfiguration asc = autoScaling(arn);
        return page(offset, limit, (o, l) -> views.servicesUsing(asc.arn(), o, l));
    }

    @GET
    @Path("/observability-configuration")
    public Records.ObservabilityConfiguration observability(@QueryParam("arn") String arn) {
        return found(arn == null ? Optional.empty() : views.observability(arn), arn);
    }

    @GET
    @Path("/observability-configurations")
    public Page<Records.ObservabilityConfiguration> observabilities(@QueryParam("name") String name,
            @QueryParam("latestOnly") @DefaultValue("false") boolean latestOnly,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("100") int limit) {
        return page(offset, limit, (o, l) -> views.observabilities(name, latestOnly, o, l));
    }

    @GET
    @Path("/vpc-connector")
    public Records.VpcConnector vpcConnector(@QueryParam("arn") String arn) {
        return found(arn == null ? Optional.empty() : views.vpcConnector(arn), arn);
    }

    @GET
    @Path("/vpc-connectors")
    public Page<Records.VpcConnector> vpcConnectors(@QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return page(offset, limit, views::vpcConnectors);
    }

    @GET
    @Path("/vpc-ingress-connection")
    public Records.VpcIngressConnection vpcIngressConnection(@QueryParam("arn") String arn) {
        return found(arn == null ? Optional.empty() : views.vpcIngressConnection(arn), arn);
    }

    @GET
    @Path("/vpc-ingress-connections")
    public Page<Records.VpcIngressConnection> vpcIngressConnections(@QueryParam("serviceArn") String serviceArn,
            @QueryParam("vpcEndpointId") String vpcEndpointId, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return page(offset, limit, (o, l) -> views.vpcIngressConnections(serviceArn, vpcEndpointId, o, l));
    }

    /** A service's custom domains, a page at a time, with the DNS target and its ingress connections; 404 for an unknown service. */
    @GET
    @Path("/custom-domains")
    public Page<Records.CustomDomains> customDomains(@QueryParam("serviceArn") String serviceArn,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("5") int limit) {
        ResourceFacts.Service service = found(serviceArn == null ? Optional.empty() : views.service(serviceArn),
                serviceArn);
        Page<Records.CustomDomain> domains = page(offset, limit, (o, l) -> views.customDomains(serviceArn, o, l));
        return new Page<>(List.of(new Records.CustomDomains(serviceArn, service.host(), domains.items(),
                views.vpcIngressConnections(serviceArn, null, 0, 100))), domains.nextOffset());
    }

    /** Tags of any resource; 404 when the registry knows no such resource. */
    @GET
    @Path("/tags")
    public Records.Tags tags(@QueryParam("arn") String arn) {
        ResourceFacts.Existence existence = arn == null ? ResourceFacts.Existence.UNKNOWN : views.existence(arn);
        if (existence == ResourceFacts.Existence.UNKNOWN) {
            throw new NotFoundException("no resource " + arn);
        }
        return new Records.Tags(arn, views.tags(arn));
    }

    private static <T> T found(Optional<T> value, String arn) {
        return value.orElseThrow(() -> new NotFoundException("no resource " + arn));
    }

    /** Reads {@code limit + 1} rows: the extra one only says whether a next page exists. */
    private static <T> Page<T> page(int offset, int limit, BiFunction<Integer, Integer, List<T>> read) {
        int from = Math.max(0, offset);
        int size = Math.max(1, Math.min(limit, 1000));
        List<T> rows = read.apply(from, size + 1);
        boolean more = rows.size() > size;
        return new Page<>(more ? rows.subList(0, size) : rows, more ? from + size : null);
    }
}
