package dev.runway.registry.parameter;

import static dev.runway.registry.secrets.SecretsApi.seconds;
import static dev.runway.registry.secrets.SecretsApi.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.model.Tag;
import dev.runway.events.secret.ParameterEvent;
import dev.runway.events.wire.Json;
import dev.runway.registry.config.RegistryConfig;
import dev.runway.registry.secrets.ListPages;
import dev.runway.registry.secrets.ValueSeal;
import dev.runway.registry.service.Rejection;
import dev.runway.registry.store.StreamWriter;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * SSM Parameter Store's operations over the parameter streams and their projection. Requests come
 * from the api-gateway already checked against SSM's model; answers are SSM's output shapes.
 */
@ApplicationScoped
public class Parameters {

    /** A parameter's newest version as read: its row, its version row and its tags. */
    record Current(ParameterRow row, ParameterVersionRow version) {
    }

    private final StreamWriter writer;
    private final ValueSeal seal;
    private final String arnPrefix;

    public Parameters(StreamWriter writer, ValueSeal seal, RegistryConfig config) {
        this.writer = writer;
        this.seal = seal;
        this.arnPrefix = "arn:" + config.partition() + ":ssm:" + config.region() + ":" + config.accountId() + ":parameter";
    }

    /** Answers one SSM operation; a {@link Rejection} carries SSM's error type. */
    public JsonNode call(String operation, JsonNode in, String user) throws Rejection {
        return switch (operation) {
            case "PutParameter" -> put(in, user);
            case "GetParameter" -> get(in);
            case "GetParameters" -> getMany(in);
            case "GetParametersByPath" -> byPath(in);
            case "DescribeParameters" -> describe(in);
            case "GetParameterHistory" -> history(in);
            case "DeleteParameter" -> delete(in);
            case "DeleteParameters" -> deleteMany(in);
            default -> throw new Rejection("ValidationException", "Runway's SSM does not serve " + ListPages.shown(operation) + ".");
        };
    }

    /** The value of a parameter named by name or ARN, decrypted: for deploy-time resolution. */
    public Optional<String> value(String nameOrArn) {
        return current(nameOrArn).map(c -> open(c.version()));
    }

    String arnOf(String name) {
        return arnPrefix + (name.startsWith("/") ? name : "/" + name);
    }

    private JsonNode put(JsonNode in, String user) throws Rejection {
        if (in.path("Policies").isTextual() && !in.path("Policies").asText().isBlank()) {
            throw new Rejection("ValidationException", "Parameter policies are not supported by Runway: leave Policies"
                    + " out.");
        }
        String name = in.path("Name").asText();
        ParameterDecider.checkName(name);
        String arn = arnOf(name);
        String value = in.path("Value").asText();
        List<Tag> tags = new ArrayList<>();
        in.path("Tags").forEach(t -> tags.add(new Tag(t.path("Key").asText(), t.path("Value").asText())));
        var put = new ParameterDecider.Put(arn, name, text(in, "Type"), value, text(in, "Description"),
                text(in, "AllowedPattern"), text(in, "DataType"), text(in, "KeyId"), text(in, "Tier"),
                in.path("Overwrite").asBoolean(false), tags, user);
        var recorded = writer.write(arn, ParameterEvent.class, ParameterDecider.FOLD, state -> List.of(
                ParameterDecider.put(state, put, Instant.now(), v -> seal.seal(arn, Long.toString(v), value))));
        var event = (dev.runway.events.secret.ParameterPut) recorded.get(0).envelope().payload();
        Log.infof("parameter %s version %d put (%s)", name, event.version(), event.type());
        return Json.MAPPER.createObjectNode().put("Version", event.version()).put("Tier", "Standard");
    }

    private JsonNode get(JsonNode in) throws Rejection {
        String name = in.path("Name").asText();
        boolean decrypt = in.path("WithDecryption").asBoolean(false);
        ParameterVersionRow v = selected(name);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ObjectNode p = parameter(v, decrypt);
        int colon = selectorStart(name);
        if (colon >= 0) {
            p.put("Selector", name.substring(colon));
        }
        out.set("Parameter", p);
        return out;
    }

