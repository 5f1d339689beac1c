package dev.runway.gateway.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.command.Command;
import dev.runway.events.command.DeleteEventRule;
import dev.runway.events.command.PutEventRule;
import dev.runway.events.command.PutEventTargets;
import dev.runway.events.command.RemoveEventTargets;
import dev.runway.events.command.SetEventRuleState;
import dev.runway.events.model.EventTarget;
import dev.runway.events.query.EventRuleSnapshot;
import dev.runway.events.reply.CommandRejected;
import dev.runway.events.reply.Reply;
import dev.runway.events.wire.Json;
import dev.runway.events.net.AddressGuard;
import dev.runway.gateway.config.GatewayConfig;
import dev.runway.gateway.messaging.CommandBus;
import dev.runway.gateway.protocol.ApiError;
import dev.runway.gateway.registry.RegistryClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * EventBridge's rule and target operations on the default bus. Writes are commands for the
 * registry (the rule is an aggregate with its own stream); reads come from its projection.
 */
@ApplicationScoped
public class RuleOperations {

    static final Pattern NAME = Pattern.compile("[\\.\\-_A-Za-z0-9]{1,64}");
    static final int MAX_TARGETS_PER_CALL = 10;

    private final GatewayConfig config;
    private final CommandBus bus;
    private final RegistryClient registry;

    private final AddressGuard guard;

    public RuleOperations(GatewayConfig config, CommandBus bus, RegistryClient registry) {
        this.config = config;
        this.guard = EventTargets.guard(config.events());
        this.bus = bus;
        this.registry = registry;
    }

    public String ruleArn(String name) {
        return "arn:" + config.partition() + ":events:" + config.region() + ":" + config.accountId() + ":rule/" + name;
    }

    JsonNode putRule(JsonNode input) {
        String name = name(input);
        defaultBus(input);
        if (input.hasNonNull("ScheduleExpression")) {
            throw validation("ScheduleExpression is not supported by Runway: rules match events with an EventPattern.");
        }
        String pattern = text(input, "EventPattern");
        if (pattern == null) {
            throw validation("Parameter EventPattern is required: Runway's rules match events by pattern.");
        }
        EventPatterns.check(pattern);
        String state = input.path("State").asText("ENABLED");
        if (!state.equals("ENABLED") && !state.equals("DISABLED")) {
            throw validation("1 validation error detected: Value '" + state
                    + "' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]");
        }
        String description = text(input, "Description");
        if (description != null && description.length() > 512) {
            throw validation("Description is longer than 512 characters.");
        }
        String arn = ruleArn(name);
        submit(new PutEventRule(arn, name, pattern, state, description), "PutRule");
        return Json.MAPPER.createObjectNode().put("RuleArn", arn);
    }

    JsonNode describeRule(JsonNode input) {
        EventRuleSnapshot.Rule rule = existing(input, "Name");
        return ruleShape(rule);
    }

    JsonNode listRules(JsonNode input) {
        defaultBus(input);
        String prefix = input.path("NamePrefix").asText("");
        int limit = input.path("Limit").asInt(100);
        if (limit < 1 || limit > 100) {
            throw validation("Limit must be between 1 and 100.");
        }
        int offset = offset(input.path("NextToken").asText(null));
        List<EventRuleSnapshot.Rule> rules = registry.eventRules().rules().stream()
                .filter(r -> r.name().startsWith(prefix)).toList();
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("Rules");
        rules.stream().skip(offset).limit(limit).forEach(r -> list.add(ruleShape(r)));
        if (offset + limit < rules.size()) {
            out.put("NextToken", token(offset + limit));
        }
        return out;
    }

    JsonNode enableRule(JsonNode input) {
        return setState(input, "ENABLED", "EnableRule");
    }

    JsonNode disableRule(JsonNode input) {
        return setState(input, "DISABLED", "DisableRule");
    }

    JsonNode deleteRule(JsonNode input) {
        String name = name(input);
        defaultBus(input);
        submit(new DeleteEventRule(ruleArn(name)), "DeleteRule");
        return Json.MAPPER.createObjectNode();
    }

