package dev.runway.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.command.Command;
import dev.runway.events.command.CreateService;
import dev.runway.events.command.DeleteService;
import dev.runway.events.command.PauseService;
import dev.runway.events.command.ResumeService;
import dev.runway.events.command.StartDeployment;
import dev.runway.events.command.UpdateService;
import dev.runway.events.model.ServiceConfiguration;
import dev.runway.events.query.ServiceRecord;
import dev.runway.events.reply.CommandRejected;
import dev.runway.events.reply.Reply;
import dev.runway.events.wire.Json;
import dev.runway.gateway.config.GatewayConfig;
import dev.runway.gateway.connections.ConnectionOperations;
import dev.runway.gateway.messaging.CommandBus;
import dev.runway.gateway.protocol.ApiError;
import dev.runway.gateway.protocol.Operation;
import dev.runway.gateway.protocol.OperationSet;
import dev.runway.gateway.registry.RegistryClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.UUID;

/**
 * The service operations: writes become commands for the registry (the answer waits for its
 * verdict), reads come from its projections.
 */
@ApplicationScoped
public class ServiceOperations implements OperationSet {

    /** UpdateService's members that replace the service's configuration. */
    static final List<String> UPDATABLE = List.of("SourceConfiguration", "InstanceConfiguration",
            "AutoScalingConfigurationArn", "HealthCheckConfiguration", "NetworkConfiguration",
            "ObservabilityConfiguration");

    private final GatewayConfig config;
    private final CommandBus bus;
    private final RegistryClient registry;
    private final AutoScalingDefaults autoScaling;
    private final ConnectionOperations connections;

    public ServiceOperations(GatewayConfig config, CommandBus bus, RegistryClient registry,
            AutoScalingDefaults autoScaling, ConnectionOperations connections) {
        this.connections = connections;
        this.config = config;
        this.bus = bus;
        this.registry = registry;
        this.autoScaling = autoScaling;
    }

    @Override
    public Map<String, Operation> operations() {
        return Map.of(
                "CreateService", this::create,
                "DescribeService", this::describe,
                "ListServices", this::list,
                "DeleteService", this::delete,
                "ListOperations", this::listOperations,
                "UpdateService", this::update,
                "StartDeployment", this::startDeployment,
                "PauseService", input -> lifecycle(input, "PauseService", PauseService::new),
                "ResumeService", input -> lifecycle(input, "ResumeService", ResumeService::new));
    }

    JsonNode create(JsonNode input) {
        String name = input.path("ServiceName").asText();
        String serviceId = UUID.randomUUID().toString().replace("-", "");
        String arn = "arn:" + config.partition() + ":apprunner:" + config.region() + ":" + config.accountId()
                + ":service/" + name + "/" + serviceId;
        UUID operationId = UUID.randomUUID();
        ServiceConfiguration configuration = ServiceRequests.configuration(input, autoScaling);
        requireUsableConnection(configuration);
        CreateService command = new CreateService(arn, serviceId, name, operationId, configuration,
                ServiceRequests.tags(input));
        submit(command, operationId, "CreateService");
        return withOperation(describeOrFail(arn), operationId);
    }

    JsonNode delete(JsonNode input) {
        String arn = input.path("ServiceArn").asText();
        ServiceRecord existing = existing(arn);
        UUID operationId = UUID.randomUUID();
        submit(new DeleteService(existing.serviceArn(), operationId), operationId, "DeleteService");
        return withOperation(describeOrFail(arn), operationId);
    }

    /**
     * The members given replace the service's (App Runner replaces each configuration structure
     * whole); the result is checked by the same rules as a create. ServiceName and encryption
     * cannot change.
     */
    JsonNode update(JsonNode input) {
        ServiceRecord existing = existing(input.path("ServiceArn").asText());
        ObjectNode merged = ServiceShapes.service(existing, autoScaling);
        merged.put("AutoScalingConfigurationArn", existing.configuration().autoScalingConfigurationArn());
        JsonNode before = merged.path("SourceConfiguration").deepCopy();
        for (String member : UPDATABLE) {
            if (input.hasNonNull(member)) {
                merged.set(member, input.get(member));
            }
        }
        CodeUpdates.keepSourceType(existing, before, merged);
        merged.set("Tags", Json.MAPPER.valueToTree(existing.tags().stream()
                .map(t -> Map.of("Key", t.key(), "Value", t.value() == null ? "" : t.value())).toList()));
        ServiceConfiguration configuration = ServiceRequests.configuration(merged, autoScaling);
        requireUsableConnection(configuration);
        UUID operationId = UUID.randomUUID();
        submit(new UpdateService(existing.serviceArn(), operationId, configuration), operationId, "UpdateService");
        return withOperation(describeOrFail(existing.serviceArn()), operationId);
    }

