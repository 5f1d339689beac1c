package dev.runway.gateway.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the gateway refuses at the edge, for every JSON protocol, and how it says so. */
class RequestJsonTest {

    private static RequestJson.BadBody refused(String body) {
        return refused(body.getBytes(StandardCharsets.UTF_8));
    }

    private static RequestJson.BadBody refused(byte[] body) {
        return assertThrows(RequestJson.BadBody.class, () -> RequestJson.read(body));
    }

    @Test
    void shouldReadAnObject() {
        assertEquals("x", RequestJson.read("{\"Name\":\"x\"}".getBytes(StandardCharsets.UTF_8)).path("Name").asText());
        assertEquals("\uD83D\uDE00", RequestJson.read("{\"A\":\"\\ud83d\\ude00\"}".getBytes(StandardCharsets.UTF_8)).path("A").asText());
    }

    @Test
    void shouldRefuseEmptyAndWhitespaceBodies() {
        assertEquals(RequestJson.Problem.MALFORMED, refused(new byte[0]).problem());
        assertEquals(RequestJson.Problem.MALFORMED, refused((byte[]) null).problem());
        assertTrue(refused("  \n").getMessage().contains("empty"));
    }

    @Test
    void shouldRefuseWhatIsNotAnObject() {
        assertTrue(refused("[1]").getMessage().contains("an array"));
        assertTrue(refused("\"s\"").getMessage().contains("a string"));
        assertTrue(refused("null").getMessage().contains("null"));
        assertTrue(refused("{\"A\":").getMessage().contains("not valid JSON"));
        assertTrue(refused("{} {}").getMessage().contains("not valid JSON"));
    }

    @Test
    void shouldRefuseBodiesNestedTooDeep() {
        String deep = "{\"a\":".repeat(RequestJson.MAX_DEPTH + 1) + "1" + "}".repeat(RequestJson.MAX_DEPTH + 1);
        RequestJson.BadBody e = refused(deep);
        assertEquals(RequestJson.Problem.MALFORMED, e.problem());
        assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
        String fine = "{\"a\":".repeat(10) + "1" + "}".repeat(10);
        RequestJson.read(fine.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRefuseInvalidUtf8() {
        byte[] body = {'{', '"', 'A', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        RequestJson.BadBody e = refused(body);
        assertEquals(RequestJson.Problem.MALFORMED, e.problem());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        assertTrue(refused(new byte[] {'{', (byte) 0xE2, (byte) 0x82}).getMessage().contains("UTF-8"));
    }

    @Test
    void shouldNameTheMemberThatHoldsUPlus0000() {
        RequestJson.BadBody e = refused("{\"Tags\":[{\"Key\":\"k\",\"Value\":\"a\\u0000b\"}]}");
        assertEquals(RequestJson.Problem.INVALID_VALUE, e.problem());
        assertTrue(e.getMessage().startsWith("Member Tags[0].Value holds the character U+0000"), e.getMessage());
    }

    @Test
    void shouldRefuseLoneSurrogatesInValuesAndMemberNames() {
        assertTrue(refused("{\"Filter\":{\"VpcEndpointId\":\"\\ud800\"}}").getMessage()
                .startsWith("Member Filter.VpcEndpointId holds half of a UTF-16 surrogate pair (U+D800"));
        assertTrue(refused("{\"A\":\"x\\udc00\"}").getMessage().contains("U+DC00"));
        RequestJson.BadBody name = refused("{\"Ke\\u0000y\":1}");
        assertEquals("Member Ke\\u0000y is a member name that holds the character U+0000 (at position 2), which no string may hold.",
                name.getMessage());
    }

    @Test
    void shouldEscapeForbiddenCharactersForRecords() {
        assertEquals("a\\u0000b", RequestJson.escapeForbidden("a\u0000b"));
        assertEquals("\\ud800x\uD83D\uDE00", RequestJson.escapeForbidden("\uD800x\uD83D\uDE00"));
        assertEquals("plain", RequestJson.escapeForbidden("plain"));
        assertEquals(-1, RequestJson.forbiddenCharAt("\uD83D\uDE00"));
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertTrue(RequestJson.holdsForbidden(mapper.createObjectNode().set("a",
                mapper.createArrayNode().add("x").add("y\u0000"))));
        assertTrue(RequestJson.holdsForbidden(mapper.createObjectNode().put("k\uD800", 1)));
        assertEquals(false, RequestJson.holdsForbidden(mapper.createObjectNode().put("k", "\uD83D\uDE00")));
    }
}