    private JsonNode getMany(JsonNode in) {
        boolean decrypt = in.path("WithDecryption").asBoolean(false);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode found = out.putArray("Parameters");
        ArrayNode invalid = out.putArray("InvalidParameters");
        for (JsonNode n : in.path("Names")) {
            try {
                found.add(parameter(selected(n.asText()), decrypt));
            } catch (Rejection e) {
                invalid.add(n.asText());
            }
        }
        return out;
    }

    private JsonNode byPath(JsonNode in) throws Rejection {
        String path = in.path("Path").asText();
        if (!path.startsWith("/")) {
            throw new Rejection("ValidationException", "The parameter path must begin with a forward slash (/).");
        }
        String prefix = path.endsWith("/") ? path : path + "/";
        boolean recursive = in.path("Recursive").asBoolean(false);
        Predicate<Current> filters = filters(in.path("ParameterFilters"), List.of("Type", "KeyId", "Label"));
        List<Current> matching = all().stream().filter(c -> c.row().name.startsWith(prefix))
                .filter(c -> recursive || !c.row().name.substring(prefix.length()).contains("/"))
                .filter(filters).toList();
        var page = ListPages.page(matching, text(in, "NextToken"), in.path("MaxResults").asInt(10), "InvalidNextToken");
        boolean decrypt = in.path("WithDecryption").asBoolean(false);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("Parameters");
        page.items().forEach(c -> list.add(parameter(c.version(), decrypt)));
        return next(out, page.nextToken());
    }

    private JsonNode describe(JsonNode in) throws Rejection {
        Predicate<Current> filters = filters(in.path("ParameterFilters"),
                List.of("Name", "Type", "KeyId", "Path", "Tier", "DataType", "Label"));
        for (JsonNode f : in.path("Filters")) {
            String key = f.path("Key").asText();
            List<String> values = strings(f.path("Values"));
            Predicate<Current> legacy = switch (key) {
                case "Name" -> c -> values.stream().anyMatch(v -> c.row().name.startsWith(v));
                case "Type" -> c -> values.contains(c.version().type);
                case "KeyId" -> c -> values.contains(c.version().keyId);
                default -> throw new Rejection("InvalidFilterKey", "Filter key " + ListPages.shown(key)
                        + " is not valid: use Name, Type or KeyId.");
            };
            filters = filters.and(legacy);
        }
        List<Current> matching = all().stream().filter(filters).toList();
        var page = ListPages.page(matching, text(in, "NextToken"), in.path("MaxResults").asInt(50), "InvalidNextToken");
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("Parameters");
        for (Current c : page.items()) {
            ObjectNode m = metadata(c.version());
            m.put("ARN", c.row().parameterArn);
            list.add(m);
        }
        return next(out, page.nextToken());
    }

    private JsonNode history(JsonNode in) throws Rejection {
        String name = in.path("Name").asText();
        Current c = current(name).orElseThrow(() -> ParameterDecider.notFound(ListPages.shown(name)));
        List<ParameterVersionRow> versions = ParameterVersionRow.list("name", Sort.by("version"), c.row().name);
        var page = ListPages.page(versions, text(in, "NextToken"), in.path("MaxResults").asInt(50), "InvalidNextToken");
        boolean decrypt = in.path("WithDecryption").asBoolean(false);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("Parameters");
        for (ParameterVersionRow v : page.items()) {
            ObjectNode h = metadata(v);
            h.put("Value", value(v, decrypt));
            h.putArray("Labels");
            list.add(h);
        }
        return next(out, page.nextToken());
    }

