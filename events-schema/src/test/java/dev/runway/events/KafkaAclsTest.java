package dev.runway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * deploy/kafka/acls.txt, the broker's ACLs, against {@link Topics}: a topic misspelt there is a
 * write refused at run time, found only when the message is lost, so it is caught here instead.
 */
class KafkaAclsTest {

    private static final Path ACLS = Path.of("../deploy/kafka/acls.txt");
    private static final Set<String> SERVICES = Set.of("service-registry", "api-gateway", "build-worker",
            "deploy-worker", "router", "autoscaler");

    record Grant(String principal, String verb, String resource) {
    }

    private static List<Grant> grants() throws Exception {
        List<Grant> grants = new ArrayList<>();
        for (String line : Files.readAllLines(ACLS)) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] fields = text.split("\\s+");
            assertEquals(3, fields.length, "not <principal> <verb> <resource>: " + line);
            grants.add(new Grant(fields[0], fields[1], fields[2]));
        }
        return grants;
    }

    @Test
    void shouldNameOnlyRunwayServicesVerbsAndTopics() throws Exception {
        for (Grant grant : grants()) {
            assertTrue(SERVICES.contains(grant.principal()), "not a Runway service: " + grant);
            assertTrue(Set.of("write", "read", "group").contains(grant.verb()), "not write, read or group: " + grant);
            if (!grant.verb().equals("group")) {
                assertTrue(Topics.all().contains(grant.resource()), "not a topic of Topics: " + grant);
            }
        }
    }

    @Test
    void shouldGiveEveryTopicAWriterAndEveryServiceTheDeadLetters() throws Exception {
        List<Grant> grants = grants();
        Set<String> written = new HashSet<>();
        Set<String> read = new HashSet<>();
        Set<String> deadLettering = new TreeSet<>();
        for (Grant grant : grants) {
            if (grant.verb().equals("write")) {
                written.add(grant.resource());
                if (grant.resource().equals(Topics.DEAD_LETTERED_MESSAGES)) {
                    deadLettering.add(grant.principal());
                }
            } else if (grant.verb().equals("read")) {
                read.add(grant.resource());
            }
        }
        for (String topic : Topics.all()) {
            assertTrue(written.contains(topic), "nobody may write " + topic);
            if (!topic.equals(Topics.DEAD_LETTERED_MESSAGES)) { // read by operators, as admin
                assertTrue(read.contains(topic), "nobody may read " + topic);
            }
        }
        // every consumer hands what it can never handle to the dead letters (wire.DeadLetters)
        assertEquals(new TreeSet<>(SERVICES), deadLettering);
    }

    @Test
    void shouldLetOnlyTheRegistryWriteTheEventStream() throws Exception {
        for (Grant grant : grants()) {
            if (grant.verb().equals("write") && grant.resource().equals(Topics.EVENTS)) {
                assertEquals("service-registry", grant.principal(), "events are appended by the registry alone");
            }
        }
    }
}