    JsonNode putTargets(JsonNode input) {
        String name = required(input, "Rule");
        checkName(name, "rule");
        defaultBus(input);
        JsonNode targets = input.path("Targets");
        if (!targets.isArray() || targets.isEmpty() || targets.size() > MAX_TARGETS_PER_CALL) {
            throw validation("Targets must list 1 to " + MAX_TARGETS_PER_CALL + " targets.");
        }
        List<EventTarget> parsed = new ArrayList<>();
        for (JsonNode t : targets) {
            EventTarget target = target(t);
            guard.refusalAsWritten(target.url()).ifPresent(why -> {
                throw ApiError.withStatus("InvalidParameterException", 400,
                        "Target " + target.id() + ": " + target.url() + " is refused: " + why + ".");
            });
            parsed.add(target);
        }
        submit(new PutEventTargets(ruleArn(name), parsed), "PutTargets");
        return Json.MAPPER.createObjectNode().put("FailedEntryCount", 0).set("FailedEntries", Json.MAPPER.createArrayNode());
    }

    JsonNode removeTargets(JsonNode input) {
        String name = required(input, "Rule");
        checkName(name, "rule");
        defaultBus(input);
        JsonNode ids = input.path("Ids");
        if (!ids.isArray() || ids.isEmpty() || ids.size() > 100) {
            throw validation("Ids must list 1 to 100 target ids.");
        }
        List<String> list = new ArrayList<>();
        ids.forEach(id -> list.add(id.asText()));
        submit(new RemoveEventTargets(ruleArn(name), list), "RemoveTargets");
        return Json.MAPPER.createObjectNode().put("FailedEntryCount", 0).set("FailedEntries", Json.MAPPER.createArrayNode());
    }

    JsonNode listTargetsByRule(JsonNode input) {
        EventRuleSnapshot.Rule rule = existing(input, "Rule");
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("Targets");
        rule.targets().forEach(t -> list.add(targetShape(t)));
        return out;
    }

