package dev.runway.registry.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.runway.events.event.ServiceCreated;
import dev.runway.events.event.ConnectionCreated;
import dev.runway.events.model.Tag;
import dev.runway.events.resource.AutoScalingConfigurationCreated;
import dev.runway.events.resource.AutoScalingConfigurationDefaultChanged;
import dev.runway.events.resource.AutoScalingConfigurationDeleted;
import dev.runway.events.resource.CustomDomainAssociated;
import dev.runway.events.resource.CustomDomainCertificateIssued;
import dev.runway.events.resource.CustomDomainDisassociated;
import dev.runway.events.resource.CustomDomainStatusChanged;
import dev.runway.events.resource.ObservabilityConfigurationCreated;
import dev.runway.events.resource.ObservabilityConfigurationDeleted;
import dev.runway.events.resource.ResourceTagged;
import dev.runway.events.resource.ResourceUntagged;
import dev.runway.events.resource.VpcConnectorCreated;
import dev.runway.events.resource.VpcConnectorDeleted;
import dev.runway.events.resource.VpcIngressConnectionCreated;
import dev.runway.events.resource.VpcIngressConnectionDeleted;
import dev.runway.events.resource.VpcIngressConnectionUpdated;
import dev.runway.events.wire.Json;
import dev.runway.registry.store.EventStore.Recorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the account-resource read models in step with the events, inside the appending
 * transaction (like the service projections). Each row remembers the last position applied, so a
 * replay skips what it has seen.
 */
@ApplicationScoped
public class ResourceProjector {

    private final EntityManager em;
    private final ResourceViews views;

    public ResourceProjector(EntityManager em, ResourceViews views) {
        this.em = em;
        this.views = views;
    }

