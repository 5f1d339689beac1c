package dev.runway.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.model.ManagedRuntime;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Creating a service from a code repository: a git URL and branch, optionally through an
 * AVAILABLE connection, configured by the repository's apprunner.yaml or by the form (a managed
 * runtime, build and start commands). The build-worker builds it as for the CLI.
 */
@Path("/console/services/new-code")
@Produces(MediaType.TEXT_HTML)
public class CodeServiceResource {

    private final ConsoleApi api;
    private final SignedIn who;

    public CodeServiceResource(ConsoleApi api, SignedIn who) {
        this.api = api;
        this.who = who;
    }

    @GET
    public TemplateInstance form() {
        return Pages.newCodeService(Views.Chrome.of(who, "services"), ServiceForms.CodeForm.defaults(), Views.Errors.none(),
                connections(), runtimes(), ServiceForms.CONFIGURATION_SOURCES);
    }

    @POST
    public Response create(@FormParam("name") String name, @FormParam("repository") String repository,
            @FormParam("branch") String branch, @FormParam("directory") String directory,
            @FormParam("connection") String connection, @FormParam("configurationSource") String configurationSource,
            @FormParam("runtime") String runtime, @FormParam("build") String build, @FormParam("start") String start,
            @FormParam("port") String port, @FormParam("env") String env, @FormParam("autoDeploy") String autoDeploy) {
        var form = new ServiceForms.CodeForm(name, repository, branch, directory, connection, configurationSource, runtime,
                build, start, port, env, autoDeploy != null);
        ConsoleApi.Answer answer = api.call(who, "AppRunner.CreateService", ServiceForms.createCodeService(form));
        if (answer.ok()) {
            JsonNode s = answer.body().path("Service");
            return ServicesResource.redirect("/console/services/" + s.path("ServiceName").asText() + "/"
                    + s.path("ServiceId").asText());
        }
        var errors = new Views.Errors(FieldErrors.place(answer.message(), ServiceForms.CODE_FIELDS,
                ServiceForms.CODE_WORDS));
        return ServicesResource.html(ServicesResource.UNPROCESSABLE, Pages.codeForm(form, errors, connections(), runtimes(),
                ServiceForms.CONFIGURATION_SOURCES));
    }

    /** AVAILABLE connections to clone through (value: ARN). */
    private List<Views.Choice> connections() {
        List<Views.Choice> choices = new ArrayList<>();
        ConsoleApi.Answer answer = api.call(who, "AppRunner.ListConnections", ConsoleApi.input().put("MaxResults", 100));
        for (JsonNode c : answer.body().path("ConnectionSummaryList")) {
            if ("AVAILABLE".equals(c.path("Status").asText())) {
                choices.add(new Views.Choice(c.path("ConnectionArn").asText(),
                        c.path("ConnectionName").asText() + " (" + c.path("ProviderType").asText() + ")"));
            }
        }
        return choices;
    }

    private static List<String> runtimes() {
        return ManagedRuntime.OFFERED.stream().map(ManagedRuntime::id).toList();
    }
}