    JsonNode startDeployment(JsonNode input) {
        ServiceRecord existing = existing(input.path("ServiceArn").asText());
        UUID operationId = UUID.randomUUID();
        submit(new StartDeployment(existing.serviceArn(), operationId), operationId, "StartDeployment");
        return Json.MAPPER.createObjectNode().put("OperationId", operationId.toString());
    }

    /** Pause and resume: a command on the service, answered with the service and the operation. */
    private JsonNode lifecycle(JsonNode input, String name, BiFunction<String, UUID, Command> command) {
        ServiceRecord existing = existing(input.path("ServiceArn").asText());
        UUID operationId = UUID.randomUUID();
        submit(command.apply(existing.serviceArn(), operationId), operationId, name);
        return withOperation(describeOrFail(existing.serviceArn()), operationId);
    }

    JsonNode describe(JsonNode input) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("Service", ServiceShapes.service(existing(input.path("ServiceArn").asText()), autoScaling));
        return out;
    }

    JsonNode list(JsonNode input) {
        int offset = PageTokens.decode("services", input.path("NextToken").asText(null));
        int limit = input.path("MaxResults").asInt(20);
        return PageTokens.output("ServiceSummaryList", "services", registry.services(offset, limit),
                ServiceShapes::summary);
    }

    JsonNode listOperations(JsonNode input) {
        String arn = input.path("ServiceArn").asText();
        int offset = PageTokens.decode("operations", input.path("NextToken").asText(null));
        int limit = input.path("MaxResults").asInt(20);
        return PageTokens.output("OperationSummaryList", "operations",
                registry.operations(arn, offset, limit).orElseThrow(() -> notFound(arn)), ServiceShapes::operation);
    }

    /** A code repository's connection must exist and have its credentials (AVAILABLE). */
    private void requireUsableConnection(ServiceConfiguration configuration) {
        if (!configuration.builtFromCode() || configuration.code().connectionArn() == null) {
            return;
        }
        String arn = configuration.code().connectionArn();
        var connection = connections.find(arn).orElseThrow(() -> ApiError.invalidRequest("No connection " + arn
                + " exists. Create it with create-connection, or leave ConnectionArn out for a public or file:// URL."));
        if (!"AVAILABLE".equals(connection.status())) {
            throw ApiError.invalidRequest("Connection " + connection.connectionName() + " is " + connection.status()
                    + ": complete its handshake first (./runway connections complete " + connection.connectionName()
                    + ").");
        }
    }

    private void submit(Command command, UUID operationId, String operationName) {
        Reply reply = bus.send(command, operationId, operationName);
        if (reply instanceof CommandRejected rejected) {
            throw ApiError.of(rejected.errorType(), rejected.message());
        }
    }

    private ServiceRecord existing(String arn) {
        return registry.service(arn).orElseThrow(() -> notFound(arn));
    }

    /** After an accepted command the projection already holds the service: it was written in the same transaction. */
    private ServiceRecord describeOrFail(String arn) {
        return registry.service(arn).orElseThrow(() -> ApiError.internal("Service " + arn
                + " was accepted but cannot be read back yet; describe-service shortly."));
    }

    private ObjectNode withOperation(ServiceRecord r, UUID operationId) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("Service", ServiceShapes.service(r, autoScaling));
        out.put("OperationId", operationId.toString());
        return out;
    }

    private static ApiError notFound(String arn) {
        return ApiError.notFound("No service exists with ARN " + arn + ". list-services shows the services in"
                + " this account and region.");
    }
}
