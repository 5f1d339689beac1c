package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Looks for texts (secret values) wherever the platform keeps data: every record of every Kafka
 * topic, every row of every table of its database, and its own log files. Each text is looked for
 * as written, hex-encoded (how PostgreSQL shows {@code bytea}) and base64-encoded at each of the
 * three byte alignments (how JSON carries {@code byte[]}). Each search answers where it found what,
 * as "&lt;place&gt;: &lt;name of the text&gt; (&lt;form&gt;)", so a failure names no value.
 */
final class LeakSearch {

    private static final Duration KAFKA_READ = Duration.ofMinutes(3);

    /** The forms of one text to look for, by name ("as written", "hex", "base64"). */
    static Map<String, String> forms(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        var forms = new LinkedHashMap<String, String>();
        forms.put("as written", text);
        forms.put("hex", HexFormat.of().formatHex(bytes));
        for (int offset = 0; offset < 3; offset++) {
            // the text after `offset` other bytes: only whole 4-character groups of its own bytes are stable
            byte[] shifted = new byte[offset + bytes.length];
            System.arraycopy(bytes, 0, shifted, offset, bytes.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            int from = offset == 0 ? 0 : 4;
            int to = (shifted.length / 3) * 4;
            if (to - from >= 8) {
                forms.put("base64+" + offset, encoded.substring(from, to));
            }
        }
        return forms;
    }

    /** Every record (key, value, headers) of every topic, read from the beginning to the end. */
    static List<String> inKafka(Map<String, String> texts) {
        var needles = needles(texts);
        var found = new ArrayList<String>();
        Properties p = Platform.kafka("admin");
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "2000");
        try (var consumer = new KafkaConsumer<byte[], byte[]>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            var partitions = consumer.listTopics(Duration.ofSeconds(30)).values().stream()
                    .flatMap(List::stream).map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            if (partitions.isEmpty()) {
                fail("Kafka at " + p.get("bootstrap.servers") + " lists no topics");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(KAFKA_READ);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    fail("could not read every topic to its end within " + KAFKA_READ + ": " + partitions.stream()
                            .filter(tp -> consumer.position(tp) < end.get(tp)).map(TopicPartition::toString)
                            .collect(Collectors.joining(", ")));
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    var where = r.topic() + "-" + r.partition() + "@" + r.offset();
                    search(where + " key", r.key(), needles, found);
                    search(where + " value", r.value(), needles, found);
                    for (Header header : r.headers()) {
                        search(where + " header " + header.key(), header.value(), needles, found);
                    }
                }
            }
        }
        return found;
    }

    /**
     * Every row of every table of the platform's database (the event store, the outbox, every
     * projection, {@code log_events}, {@code audit_events}, ...), as PostgreSQL prints the row.
     */
    static List<String> inDatabase(Map<String, String> texts) {
        var needles = needles(texts);
        var found = new ArrayList<String>();
        try (Connection db = Platform.database()) {
            db.setAutoCommit(false); // so that the fetch size streams big tables
            var tables = new ArrayList<String>();
            try (var query = db.createStatement(); ResultSet rs = query.executeQuery("select quote_ident(table_schema)"
                    + " || '.' || quote_ident(table_name) from information_schema.tables where table_type = 'BASE TABLE'"
                    + " and table_schema not in ('pg_catalog', 'information_schema') order by 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            if (tables.isEmpty()) {
                fail("the database has no tables " + Platform.env("RUNWAY_DB_USER") + " can see");
            }
            for (String table : tables) {
                try (var query = db.createStatement()) {
                    query.setFetchSize(1000);
                    try (ResultSet rs = query.executeQuery("select t::text from " + table + " t")) {
                        long row = 0;
                        while (rs.next()) {
                            row++;
                            String text = rs.getString(1);
                            if (text != null) {
                                search(table + " row " + row, text.getBytes(StandardCharsets.UTF_8), needles, found);
                            }
                        }
                    }
                }
            }
            db.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database: " + e.getMessage(), e);
        }
        return found;
    }

    /** The log files of the platform's own processes ({@code $RUNWAY_HOME/logs}). */
    static List<String> inPlatformLogs(Map<String, String> texts) {
        var found = new ArrayList<String>();
        needles(texts).forEach((name, needle) -> {
            String files = Platform.run(List.of("grep", "-rlF", "--", new String(needle, StandardCharsets.UTF_8),
                    Platform.env("RUNWAY_HOME") + "/logs"), Duration.ofMinutes(1), true);
            files.lines().filter(line -> line.endsWith(".log")).forEach(file -> found.add(file + ": " + name));
        });
        return found;
    }

    /** Each form of each text, as bytes, named "&lt;text name&gt; (&lt;form&gt;)". */
    private static Map<String, byte[]> needles(Map<String, String> texts) {
        var needles = new LinkedHashMap<String, byte[]>();
        texts.forEach((name, text) -> forms(text).forEach((form, needle) -> needles.put(name + " (" + form + ")",
                needle.getBytes(StandardCharsets.UTF_8))));
        return needles;
    }

    private static void search(String where, byte[] haystack, Map<String, byte[]> needles, List<String> found) {
        if (haystack == null) {
            return;
        }
        // ISO-8859-1 maps every byte to one char, so a byte search becomes a string search
        String hay = new String(haystack, StandardCharsets.ISO_8859_1);
        needles.forEach((name, needle) -> {
            if (hay.contains(new String(needle, StandardCharsets.ISO_8859_1))) {
                found.add(where + ": " + name);
            }
        });
    }

    private LeakSearch() {
    }
}