    JsonNode testEventPattern(JsonNode input) {
        String pattern = required(input, "EventPattern");
        String event = required(input, "Event");
        EventPatterns.check(pattern);
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(event);
        } catch (java.io.IOException e) {
            throw validation("Parameter Event is not valid: it is not JSON.");
        }
        if (tree == null || !tree.isObject()) {
            throw validation("Parameter Event is not valid: it must be a JSON object.");
        }
        for (String field : List.of("id", "account", "source", "time", "region", "detail-type")) {
            if (!tree.hasNonNull(field)) {
                throw validation("Parameter Event is not valid: the event has no '" + field
                        + "' (an event carries id, account, source, time, region, detail-type and detail).");
            }
        }
        return Json.MAPPER.createObjectNode().put("Result", EventPatterns.matches(event, pattern));
    }

    // ---------------------------------------------------------------- helpers

    private JsonNode setState(JsonNode input, String state, String operation) {
        String name = name(input);
        defaultBus(input);
        submit(new SetEventRuleState(ruleArn(name), state), operation);
        return Json.MAPPER.createObjectNode();
    }

    private EventRuleSnapshot.Rule existing(JsonNode input, String member) {
        String name = required(input, member);
        checkName(name, "rule");
        defaultBus(input);
        return registry.eventRules().rules().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiError.withStatus("ResourceNotFoundException", 400,
                        "Rule " + name + " does not exist on EventBus default."));
    }

    private void submit(Command command, String operation) {
        Reply reply = bus.send(command, UUID.randomUUID(), operation);
        if (reply instanceof CommandRejected rejected) {
            throw ApiError.withStatus(rejected.errorType(), 400, rejected.message());
        }
    }

    private ObjectNode ruleShape(EventRuleSnapshot.Rule rule) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("Name", rule.name());
        out.put("Arn", rule.ruleArn());
        out.put("EventPattern", rule.eventPattern());
        out.put("State", rule.state());
        if (rule.description() != null) {
            out.put("Description", rule.description());
        }
        out.put("EventBusName", "default");
        out.put("CreatedBy", config.accountId());
        return out;
    }

    static ObjectNode targetShape(EventTarget t) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("Id", t.id());
        out.put("Arn", t.url());
        if (t.input() != null) {
            out.put("Input", t.input());
        }
        if (t.inputPath() != null) {
            out.put("InputPath", t.inputPath());
        }
        if (t.inputTemplate() != null) {
            ObjectNode transformer = out.putObject("InputTransformer");
            ObjectNode paths = transformer.putObject("InputPathsMap");
            if (t.inputPathsMap() != null) {
                t.inputPathsMap().forEach(paths::put);
            }
            transformer.put("InputTemplate", t.inputTemplate());
        }
        if (!t.headers().isEmpty()) {
            ObjectNode headers = out.putObject("HttpParameters").putObject("HeaderParameters");
            t.headers().forEach(headers::put);
        }
        out.putObject("RetryPolicy").put("MaximumRetryAttempts", t.maximumRetryAttempts())
                .put("MaximumEventAgeInSeconds", t.maximumEventAgeInSeconds());
        if (t.deadLetterArn() != null) {
            out.putObject("DeadLetterConfig").put("Arn", t.deadLetterArn());
        }
        return out;
    }

    /** One EventBridge Target: Runway's targets are HTTP(S) endpoints, named by Arn. */
    static EventTarget target(JsonNode t) {
        String id = t.path("Id").asText(null);
        if (id == null || !NAME.matcher(id).matches()) {
            throw validation("Target Id '" + id + "' is not valid: 1 to 64 of letters, digits, '.', '-', '_'.");
        }
        String url = t.path("Arn").asText(null);
        if (!isHttpUrl(url)) {
            throw validation("Target " + id + ": Arn '" + url + "' is not an HTTP(S) URL. Runway delivers to webhooks:"
                    + " give the endpoint as the Arn, e.g. Arn=https://hooks.example/apprunner.");
        }
        int shapes = (t.hasNonNull("Input") ? 1 : 0) + (t.hasNonNull("InputPath") ? 1 : 0)
                + (t.hasNonNull("InputTransformer") ? 1 : 0);
        if (shapes > 1) {
            throw validation("Target " + id + ": use only one of Input, InputPath and InputTransformer.");
        }
        String input = t.path("Input").asText(null);
        if (input != null) {
            try {
                Json.MAPPER.readTree(input);
            } catch (java.io.IOException e) {
                throw validation("Target " + id + ": Input is not valid JSON.");
            }
        }
        String inputPath = t.path("InputPath").asText(null);
        if (inputPath != null) {
            InputShaping.checkPath(inputPath, "Target " + id + ": InputPath");
        }
        Map<String, String> pathsMap = null;
        String template = null;
        JsonNode transformer = t.path("InputTransformer");
        if (transformer.isObject()) {
            template = transformer.path("InputTemplate").asText(null);
            if (template == null) {
                throw validation("Target " + id + ": InputTransformer needs an InputTemplate.");
            }
            pathsMap = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = transformer.path("InputPathsMap").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                InputShaping.checkPath(e.getValue().asText(), "Target " + id + ": InputPathsMap." + e.getKey());
                pathsMap.put(e.getKey(), e.getValue().asText());
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = t.path("HttpParameters").path("HeaderParameters").fields();
                it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            headers.put(e.getKey(), e.getValue().asText());
        }
        JsonNode retry = t.path("RetryPolicy");
        int attempts = retry.path("MaximumRetryAttempts").asInt(EventTarget.DEFAULT_RETRY_ATTEMPTS);
        int age = retry.path("MaximumEventAgeInSeconds").asInt(EventTarget.DEFAULT_EVENT_AGE_SECONDS);
        if (attempts < 0 || attempts > 185) {
            throw validation("Target " + id + ": RetryPolicy.MaximumRetryAttempts must be between 0 and 185.");
        }
        if (age < 60 || age > 86_400) {
            throw validation("Target " + id + ": RetryPolicy.MaximumEventAgeInSeconds must be between 60 and 86400.");
        }
        String deadLetter = t.path("DeadLetterConfig").path("Arn").asText(null);
        return new EventTarget(id, url, headers, input, inputPath, pathsMap, template, attempts, age, deadLetter);
    }

    static boolean isHttpUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private void defaultBus(JsonNode input) {
        String bus = input.path("EventBusName").asText("default");
        if (!bus.equals("default") && !bus.equals("arn:" + config.partition() + ":events:" + config.region() + ":"
                + config.accountId() + ":event-bus/default")) {
            throw ApiError.withStatus("ResourceNotFoundException", 400, "Event bus " + bus
                    + " does not exist. Runway has only the default event bus.");
        }
    }

    private static String name(JsonNode input) {
        String name = required(input, "Name");
        checkName(name, "name");
        return name;
    }

    private static void checkName(String name, String member) {
        if (!NAME.matcher(name).matches()) {
            throw validation("1 validation error detected: Value '" + name + "' at '" + member
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+"
                    + " (and have length at most 64)");
        }
    }

    private static String required(JsonNode input, String member) {
        String value = text(input, member);
        if (value == null || value.isEmpty()) {
            throw validation("Parameter " + member + " is required.");
        }
        return value;
    }

    private static String text(JsonNode input, String member) {
        JsonNode node = input.get(member);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static int offset(String token) {
        if (token == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("rules:")) {
                return Integer.parseInt(decoded.substring("rules:".length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw validation("NextToken is not valid: pass the NextToken of a previous ListRules answer.");
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("rules:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    static ApiError validation(String message) {
        return ApiError.withStatus("ValidationException", 400, message);
    }
}