    private JsonNode delete(JsonNode in) throws Rejection {
        String name = in.path("Name").asText();
        Current c = current(name).orElseThrow(() -> ParameterDecider.notFound(ListPages.shown(name)));
        String arn = c.row().parameterArn;
        String stored = c.row().name;
        writer.write(arn, ParameterEvent.class, ParameterDecider.FOLD,
                state -> List.of(ParameterDecider.delete(state, arn, stored, Instant.now())));
        Log.infof("parameter %s deleted", stored);
        return Json.MAPPER.createObjectNode();
    }

    private JsonNode deleteMany(JsonNode in) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode deleted = out.putArray("DeletedParameters");
        ArrayNode invalid = out.putArray("InvalidParameters");
        for (JsonNode n : in.path("Names")) {
            try {
                delete(Json.MAPPER.createObjectNode().put("Name", n.asText()));
                deleted.add(n.asText());
            } catch (Rejection e) {
                invalid.add(n.asText());
            }
        }
        return out;
    }

    /** The parameter a name, ARN, {@code name:version} or {@code name:label} selects. */
    private ParameterVersionRow selected(String reference) throws Rejection {
        int colon = selectorStart(reference);
        String nameOrArn = colon < 0 ? reference : reference.substring(0, colon);
        Current c = current(nameOrArn).orElseThrow(() -> ParameterDecider.notFound(ListPages.shown(reference)));
        if (colon < 0) {
            return c.version();
        }
        String selector = reference.substring(colon + 1);
        if (!selector.matches("[0-9]{1,18}")) {
            throw new Rejection("ParameterVersionLabelNotFound", "Label " + ListPages.shown(selector) + " is not on"
                    + " any version of " + c.row().name + " (Runway's parameters have no labels).");
        }
        ParameterVersionRow v = ParameterVersionRow.findById(key(c.row().name, Long.parseLong(selector)));
        if (v == null) {
            throw new Rejection("ParameterVersionNotFound", "Systems Manager could not find version " + selector
                    + " of " + c.row().name + ". Verify the version and try again.");
        }
        return v;
    }

    /** Where a selector ({@code :version}) starts in a name or ARN, or -1. */
    private static int selectorStart(String reference) {
        int from = 0;
        if (reference.startsWith("arn:")) {
            from = nthColon(reference, 5) + 1; // after arn:<partition>:ssm:<region>:<account>:
            if (from <= 0) {
                return -1;
            }
        }
        return reference.indexOf(':', from);
    }

    private static int nthColon(String text, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = text.indexOf(':', at + 1);
            if (at < 0) {
                return -1;
            }
        }
        return at;
    }

    private Optional<Current> current(String nameOrArn) {
        ParameterRow row = nameOrArn.startsWith("arn:")
                ? ParameterRow.<ParameterRow>find("parameterArn", nameOrArn).firstResult()
                : ParameterRow.findById(nameOrArn);
        if (row == null) {
            return Optional.empty();
        }
        return Optional.of(new Current(row, ParameterVersionRow.findById(key(row.name, row.version))));
    }

    private static List<Current> all() {
        Map<String, ParameterRow> rows = new HashMap<>();
        ParameterRow.<ParameterRow>listAll().forEach(r -> rows.put(r.name, r));
        return ParameterVersionRow.<ParameterVersionRow>list(
                "from ParameterVersionRow v where v.version = (select p.version from ParameterRow p where p.name = v.name)")
                .stream().map(v -> new Current(rows.get(v.name), v)).filter(c -> c.row() != null)
                .sorted(Comparator.comparing(c -> c.row().name)).toList();
    }

    /** DescribeParameters' and GetParametersByPath's ParameterFilters, as one predicate. */
    private static Predicate<Current> filters(JsonNode filters, List<String> allowedKeys) throws Rejection {
        Predicate<Current> all = c -> true;
        for (JsonNode f : filters) {
            String key = f.path("Key").asText();
            String option = f.path("Option").asText("Equals");
            List<String> values = strings(f.path("Values"));
            if (!allowedKeys.contains(key) && !(key.startsWith("tag:") && allowedKeys.contains("Name"))) {
                throw new Rejection("InvalidFilterKey", "Filter key " + ListPages.shown(key) + " is not valid here: use "
                        + String.join(", ", allowedKeys) + (allowedKeys.contains("Name") ? " or tag:<key>" : "") + ".");
            }
            all = all.and(filter(key, option, values));
        }
        return all;
    }

    private static Predicate<Current> filter(String key, String option, List<String> values) throws Rejection {
        if (key.equals("Path")) {
            if (!option.equals("Recursive") && !option.equals("OneLevel") && !option.equals("Equals")) {
                throw new Rejection("InvalidFilterOption", "The Path filter takes the option Recursive or OneLevel.");
            }
            boolean recursive = option.equals("Recursive");
            return c -> values.stream().anyMatch(v -> {
                String prefix = v.endsWith("/") ? v : v + "/";
                return c.row().name.startsWith(prefix)
                        && (recursive || !c.row().name.substring(prefix.length()).contains("/"));
            });
        }
        if (key.startsWith("tag:")) {
            String tagKey = key.substring(4);
            return c -> {
                JsonNode tags;
                try {
                    tags = Json.MAPPER.readTree(c.row().tags);
                } catch (java.io.IOException e) {
                    return false;
                }
                for (JsonNode t : tags) {
                    if (t.path("key").asText().equals(tagKey) && (values.isEmpty() || values.contains(t.path("value").asText()))) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (!option.equals("Equals") && !option.equals("BeginsWith") && !(option.equals("Contains") && key.equals("Name"))) {
            throw new Rejection("InvalidFilterOption", "The filter option " + ListPages.shown(option) + " is not valid for "
                    + key + ": use Equals or BeginsWith" + (key.equals("Name") ? " or Contains." : "."));
        }
        return c -> {
            String actual = switch (key) {
                case "Name" -> c.row().name;
                case "Type" -> c.version().type;
                case "KeyId" -> c.version().keyId;
                case "Tier" -> "Standard";
                case "DataType" -> c.version().dataType;
                default -> null; // Label: no version carries one
            };
            return actual != null && values.stream().anyMatch(v -> switch (option) {
                case "BeginsWith" -> actual.startsWith(v);
                case "Contains" -> actual.contains(v);
                default -> actual.equals(v);
            });
        };
    }

    private ObjectNode parameter(ParameterVersionRow v, boolean decrypt) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("Name", v.name).put("Type", v.type).put("Value", value(v, decrypt)).put("Version", v.version);
        p.put("LastModifiedDate", seconds(v.lastModifiedAt)).put("ARN", v.parameterArn).put("DataType", v.dataType);
        return p;
    }

    private static ObjectNode metadata(ParameterVersionRow v) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("Name", v.name).put("Type", v.type);
        putIf(m, "KeyId", v.keyId);
        m.put("LastModifiedDate", seconds(v.lastModifiedAt));
        putIf(m, "LastModifiedUser", v.lastModifiedUser);
        putIf(m, "Description", v.description);
        putIf(m, "AllowedPattern", v.allowedPattern);
        m.put("Version", v.version).put("Tier", "Standard").put("DataType", v.dataType);
        m.putArray("Policies");
        return m;
    }

    /** A SecureString stays sealed unless the caller asked for decryption, as SSM answers its ciphertext. */
    private String value(ParameterVersionRow v, boolean decrypt) {
        return v.type.equals("SecureString") && !decrypt ? v.valueCiphertext : open(v);
    }

    private String open(ParameterVersionRow v) {
        return seal.open(v.parameterArn, Long.toString(v.version), v.valueCiphertext);
    }

    private static ParameterVersionRow.Key key(String name, long version) {
        var k = new ParameterVersionRow.Key();
        k.name = name;
        k.version = version;
        return k;
    }


    private static JsonNode next(ObjectNode out, String token) {
        if (token != null) {
            out.put("NextToken", token);
        }
        return out;
    }

    private static void putIf(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }


    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
