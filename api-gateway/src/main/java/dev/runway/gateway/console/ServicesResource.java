package dev.runway.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.query.OperationRecord;
import dev.runway.events.query.Page;
import dev.runway.events.query.ServiceRecord;
import dev.runway.gateway.config.GatewayConfig;
import dev.runway.gateway.protocol.ApiError;
import dev.runway.gateway.registry.RegistryClient;
import dev.runway.gateway.metrics.MetricQueries;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The console's service pages: the list, the create form, a service's page with its
 * configuration, operations, events, logs and metrics, and its actions. Each reads and writes
 * through the App Runner and CloudWatch Logs operations ({@link ConsoleApi}); failures are shown
 * in the API's words, validation messages beside their fields.
 */
@Path("/console/services")
@Produces(MediaType.TEXT_HTML)
public class ServicesResource {

    /** Status code of a form answered with its messages (htmx swaps it in: see layout.html's htmx-config). */
    static final int UNPROCESSABLE = 422;

    private final ConsoleApi api;
    private final SignedIn who;
    private final MetricQueries metrics;
    private final RegistryClient registry;
    private final String arnPrefix;

    public ServicesResource(ConsoleApi api, SignedIn who, MetricQueries metrics, RegistryClient registry,
            GatewayConfig config) {
        this.api = api;
        this.registry = registry;
        this.who = who;
        this.metrics = metrics;
        this.arnPrefix = "arn:" + config.partition() + ":apprunner:" + config.region() + ":" + config.accountId()
                + ":service/";
    }

