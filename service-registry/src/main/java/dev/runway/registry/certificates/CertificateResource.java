package dev.runway.registry.certificates;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * For the routers: the custom domains they serve, with certificates and keys (loopback, internal
 * like every /internal path), and the answers to the ACME CA's HTTP-01 challenges.
 */
@Path("/internal")
public class CertificateResource {

    private final DomainCertificates certificates;
    private final PlatformCertificates platform;
    private final AcmeIssuer issuer;
    private final String domain;
    private final boolean platformWildcard;

    public CertificateResource(DomainCertificates certificates, PlatformCertificates platform, AcmeIssuer issuer,
            dev.runway.registry.config.RegistryConfig config) {
        this.certificates = certificates;
        this.platform = platform;
        this.issuer = issuer;
        this.domain = config.domain();
        this.platformWildcard = config.acme().platformWildcard();
    }

    /** The ACTIVE custom domains, and the platform's own certificate once the CA issued one ({@code platform}). */
    @GET
    @Path("/custom-domains/served")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> served() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("domains", certificates.served());
        if (platformWildcard) {
            platform.served(domain).ifPresent(p -> out.put("platform", p));
        }
        return out;
    }

    @GET
    @Path("/acme-challenge/{token}")
    @Produces(MediaType.TEXT_PLAIN)
    public String challenge(@PathParam("token") String token) {
        return issuer.keyAuthorization(token).orElseThrow(NotFoundException::new);
    }
}