    public void apply(Recorded recorded) {
        Object e = recorded.envelope().payload();
        long p = recorded.globalPosition();
        if (e instanceof ServiceCreated c) {
            putTags(c.serviceArn(), c.tags(), p);
        } else if (e instanceof ConnectionCreated c) {
            putTags(c.connectionArn(), c.tags(), p);
        } else if (e instanceof AutoScalingConfigurationCreated c) {
            sql("insert into auto_scaling_configuration_view (arn, name, revision, max_concurrency, min_size, max_size,"
                    + " status, is_default, created_at, last_position) values (?1, ?2, ?3, ?4, ?5, ?6, 'ACTIVE', false,"
                    + " ?7, ?8) on conflict (arn) do nothing", c.arn(), c.name(), c.revision(), c.maxConcurrency(),
                    c.minSize(), c.maxSize(), ts(c.createdAt()), p);
            putTags(c.arn(), c.tags(), p);
        } else if (e instanceof AutoScalingConfigurationDefaultChanged d) {
            sql("update auto_scaling_configuration_view set is_default = ?2, last_position = ?3 where arn = ?1"
                    + " and last_position < ?3", d.arn(), d.isDefault(), p);
        } else if (e instanceof AutoScalingConfigurationDeleted d) {
            sql("update auto_scaling_configuration_view set status = 'INACTIVE', deleted_at = ?2, last_position = ?3"
                    + " where arn = ?1 and last_position < ?3", d.arn(), ts(d.deletedAt()), p);
        } else if (e instanceof ObservabilityConfigurationCreated c) {
            sql("insert into observability_configuration_view (arn, name, revision, trace_vendor, status, created_at,"
                    + " last_position) values (?1, ?2, ?3, ?4, 'ACTIVE', ?5, ?6) on conflict (arn) do nothing",
                    c.arn(), c.name(), c.revision(), c.traceVendor(), ts(c.createdAt()), p);
            putTags(c.arn(), c.tags(), p);
        } else if (e instanceof ObservabilityConfigurationDeleted d) {
            sql("update observability_configuration_view set status = 'INACTIVE', deleted_at = ?2, last_position = ?3"
                    + " where arn = ?1 and last_position < ?3", d.arn(), ts(d.deletedAt()), p);
        } else if (e instanceof VpcConnectorCreated c) {
            sql("insert into vpc_connector_view (arn, name, revision, subnets, security_groups, status, created_at,"
                    + " last_position) values (?1, ?2, ?3, cast(?4 as jsonb), cast(?5 as jsonb), 'ACTIVE', ?6, ?7)"
                    + " on conflict (arn) do nothing", c.arn(), c.name(), c.revision(), json(c.subnets()),
                    json(c.securityGroups()), ts(c.createdAt()), p);
            putTags(c.arn(), c.tags(), p);
        } else if (e instanceof VpcConnectorDeleted d) {
            sql("update vpc_connector_view set status = 'INACTIVE', deleted_at = ?2, last_position = ?3"
                    + " where arn = ?1 and last_position < ?3", d.arn(), ts(d.deletedAt()), p);
        } else if (e instanceof VpcIngressConnectionCreated c) {
            sql("insert into vpc_ingress_connection_view (arn, name, service_arn, vpc_id, vpc_endpoint_id, domain_name,"
                    + " account_id, status, created_at, last_position) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'AVAILABLE',"
                    + " ?8, ?9) on conflict (arn) do nothing", c.arn(), c.name(), c.serviceArn(), c.vpcId(),
                    c.vpcEndpointId(), c.domainName(), c.accountId(), ts(c.createdAt()), p);
            putTags(c.arn(), c.tags(), p);
        } else if (e instanceof VpcIngressConnectionUpdated u) {
            sql("update vpc_ingress_connection_view set vpc_id = ?2, vpc_endpoint_id = ?3, last_position = ?4"
                    + " where arn = ?1 and last_position < ?4", u.arn(), u.vpcId(), u.vpcEndpointId(), p);
        } else if (e instanceof VpcIngressConnectionDeleted d) {
            sql("update vpc_ingress_connection_view set status = 'DELETED', deleted_at = ?2, last_position = ?3"
                    + " where arn = ?1 and last_position < ?3", d.arn(), ts(d.deletedAt()), p);
        } else if (e instanceof CustomDomainAssociated a) {
            sql("insert into custom_domain_view (service_arn, domain_name, enable_www_subdomain, validation_records,"
                    + " status, associated_at, last_position) values (?1, ?2, ?3, cast(?4 as jsonb),"
                    + " 'PENDING_CERTIFICATE_DNS_VALIDATION', ?5, ?6) on conflict (service_arn, domain_name) do nothing",
                    a.serviceArn(), a.domainName(), a.enableWwwSubdomain(), json(a.validationRecords()),
                    ts(a.associatedAt()), p);
        } else if (e instanceof CustomDomainStatusChanged c) {
            sql("update custom_domain_view set status = ?3, validation_records = cast(?4 as jsonb), status_reason = ?5,"
                    + " last_position = ?6 where service_arn = ?1 and domain_name = ?2 and last_position < ?6",
                    c.serviceArn(), c.domainName(), c.status(), json(c.validationRecords()), c.statusReason(), p);
        } else if (e instanceof CustomDomainCertificateIssued c) {
            sql("update custom_domain_view set certificate_names = cast(?3 as jsonb), certificate_chain = ?4,"
                    + " sealed_key = ?5, issued_at = ?6, not_before = ?7, not_after = ?8, last_position = ?9"
                    + " where service_arn = ?1 and domain_name = ?2 and last_position < ?9", c.serviceArn(),
                    c.domainName(), json(c.names()), c.certificateChain(), c.sealedKey(), ts(c.issuedAt()),
                    ts(c.notBefore()), ts(c.notAfter()), p);
        } else if (e instanceof CustomDomainDisassociated d) {
            sql("delete from custom_domain_view where service_arn = ?1 and domain_name = ?2 and last_position < ?3",
                    d.serviceArn(), d.domainName(), p);
        } else if (e instanceof ResourceTagged t) {
            Map<String, String> tags = tagMap(views.tags(t.resourceArn()));
            t.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
            putTags(t.resourceArn(), tags.entrySet().stream().map(x -> new Tag(x.getKey(), x.getValue())).toList(), p);
        } else if (e instanceof ResourceUntagged u) {
            Map<String, String> tags = tagMap(views.tags(u.resourceArn()));
            u.keys().forEach(tags::remove);
            putTags(u.resourceArn(), tags.entrySet().stream().map(x -> new Tag(x.getKey(), x.getValue())).toList(), p);
        }
    }

    /** Empties the read models before a replay. */
    public void clear() {
        for (String table : List.of("auto_scaling_configuration_view", "observability_configuration_view",
                "vpc_connector_view", "vpc_ingress_connection_view", "custom_domain_view", "resource_tag_view")) {
            em.createNativeQuery("delete from " + table).executeUpdate();
        }
    }

    private void putTags(String arn, List<Tag> tags, long position) {
        sql("insert into resource_tag_view (resource_arn, tags, last_position) values (?1, cast(?2 as jsonb), ?3)"
                + " on conflict (resource_arn) do update set tags = excluded.tags, last_position = excluded.last_position"
                + " where resource_tag_view.last_position < excluded.last_position", arn, json(tags), position);
    }

    private static Map<String, String> tagMap(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    private void sql(String sql, Object... params) {
        Query q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        q.executeUpdate();
    }

    private static Timestamp ts(Instant t) {
        return t == null ? null : Timestamp.from(t);
    }

    static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
