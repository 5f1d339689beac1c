package dev.runway.registry.resource;

import dev.runway.events.model.AutoScalingLimits;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.runway.events.model.Tag;
import dev.runway.events.resource.CertificateValidationRecord;
import dev.runway.events.resource.Records;
import dev.runway.events.wire.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads of the account-resource projections, for the query API and for the facts a decision
 * needs. Revisioned resources may be named by full ARN, by {@code .../name/revision}, or by
 * {@code .../name} (its latest active revision), as App Runner allows.
 */
@ApplicationScoped
public class ResourceViews {

    static final String ASC = "auto_scaling_configuration_view";
    static final String OBS = "observability_configuration_view";
    static final String VPC = "vpc_connector_view";
    private static final TypeReference<List<Tag>> TAGS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };
    private static final TypeReference<List<CertificateValidationRecord>> RECORDS = new TypeReference<>() {
    };

    private final EntityManager em;

    public ResourceViews(EntityManager em) {
        this.em = em;
    }

    // ---- revisioned resources (auto scaling, observability, VPC connectors)

    /** The revisions an ARN names: exactly one, or none when nothing matches. */
    public List<String> resolve(String table, String kind, String arn) {
        if (!rows("select arn from " + table + " where arn = ?1", arn).isEmpty()) {
            return List.of(arn);
        }
        int at = arn.indexOf(":" + kind + "/");
        if (at < 0) {
            return List.of();
        }
        String prefix = arn.substring(0, at + kind.length() + 2);
        String[] parts = arn.substring(prefix.length()).split("/");
        List<Object[]> found;
        if (parts.length == 1) {
            found = rows("select arn, 1 from " + table + " where name = ?1 and status = 'ACTIVE' and arn like ?2"
                    + " order by revision desc limit 1", parts[0], prefix + parts[0] + "/%");
        } else if (parts.length == 2 && parts[1].matches("[0-9]{1,9}")) {
            found = rows("select arn, 1 from " + table + " where name = ?1 and revision = ?2 and arn like ?3"
                    + " order by status limit 1", parts[0], Integer.parseInt(parts[1]), prefix + parts[0] + "/%");
        } else {
            return List.of();
        }
        return found.stream().map(r -> (String) r[0]).toList();
    }

    /** Every active revision of the name the (resolved) ARN belongs to. */
    public List<String> activeRevisionsOfSameName(String table, String resolvedArn) {
        return rows("select arn, 1 from " + table + " t where status = 'ACTIVE' and name = (select name from " + table
                + " where arn = ?1) order by revision", resolvedArn).stream().map(r -> (String) r[0]).toList();
    }

    /** {next revision, active revisions of the name, active names (or active rows for VPC connectors)}. */
    public int[] nameStats(String table, String name) {
        Object[] r = rows("select coalesce(max(revision), 0) + 1,"
                + " count(*) filter (where status = 'ACTIVE'),"
                + " (select count(distinct name) from " + table + " where status = 'ACTIVE'),"
                + " (select count(*) from " + table + " where status = 'ACTIVE')"
                + " from " + table + " where name = ?1", name).get(0);
        return new int[] {num(r[0]), num(r[1]), num(r[2]), num(r[3])};
    }

    // ---- auto scaling configurations

    public String defaultAutoScaling() {
        List<Object[]> r = rows("select arn, 1 from " + ASC + " where is_default and status = 'ACTIVE' limit 1");
        return r.isEmpty() ? null : (String) r.get(0)[0];
    }

    /** Of {@code arns}, those a live service uses. */
    public Set<String> autoScalingInUse(List<String> arns) {
        Set<String> used = new HashSet<>();
        for (String arn : arns) {
            if (!servicesUsing(arn, 0, 1).isEmpty()) {
                used.add(arn);
            }
        }
        return used;
    }

    /** Live services using a revision, oldest first. */
    public List<String> servicesUsing(String arn, int offset, int limit) {
        return rows("select service_arn, 1 from service_view where configuration ->> 'autoScalingConfigurationArn' = ?1"
                + " and status <> 'DELETED' order by created_at, service_arn offset ?2 limit ?3", arn, offset, limit)
                .stream().map(r -> (String) r[0]).toList();
    }

    public Optional<Records.AutoScalingConfiguration> autoScaling(String arn) {
        List<String> resolved = resolve(ASC, "autoscalingconfiguration", arn);
        return resolved.isEmpty() ? Optional.empty()
                : autoScalings("where t.arn = ?1", 0, 1, resolved.get(0)).stream().findFirst();
    }

    /** Active revisions, by name then revision; {@code latestOnly} keeps each name's highest. */
    public List<Records.AutoScalingConfiguration> autoScalings(String name, boolean latestOnly, int offset, int limit) {
        String where = "where t.status = 'ACTIVE'" + (name == null ? "" : " and t.name = ?1")
                + (latestOnly ? " and t.revision = (select max(revision) from " + ASC
                + " x where x.name = t.name and x.status = 'ACTIVE')" : "");
        return autoScalings(where, offset, limit, name == null ? new Object[0] : new Object[] {name});
    }

    private List<Records.AutoScalingConfiguration> autoScalings(String where, int offset, int limit,
            Object... param) {
        String sql = "select t.arn, t.name, t.revision, t.status, t.max_concurrency, t.min_size, t.max_size,"
                + " t.created_at, t.deleted_at, t.is_default,"
                + " t.revision = (select max(revision) from " + ASC + " x where x.name = t.name and x.status = 'ACTIVE'),"
                + " exists (select 1 from service_view s where s.configuration ->> 'autoScalingConfigurationArn' = t.arn"
                + " and s.status <> 'DELETED')"
                + " from " + ASC + " t " + where + " order by t.name, t.revision offset " + offset + " limit " + limit;
        List<Records.AutoScalingConfiguration> out = new ArrayList<>();
        for (Object[] r : rows(sql, param)) {
            out.add(new Records.AutoScalingConfiguration((String) r[0], (String) r[1], num(r[2]), bool(r[10]),
                    (String) r[3], num(r[4]), num(r[5]), num(r[6]), instant(r[7]), instant(r[8]), bool(r[11]),
                    bool(r[9])));
        }
        return out;
    }

    // ---- observability configurations

    public Optional<Records.ObservabilityConfiguration> observability(String arn) {
        List<String> resolved = resolve(OBS, "observabilityconfiguration", arn);
        return resolved.isEmpty() ? Optional.empty()
                : observabilities("where t.arn = ?1", 0, 1, resolved.get(0)).stream().findFirst();
    }

    public List<Records.ObservabilityConfiguration> observabilities(String name, boolean latestOnly, int offset,
            int limit) {
        String where = "where t.status = 'ACTIVE'" + (name == null ? "" : " and t.name = ?1")
                + (latestOnly ? " and t.revision = (select max(revision) from " + OBS
                + " x where x.name = t.name and x.status = 'ACTIVE')" : "");
        return observabilities(where, offset, limit, name == null ? new Object[0] : new Object[] {name});
    }

    private List<Records.ObservabilityConfiguration> observabilities(String where, int offset, int limit,
            Object... param) {
        String sql = "select t.arn, t.name, t.revision, t.status, t.trace_vendor, t.created_at, t.deleted_at,"
                + " t.revision = (select max(revision) from " + OBS + " x where x.name = t.name and x.status = 'ACTIVE')"
                + " from " + OBS + " t " + where + " order by t.name, t.revision offset " + offset + " limit " + limit;
        List<Records.ObservabilityConfiguration> out = new ArrayList<>();
        for (Object[] r : rows(sql, param)) {
            out.add(new Records.ObservabilityConfiguration((String) r[0], (String) r[1], num(r[2]), bool(r[7]),
                    (String) r[3], (String) r[4], instant(r[5]), instant(r[6])));
        }
        return out;
    }

    // ---- VPC connectors

    public Optional<Records.VpcConnector> vpcConnector(String arn) {
        List<String> resolved = resolve(VPC, "vpcconnector", arn);
        return resolved.isEmpty() ? Optional.empty()
                : vpcConnectors("where arn = ?1", 0, 1, resolved.get(0)).stream().findFirst();
    }

    public List<Records.VpcConnector> vpcConnectors(int offset, int limit) {
        return vpcConnectors("where status = 'ACTIVE'", offset, limit);
    }

    private List<Records.VpcConnector> vpcConnectors(String where, int offset, int limit, Object... param) {
        List<Records.VpcConnector> out = new ArrayList<>();
        for (Object[] r : rows("select arn, name, revision, subnets::text, security_groups::text, status, created_at,"
                + " deleted_at from " + VPC + " " + where + " order by name, revision offset " + offset + " limit "
                + limit, param)) {
            out.add(new Records.VpcConnector((String) r[0], (String) r[1], num(r[2]), read((String) r[3], STRINGS),
                    read((String) r[4], STRINGS), (String) r[5], instant(r[6]), instant(r[7])));
        }
        return out;
    }

    // ---- VPC ingress connections

    public Optional<Records.VpcIngressConnection> vpcIngressConnection(String arn) {
        return ingress("where arn = ?1", 0, 1, arn).stream().findFirst();
    }

    /** Not deleted ones, optionally of one service and/or one VPC endpoint. */
    public List<Records.VpcIngressConnection> vpcIngressConnections(String serviceArn, String vpcEndpointId,
            int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = "where status <> 'DELETED'";
        if (serviceArn != null) {
            params.add(serviceArn);
            where += " and service_arn = ?" + params.size();
        }
        if (vpcEndpointId != null) {
            params.add(vpcEndpointId);
            where += " and vpc_endpoint_id = ?" + params.size();
        }
        return ingress(where, offset, limit, params.toArray());
    }

    public boolean ingressNameInUse(String name) {
        return !rows("select arn, 1 from vpc_ingress_connection_view where name = ?1 and status <> 'DELETED'", name)
                .isEmpty();
    }

    private List<Records.VpcIngressConnection> ingress(String where, int offset, int limit, Object... params) {
        String sql = "select arn, name, service_arn, status, account_id, domain_name, vpc_id, vpc_endpoint_id,"
                + " created_at, deleted_at from vpc_ingress_connection_view " + where
                + " order by created_at, arn offset " + offset + " limit " + limit;
        List<Records.VpcIngressConnection> out = new ArrayList<>();
        for (Object[] r : rows(sql, params)) {
            out.add(new Records.VpcIngressConnection((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                    (String) r[4], (String) r[5], (String) r[6], (String) r[7], instant(r[8]), instant(r[9])));
        }
        return out;
    }

    // ---- services, custom domains, tags

    /** A service's status and its URL's host; empty when the registry never knew it. */
    public Optional<ResourceFacts.Service> service(String arn) {
        List<Object[]> r = rows("select status, service_url from service_view where service_arn = ?1", arn);
        if (r.isEmpty()) {
            return Optional.empty();
        }
        String url = (String) r.get(0)[1];
        int colon = url.indexOf(':');
        return Optional.of(new ResourceFacts.Service((String) r.get(0)[0], colon < 0 ? url : url.substring(0, colon)));
    }

    public List<Records.CustomDomain> customDomains(String serviceArn, int offset, int limit) {
        List<Records.CustomDomain> out = new ArrayList<>();
        for (Object[] r : rows("select domain_name, enable_www_subdomain, validation_records::text, status"
                + " from custom_domain_view where service_arn = ?1 order by associated_at, domain_name offset "
                + offset + " limit " + limit, serviceArn)) {
            out.add(new Records.CustomDomain((String) r[0], bool(r[1]), read((String) r[2], RECORDS), (String) r[3]));
        }
        return out;
    }

    /** The service a custom domain is linked to, if any. */
    public Optional<String> domainOwner(String domainName) {
        List<Object[]> r = rows("select service_arn, 1 from custom_domain_view where domain_name = ?1 limit 1", domainName);
        return r.isEmpty() ? Optional.empty() : Optional.of((String) r.get(0)[0]);
    }

    /** A custom domain with its certificate work, as the issuer and the routers need it. */
    public record DomainRow(String serviceArn, String domainName, boolean enableWwwSubdomain, String status,
            List<CertificateValidationRecord> records, List<String> names, String chain, String sealedKey,
            Instant issuedAt, Instant notBefore, Instant notAfter) {
    }

    /** Every custom domain of every service. */
    public List<DomainRow> domainRows() {
        List<DomainRow> out = new ArrayList<>();
        for (Object[] r : rows("select service_arn, domain_name, enable_www_subdomain, status, validation_records::text,"
                + " certificate_names::text, certificate_chain, sealed_key, issued_at, not_before, not_after"
                + " from custom_domain_view order by associated_at, domain_name")) {
            out.add(new DomainRow((String) r[0], (String) r[1], bool(r[2]), (String) r[3], read((String) r[4], RECORDS),
                    r[5] == null ? List.of() : read((String) r[5], NAMES), (String) r[6], (String) r[7], instant(r[8]),
                    instant(r[9]), instant(r[10])));
        }
        return out;
    }

    /**
     * The idle window of every service that scales to zero (tagged {@code runway:min-size=0}), by
     * service ARN; one query over the few tag rows that carry a Runway key.
     */
    public java.util.Map<String, Integer> idleTimeouts() {
        java.util.Map<String, Integer> out = new java.util.HashMap<>();
        for (Object[] r : rows("select resource_arn, tags::text from resource_tag_view"
                + " where resource_arn like '%:service/%' and tags::text like '%runway:min-size%'")) {
            dev.runway.events.model.ScaleToZero.fromStoredTags(read((String) r[1], TAGS))
                    .ifPresent(z -> out.put((String) r[0], z.idleTimeoutSeconds()));
        }
        return out;
    }

    public List<Tag> tags(String arn) {
        List<Object[]> r = rows("select tags::text, 1 from resource_tag_view where resource_arn = ?1", arn);
        return r.isEmpty() ? new ArrayList<>() : read((String) r.get(0)[0], TAGS);
    }

    /**
     * What the registry knows of any resource ARN: the kinds it projects by their status, and any
     * other ARN (a connection, say) by whether a stream of that name exists.
     */
    public ResourceFacts.Existence existence(String arn) {
        List<Object[]> r = rows("select status, 1 from service_view where service_arn = ?1"
                + " union all select status, 1 from " + ASC + " where arn = ?1"
                + " union all select status, 1 from " + OBS + " where arn = ?1"
                + " union all select status, 1 from " + VPC + " where arn = ?1"
                + " union all select status, 1 from vpc_ingress_connection_view where arn = ?1"
                + " union all select status, 1 from connection_view where connection_arn = ?1", arn);
        if (!r.isEmpty()) {
            String status = (String) r.get(0)[0];
            return status.equals("DELETED") || status.equals("INACTIVE") ? ResourceFacts.Existence.INACTIVE
                    : ResourceFacts.Existence.LIVE;
        }
        return rows("select 1, 1 from events where stream_id = ?1 limit 1", arn).isEmpty()
                ? ResourceFacts.Existence.UNKNOWN : ResourceFacts.Existence.LIVE;
    }

    public long liveServices() {
        return num(rows("select count(*), 1 from service_view where status <> 'DELETED'").get(0)[0]);
    }

    // ---- plumbing

    @SuppressWarnings("unchecked")
    /** MinSize, MaxSize and MaxConcurrency of the auto scaling configuration an ARN names, if any. */
    public Optional<AutoScalingLimits> autoScalingLimits(String arn) {
        if (arn == null || arn.isBlank()) {
            return Optional.empty();
        }
        List<String> found = resolve(ASC, "autoscalingconfiguration", arn);
        if (found.size() != 1) {
            return Optional.empty();
        }
        List<Object[]> r = rows("select min_size, max_size, max_concurrency from " + ASC + " where arn = ?1",
                found.get(0));
        return r.isEmpty() ? Optional.empty()
                : Optional.of(new AutoScalingLimits(num(r.get(0)[0]), num(r.get(0)[1]), num(r.get(0)[2])));
    }

    private List<Object[]> rows(String sql, Object... params) {
        Query q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        List<Object[]> out = new ArrayList<>();
        for (Object o : q.getResultList()) {
            out.add(o instanceof Object[] a ? a : new Object[] {o});
        }
        return out;
    }

    private static int num(Object o) {
        return ((Number) o).intValue();
    }

    private static boolean bool(Object o) {
        return o instanceof Boolean b && b;
    }

    static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + o.getClass());
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
