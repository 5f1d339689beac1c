package dev.runway.registry.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.wire.Json;
import dev.runway.registry.parameter.Parameters;
import dev.runway.registry.service.Rejection;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one-time upgrade of issue 20: RuntimeEnvironmentSecrets values stored before references were
 * resolved (anything but an ARN, in events up to the position V91 recorded) are secrets in the
 * clear. Each moves into an SSM SecureString parameter {@code /runway/upgraded/<service>/<VAR>-<hash>},
 * and its name takes the value's place in the stored events, the outbox and the service projection,
 * so the next deployment resolves the same value and nothing in the clear remains. Rewriting stored
 * events is the exception to an append-only log, made only here, because a secret cannot stay.
 */
@ApplicationScoped
public class PlaintextSecretsUpgrade {

    private final EntityManager em;
    private final Parameters parameters;

    public PlaintextSecretsUpgrade(EntityManager em, Parameters parameters) {
        this.em = em;
        this.parameters = parameters;
    }

    void onStart(@Observes StartupEvent ignored) {
        Object[] mark = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select up_to_position, done from secret_reference_upgrade where id = 1").getSingleResult());
        if ((Boolean) mark[1]) {
            return;
        }
        long upTo = ((Number) mark[0]).longValue();
        int moved = QuarkusTransaction.requiringNew().call(() -> {
            int count = rewrite("select global_position, stream_id, data::text from events where global_position <= ?1"
                    + " and data::text like '%\"secrets\"%'", "update events set data = ?2::jsonb where global_position = ?1",
                    upTo);
            count += rewrite("select id, message_key, envelope::text from outbox where envelope::text like '%\"secrets\"%'",
                    "update outbox set envelope = ?2::jsonb where id = ?1", null);
            count += rewrite("select service_arn, service_arn, configuration::text from service_view"
                    + " where configuration::text like '%\"secrets\"%'",
                    "update service_view set configuration = ?2::jsonb where service_arn = ?1", null);
            em.createNativeQuery("update secret_reference_upgrade set done = true where id = 1").executeUpdate();
            return count;
        });
        if (moved > 0) {
            Log.warnf("moved %d secret value(s) stored in the clear into SSM SecureString parameters under"
                    + " /runway/upgraded/ (RuntimeEnvironmentSecrets now hold their names)", moved);
        }
    }

    /** Rewrites each row the query finds whose JSON holds plaintext secrets; answers how many values moved. */
    @SuppressWarnings("unchecked")
    private int rewrite(String select, String update, Long upTo) throws IOException, Rejection {
        var query = em.createNativeQuery(select);
        if (upTo != null) {
            query.setParameter(1, upTo);
        }
        int moved = 0;
        for (Object[] row : (List<Object[]>) query.getResultList()) {
            JsonNode json = Json.MAPPER.readTree((String) row[2]);
            String streamId = (String) row[1];
            int here = replacePlaintext(json, (variable, value) -> park(streamId, variable, value));
            if (here > 0) {
                em.createNativeQuery(update).setParameter(1, row[0]).setParameter(2, json.toString()).executeUpdate();
                moved += here;
            }
        }
        return moved;
    }

    /** Where a plaintext value goes: answers the reference that takes its place. */
    @FunctionalInterface
    interface Parking {
        String park(String variable, String value) throws Rejection;
    }

    /**
     * Replaces, in every {@code "secrets"} map under {@code node}, each value that is not an ARN by
     * the reference {@code parking} answers; answers how many it replaced.
     */
    static int replacePlaintext(JsonNode node, Parking parking) throws Rejection {
        int moved = 0;
        if (node.isObject() && node.get("secrets") instanceof ObjectNode map) {
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual() && !e.getValue().asText().startsWith("arn:")) {
                    e.setValue(Json.MAPPER.getNodeFactory().textNode(parking.park(e.getKey(), e.getValue().asText())));
                    moved++;
                }
            }
        }
        for (JsonNode child : node) {
            moved += replacePlaintext(child, parking);
        }
        return moved;
    }

    /** Puts {@code value} in a SecureString parameter named after the service, variable and value; answers its name. */
    private String park(String streamId, String variable, String value) throws Rejection {
        String[] arn = streamId.split("/");
        String service = arn.length >= 2 ? arn[arn.length - 2] : "service";
        String name = "/runway/upgraded/" + safe(service) + "/" + safe(variable) + "-" + hash(streamId + "\n" + variable
                + "\n" + value);
        ObjectNode put = Json.MAPPER.createObjectNode().put("Name", name).put("Type", "SecureString")
                .put("Value", value).put("Overwrite", true)
                .put("Description", "Moved here from RuntimeEnvironmentSecrets of " + streamId + " by the upgrade");
        if (parameters.value(name).filter(value::equals).isEmpty()) {
            parameters.call("PutParameter", put, "runway-upgrade");
        }
        return name;
    }

    private static String safe(String text) {
        String s = text.replaceAll("[^a-zA-Z0-9_.-]", "_");
        return s.isEmpty() ? "_" : s.length() > 200 ? s.substring(0, 200) : s;
    }

    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
