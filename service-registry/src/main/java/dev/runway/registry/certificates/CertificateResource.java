package dev.runway.registry.certificates;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * For the routers: the custom domains they serve, with certificates and keys (loopback, internal
 * like every /internal path), and the answers to the ACME CA's HTTP-01 challenges.
 */
@Path("/internal")
public class CertificateResource {

    private final DomainCertificates certificates;
    private final AcmeIssuer issuer;

    public CertificateResource(DomainCertificates certificates, AcmeIssuer issuer) {
        this.certificates = certificates;
        this.issuer = issuer;
    }

    @GET
    @Path("/custom-domains/served")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, List<DomainCertificates.Served>> served() {
        return Map.of("domains", certificates.served());
    }

    @GET
    @Path("/acme-challenge/{token}")
    @Produces(MediaType.TEXT_PLAIN)
    public String challenge(@PathParam("token") String token) {
        return issuer.keyAuthorization(token).orElseThrow(NotFoundException::new);
    }
}