    @GET
    public TemplateInstance list() {
        // the registry's read model carries each service's source; its latest operation is one read per service,
        // side by side (registry reads, not API calls: no audit record each)
        List<ServiceRecord> services = new ArrayList<>();
        try {
            Integer offset = 0;
            while (offset != null && services.size() < 1000) {
                Page<ServiceRecord> page = registry.services(offset, 100);
                services.addAll(page.items());
                offset = page.nextOffset();
            }
        } catch (ApiError e) {
            return Pages.services(Views.Chrome.of(who, "services"), List.of(), e.getMessage());
        }
        List<CompletableFuture<OperationRecord>> latest = new ArrayList<>();
        for (ServiceRecord s : services) {
            latest.add(api.async(() -> latestOperation(s.serviceArn())));
        }
        List<Views.ServiceRow> rows = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            rows.add(Views.row(services.get(i), ConsoleApi.join(latest.get(i))));
        }
        return Pages.services(Views.Chrome.of(who, "services"), rows, null);
    }

    private OperationRecord latestOperation(String serviceArn) {
        try {
            return registry.operations(serviceArn, 0, 1).flatMap(p -> p.items().stream().findFirst()).orElse(null);
        } catch (ApiError e) {
            return null;
        }
    }

    @GET
    @Path("/new")
    public TemplateInstance newService() {
        return Pages.newService(Views.Chrome.of(who, "services"), ServiceForms.CreateForm.defaults(), Views.Errors.none(),
                ServiceForms.CPUS, ServiceForms.MEMORIES, ServiceForms.HEALTH_PROTOCOLS);
    }

    @POST
    @Path("/new")
    public Response create(@FormParam("name") String name, @FormParam("image") String image,
            @FormParam("port") String port, @FormParam("cpu") String cpu, @FormParam("memory") String memory,
            @FormParam("env") String env, @FormParam("healthProtocol") String healthProtocol,
            @FormParam("healthPath") String healthPath) {
        var form = new ServiceForms.CreateForm(name, image, port, cpu, memory, env, healthProtocol, healthPath);
        ConsoleApi.Answer answer = api.call(who, "AppRunner.CreateService", ServiceForms.createService(form));
        if (answer.ok()) {
            JsonNode s = answer.body().path("Service");
            return redirect("/console/services/" + s.path("ServiceName").asText() + "/" + s.path("ServiceId").asText());
        }
        var errors = new Views.Errors(FieldErrors.place(answer.message(), ServiceForms.CREATE_FIELDS));
        return Response.status(UNPROCESSABLE).entity(Pages.createForm(form, errors, ServiceForms.CPUS,
                ServiceForms.MEMORIES, ServiceForms.HEALTH_PROTOCOLS)).type(MediaType.TEXT_HTML).build();
    }

    @GET
    @Path("/{name}/{id}")
    public TemplateInstance page(@PathParam("name") String name, @PathParam("id") String id) {
        // the page's calls do not depend on each other: side by side, each on a worker (no request scope there)
        ConsoleApi.As as = ConsoleApi.as(who);
        Views.ServiceView named = Views.ServiceView.named(name, id, arn(name, id));
        var describing = api.async(() -> describe(as, name, id));
        var listing = api.async(() -> operations(as, named));
        var reading = api.async(() -> filterLogs(as, named, "service", "", List.of("events"), 100, null));
        var choosing = api.async(() -> scalingChoices(as));
        ConsoleApi.Answer described = ConsoleApi.join(describing);
        if (!described.ok()) {
            return Pages.services(Views.Chrome.of(who, "services"), List.of(), described.message());
        }
        Views.ServiceView service = Views.service(described.body().path("Service"));
        List<Views.LogLine> events = new ArrayList<>();
        ConsoleApi.Answer lines = ConsoleApi.join(reading);
        if (lines.ok()) {
            lines.body().path("events").forEach(e -> events.add(0, line(e)));
        }
        return Pages.service(Views.Chrome.of(who, "services"), service, ConsoleApi.join(listing), events,
                Views.Errors.none(), null, ConsoleApi.join(choosing), ServiceForms.CPUS, ServiceForms.MEMORIES,
                ServiceForms.HEALTH_PROTOCOLS);
    }

    @GET
    @Path("/{name}/{id}/operations")
    public TemplateInstance operationsFragment(@PathParam("name") String name, @PathParam("id") String id) {
        ConsoleApi.Answer described = describe(name, id);
        if (!described.ok()) {
            return Pages.notice("error", described.message());
        }
        Views.ServiceView service = Views.service(described.body().path("Service"));
        return Pages.operations(service, operations(ConsoleApi.as(who), service));
    }

    @GET
    @Path("/{name}/{id}/logs")
    public TemplateInstance logs(@PathParam("name") String name, @PathParam("id") String id,
            @QueryParam("group") String group, @QueryParam("filter") String filter) {
        String kind = "service".equals(group) ? "service" : "application";
        Views.ServiceView service = Views.ServiceView.named(name, id, arn(name, id));
        // the newest 200 lines: FilterLogEvents reads oldest first, so follow its pages (a few at most)
        java.util.ArrayDeque<Views.LogLine> lines = new java.util.ArrayDeque<>();
        String token = null;
        ConsoleApi.Answer answer;
        int pages = 0;
        do {
            answer = filterLogs(ConsoleApi.as(who), service, kind, filter == null ? "" : filter, List.of(), 1000, token);
            if (!answer.ok()) {
                break;
            }
            for (JsonNode e : answer.body().path("events")) {
                lines.addLast(line(e));
                if (lines.size() > 200) {
                    lines.removeFirst();
                }
            }
            token = answer.body().path("nextToken").asText(null);
        } while (token != null && ++pages < 5);
        if (answer.ok()) {
            return Pages.logs(List.copyOf(lines), null, kind, filter == null ? "" : filter);
        }
        String error = answer.errorType().equals("ResourceNotFoundException")
                ? "No " + kind + " log lines yet." : answer.message();
        return Pages.logs(List.of(), error, kind, filter == null ? "" : filter);
    }

    @GET
    @Path("/{name}/{id}/metrics")
    public TemplateInstance metrics(@PathParam("name") String name, @PathParam("id") String id,
            @QueryParam("range") String range) {
        String r = range == null || !List.of("1h", "6h", "24h").contains(range) ? "1h" : range;
        Duration window = Duration.ofHours(Integer.parseInt(r.substring(0, r.length() - 1)));
        Duration period = switch (r) {
            case "6h" -> Duration.ofMinutes(5);
            case "24h" -> Duration.ofMinutes(15);
            default -> Duration.ofMinutes(1);
        };
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Instant start = end.minus(window);
        List<Charts.Chart> charts = new ArrayList<>();
        for (Charts.Spec spec : Charts.SERVICE_CHARTS) {
            MetricQueries.Answer answer = metrics.statistics(new MetricQueries.Query(name, id, spec.metric(),
                    String.valueOf(period.getSeconds()), start.toString(), end.toString()));
            JsonNode body = ConsoleApi.parse(answer.body());
            charts.add(answer.ok() ? Charts.draw(spec, body.path("datapoints"), start, end, period)
                    : Charts.failed(spec, body.path("Message").asText("no figures")));
        }
        return Pages.metrics(charts, r);
    }

    @POST
    @Path("/{name}/{id}/deploy")
    public TemplateInstance deploy(@PathParam("name") String name, @PathParam("id") String id) {
        return action("AppRunner.StartDeployment", name, id, "Deployment started");
    }

    @POST
    @Path("/{name}/{id}/pause")
    public TemplateInstance pause(@PathParam("name") String name, @PathParam("id") String id) {
        return action("AppRunner.PauseService", name, id, "Pausing");
    }

    @POST
    @Path("/{name}/{id}/resume")
    public TemplateInstance resume(@PathParam("name") String name, @PathParam("id") String id) {
        return action("AppRunner.ResumeService", name, id, "Resuming");
    }

    @POST
    @Path("/{name}/{id}/environment")
    public Response environment(@PathParam("name") String name, @PathParam("id") String id,
            @FormParam("env") String env) {
        ConsoleApi.Answer described = describe(name, id);
        if (!described.ok()) {
            return html(UNPROCESSABLE, Pages.notice("error", described.message()));
        }
        JsonNode s = described.body().path("Service");
        Views.ServiceView service = Views.service(s);
        ConsoleApi.Answer answer = api.call(who, "AppRunner.UpdateService",
                ServiceForms.updateEnvironment(service.arn(), s, env));
        if (answer.ok()) {
            return html(200, Pages.envForm(service, env, Views.Errors.none(), "Update started (operation "
                    + answer.body().path("OperationId").asText() + "): the new revision serves once it is healthy."));
        }
        var errors = new Views.Errors(FieldErrors.place(answer.message(), ServiceForms.ENV_FIELDS));
        return html(UNPROCESSABLE, Pages.envForm(service, env, errors, null));
    }

    @POST
    @Path("/{name}/{id}/configuration")
    public Response configuration(@PathParam("name") String name, @PathParam("id") String id,
            @FormParam("cpu") String cpu, @FormParam("memory") String memory, @FormParam("autoScaling") String autoScaling,
            @FormParam("healthProtocol") String healthProtocol, @FormParam("healthPath") String healthPath) {
        ConsoleApi.Answer described = describe(name, id);
        if (!described.ok()) {
            return html(UNPROCESSABLE, Pages.notice("error", described.message()));
        }
        JsonNode s = described.body().path("Service");
        Views.ServiceView service = Views.service(s);
        Views.Sizing asked = new Views.Sizing(cpu, memory, autoScaling, healthProtocol, healthPath);
        ConsoleApi.Answer answer = api.call(who, "AppRunner.UpdateService", ServiceForms.updateConfiguration(
                service.arn(), s, cpu, memory, autoScaling, healthProtocol, healthPath));
        if (answer.ok()) {
            return html(200, Pages.configForm(service, asked, scalingChoices(ConsoleApi.as(who)), ServiceForms.CPUS, ServiceForms.MEMORIES,
                    ServiceForms.HEALTH_PROTOCOLS, Views.Errors.none(), "Update started (operation "
                            + answer.body().path("OperationId").asText() + "): the new revision serves once it is healthy."));
        }
        var errors = new Views.Errors(FieldErrors.place(answer.message(), ServiceForms.CONFIG_FIELDS));
        return html(UNPROCESSABLE, Pages.configForm(service, asked, scalingChoices(ConsoleApi.as(who)), ServiceForms.CPUS,
                ServiceForms.MEMORIES, ServiceForms.HEALTH_PROTOCOLS, errors, null));
    }

    @GET
    @Path("/{name}/{id}/domains")
    public TemplateInstance domains(@PathParam("name") String name, @PathParam("id") String id) {
        Views.ServiceView service = Views.ServiceView.named(name, id, arn(name, id));
        ConsoleApi.Answer answer = api.call(who, "AppRunner.DescribeCustomDomains",
                ConsoleApi.input().put("ServiceArn", service.arn()));
        if (!answer.ok()) {
            return Pages.notice("error", answer.message());
        }
        return Pages.domains(service, answer.body().path("DNSTarget").asText(), Views.domains(answer.body()), "",
                Views.Errors.none(), null);
    }

    @POST
    @Path("/{name}/{id}/domains")
    public Response linkDomain(@PathParam("name") String name, @PathParam("id") String id,
            @FormParam("domain") String domain) {
        Views.ServiceView service = Views.ServiceView.named(name, id, arn(name, id));
        ConsoleApi.Answer answer = api.call(who, "AppRunner.AssociateCustomDomain", ConsoleApi.input()
                .put("ServiceArn", service.arn()).put("DomainName", domain == null ? "" : domain.strip())
                .put("EnableWWWSubdomain", false));
        ConsoleApi.Answer now = api.call(who, "AppRunner.DescribeCustomDomains",
                ConsoleApi.input().put("ServiceArn", service.arn()));
        String target = now.body().path("DNSTarget").asText();
        if (answer.ok()) {
            return html(200, Pages.domains(service, target, Views.domains(now.body()), "", Views.Errors.none(),
                    "Linked " + domain.strip() + ": add the records below at your DNS provider."));
        }
        var errors = new Views.Errors(FieldErrors.place(answer.message(), Map.of("domainName", "domain")));
        return html(UNPROCESSABLE, Pages.domains(service, target, Views.domains(now.body()), domain, errors, null));
    }

    @POST
    @Path("/{name}/{id}/delete")
    public Response delete(@PathParam("name") String name, @PathParam("id") String id,
            @FormParam("confirm") String confirm) {
        Views.ServiceView service = Views.ServiceView.named(name, id, arn(name, id));
        if (!"delete".equals(confirm == null ? null : confirm.strip())) {
            return html(UNPROCESSABLE, Pages.deleteForm(service, new Views.Errors(Map.of("confirm",
                    "Type delete to confirm that " + name + " and its URL go away."))));
        }
        ConsoleApi.Answer answer = api.call(who, "AppRunner.DeleteService", ConsoleApi.input().put("ServiceArn", arn(name, id)));
        if (answer.ok()) {
            return redirect("/console/services");
        }
        return html(UNPROCESSABLE, Pages.deleteForm(service, new Views.Errors(Map.of(FieldErrors.FORM, answer.message()))));
    }

    private TemplateInstance action(String target, String name, String id, String done) {
        ConsoleApi.Answer answer = api.call(who, target, ConsoleApi.input().put("ServiceArn", arn(name, id)));
        return answer.ok()
                ? Pages.notice("ok", done + " (operation " + answer.body().path("OperationId").asText() + ").")
                : Pages.notice("error", answer.message());
    }

    /** The account's auto scaling configurations (latest revisions) to choose from. */
    private List<Views.Choice> scalingChoices(ConsoleApi.As as) {
        List<Views.Choice> choices = new ArrayList<>();
        ConsoleApi.Answer answer = api.call(as, "AppRunner.ListAutoScalingConfigurations",
                ConsoleApi.input().put("LatestOnly", true).put("MaxResults", 100));
        for (JsonNode c : answer.body().path("AutoScalingConfigurationSummaryList")) {
            choices.add(new Views.Choice(c.path("AutoScalingConfigurationArn").asText(),
                    c.path("AutoScalingConfigurationName").asText() + " (revision "
                            + c.path("AutoScalingConfigurationRevision").asText() + ")"));
        }
        return choices;
    }

    private ConsoleApi.Answer describe(String name, String id) {
        return describe(ConsoleApi.as(who), name, id);
    }

    private ConsoleApi.Answer describe(ConsoleApi.As as, String name, String id) {
        return api.call(as, "AppRunner.DescribeService", ConsoleApi.input().put("ServiceArn", arn(name, id)));
    }

    private List<Views.OperationRow> operations(ConsoleApi.As as, Views.ServiceView service) {
        List<Views.OperationRow> rows = new ArrayList<>();
        ConsoleApi.Answer ops = api.call(as, "AppRunner.ListOperations",
                ConsoleApi.input().put("ServiceArn", service.arn()).put("MaxResults", 20));
        if (ops.ok()) {
            ops.body().path("OperationSummaryList").forEach(o -> rows.add(Views.operation(o)));
        }
        return rows;
    }

    private ConsoleApi.Answer filterLogs(ConsoleApi.As as, Views.ServiceView service, String kind, String filter, List<String> streams,
            int limit, String nextToken) {
        ObjectNode in = ConsoleApi.input()
                .put("logGroupName", "/aws/apprunner/" + service.name() + "/" + service.id() + "/" + kind)
                .put("startTime", Instant.now().minus(Duration.ofHours(24)).toEpochMilli())
                .put("limit", limit);
        if (!filter.isBlank()) {
            in.put("filterPattern", filter);
        }
        if (nextToken != null) {
            in.put("nextToken", nextToken);
        }
        if (!streams.isEmpty()) {
            var names = in.putArray("logStreamNames");
            streams.forEach(names::add);
        }
        return api.call(as, "Logs_20140328.FilterLogEvents", in);
    }

    private static Views.LogLine line(JsonNode e) {
        return new Views.LogLine(Views.millis(e.path("timestamp").asLong()), e.path("logStreamName").asText(""),
                e.path("message").asText());
    }

    private String arn(String name, String id) {
        return arnPrefix + name + "/" + id;
    }

    /** After an htmx form: htmx loads the page HX-Redirect names (a 303 would be followed inside the XHR). */
    static Response redirect(String location) {
        return Response.ok("", MediaType.TEXT_HTML).header("HX-Redirect", location).build();
    }

    static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML).entity(page).build();
    }
}
