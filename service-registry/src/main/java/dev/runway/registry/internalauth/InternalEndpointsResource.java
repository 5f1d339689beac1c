package dev.runway.registry.internalauth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /internal/endpoints} (operator only): every internal endpoint with the components
 * allowed to call it, from {@link InternalAccess}, which a unit test holds equal to the resource
 * methods. The end-to-end InternalAuthTest walks this list, so a new endpoint is checked too.
 */
@Path("/internal/endpoints")
@Produces(MediaType.APPLICATION_JSON)
public class InternalEndpointsResource {

    public record Endpoint(String method, String path, List<String> allowed) {
    }

    @GET
    public List<Endpoint> endpoints() {
        return InternalAccess.entries().entrySet().stream().map(InternalEndpointsResource::of).toList();
    }

    private static Endpoint of(Map.Entry<String, java.util.Set<Component>> e) {
        int space = e.getKey().indexOf(' ');
        return new Endpoint(e.getKey().substring(0, space), e.getKey().substring(space + 1),
                e.getValue().stream().map(Component::id).toList());
    }
}
