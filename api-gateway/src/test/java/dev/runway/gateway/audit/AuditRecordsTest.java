package dev.runway.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AuditRecordsTest {

    @Test
    void shouldLeaveOutARefusedBodyTooDeepToReadBackOrTooLargeForTheTopic() {
        String deep = "{\"a\":".repeat(900) + "1" + "}".repeat(900);
        assertNull(AuditRecords.objectOrNull(deep), "nested 900 deep");
        assertNull(AuditRecords.objectOrNull("{\"a\":\"" + "x".repeat(200 * 1024) + "\"}"), "200 KB");
        assertEquals("{\"a\":{\"b\":1}}", AuditRecords.objectOrNull("{\"a\":{\"b\":1}}").toString());
        assertEquals("{}", AuditRecords.objectOrNull("").toString());
        assertNull(AuditRecords.objectOrNull("[1]"));
    }
}
