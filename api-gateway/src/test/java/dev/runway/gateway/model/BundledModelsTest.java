package dev.runway.gateway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The trimmed SSM and Secrets Manager models keep what the gateway serves and every shape it reaches. */
class BundledModelsTest {

    static final Set<String> SSM = Set.of("PutParameter", "GetParameter", "GetParameters", "GetParametersByPath",
            "DescribeParameters", "GetParameterHistory", "DeleteParameter", "DeleteParameters");
    static final Set<String> SECRETS_MANAGER = Set.of("CreateSecret", "GetSecretValue", "PutSecretValue",
            "UpdateSecret", "DescribeSecret", "ListSecrets", "DeleteSecret", "RestoreSecret", "TagResource",
            "UntagResource");

    @Test
    void shouldKeepEveryServedOperationAndNothingElse() {
        assertEquals(SSM, Set.copyOf(new ApiModel("/ssm/service-2.json").operationNames()));
        assertEquals(SECRETS_MANAGER, Set.copyOf(new ApiModel("/secretsmanager/service-2.json").operationNames()));
    }

    @Test
    void shouldKeepEveryShapeTheOperationsReachAndTheMetadata() {
        for (String resource : List.of("/ssm/service-2.json", "/secretsmanager/service-2.json", "/apprunner/service-2.json")) {
            JsonNode model = ApiModel.load(resource);
            assertEquals("json", model.path("metadata").path("protocol").asText(), resource);
            List<String> missing = new ArrayList<>();
            model.path("operations").forEach(op -> references(op).forEach(name -> {
                if (!model.path("shapes").has(name)) {
                    missing.add(op.path("name").asText() + " -> " + name);
                }
            }));
            model.path("shapes").forEach(shape -> references(shape).forEach(name -> {
                if (!model.path("shapes").has(name)) {
                    missing.add(name);
                }
            }));
            assertEquals(List.of(), missing, resource);
        }
        assertFalse(ApiModel.load("/ssm/service-2.json").toString().contains("\"documentation\":\""));
        assertTrue(ApiModel.load("/ssm/service-2.json").path("shapes").path("PSParameterValue").path("sensitive")
                .asBoolean());
    }

    /** The shape names an operation or a shape refers to. */
    private static List<String> references(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (String key : List.of("input", "output", "member", "key", "value")) {
            if (node.has(key)) {
                names.add(node.path(key).path("shape").asText());
            }
        }
        node.path("members").forEach(member -> names.add(member.path("shape").asText()));
        node.path("errors").forEach(error -> names.add(error.path("shape").asText()));
        return names;
    }
}
