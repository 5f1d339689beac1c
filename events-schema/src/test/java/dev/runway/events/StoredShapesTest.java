package dev.runway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.resource.ResourceExamples;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.TypeRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every message type as it was first written, frozen in {@code src/test/resources/stored-shapes/}:
 * the event store and the topics keep old records for good, so each frozen record must still
 * decode into its type after any change to the schema (add an upcaster when a shape changes; never
 * edit a frozen file). A type without a frozen record fails; run once with
 * {@code -Dstored-shapes.record=true} to freeze the current shape of the new types only.
 */
class StoredShapesTest {

    private static final Path FROZEN = Path.of("src/test/resources/stored-shapes");
    private static final UUID ID = UUID.fromString("0d5e1c0a-61f2-4d4e-9a36-3c1f7f0b2d10");

    /** One example of each type, from the round-trip examples. */
    private static Map<String, Message> examples() {
        Map<String, Message> byType = new LinkedHashMap<>();
        List<Message> all = new ArrayList<>(EnvelopeCodecTest.EXAMPLES);
        all.addAll(ResourceExamples.EXAMPLES);
        for (Message m : all) {
            byType.putIfAbsent(TypeRegistry.typeOf(m.getClass()), m);
        }
        return byType;
    }

    @Test
    void shouldHaveAFrozenRecordOfEveryTypeAndStillDecodeEachOne() throws IOException {
        boolean record = Boolean.getBoolean("stored-shapes.record");
        Map<String, Message> examples = examples();
        List<String> missing = new ArrayList<>();
        for (String type : TypeRegistry.names()) {
            Path file = FROZEN.resolve(type + ".json");
            if (!Files.exists(file)) {
                if (record) {
                    Envelope envelope = new Envelope(ID, type, EnvelopeCodec.CURRENT_SCHEMA_VERSION,
                            EnvelopeCodecTest.T, "stored-shapes", examples.get(type).resourceArn(), ID, ID, 1L,
                            examples.get(type));
                    Files.writeString(file, EnvelopeCodec.toJson(envelope) + "\n", StandardCharsets.UTF_8);
                } else {
                    missing.add(type);
                }
                continue;
            }
            Envelope read = EnvelopeCodec.fromJson(Files.readString(file, StandardCharsets.UTF_8));
            assertEquals(type, read.type(), file.toString());
            assertEquals(TypeRegistry.classOf(type), read.payload().getClass(), file.toString());
            // and what it decodes to is written and read back unchanged
            assertEquals(read, EnvelopeCodec.fromBytes(EnvelopeCodec.toBytes(read)), file.toString());
        }
        assertTrue(missing.isEmpty(), "no frozen record of " + missing
                + ": run mvn -pl events-schema test -Dtest=StoredShapesTest -Dstored-shapes.record=true once");
    }
}
