package dev.runway.buildworker.runtime;

import dev.runway.events.model.ManagedRuntime;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /runtimes}: the managed runtimes offered, one per line ({@code ./runway runtimes} prints it). */
@Path("/runtimes")
public class RuntimesResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String list() {
        StringBuilder out = new StringBuilder(String.format("%-12s %-11s %-58s %s%n", "RUNTIME", "YAML", "VERSION USED",
                "MATCH"));
        for (ManagedRuntime r : ManagedRuntime.OFFERED) {
            out.append(String.format("%-12s %-11s %-58s %s%n", r.id(), r.yamlName(), r.language() + " " + r.versionUsed(),
                    (r.exact() ? "exact" : "nearest newer") + ", " + (r.revised() ? "revised" : "original") + " build"));
        }
        return out.toString();
    }
}
