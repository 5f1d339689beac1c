package dev.runway.gateway.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The one reader of request bodies for every JSON protocol on the gateway (App Runner, EventBridge,
 * CloudWatch Logs, CloudTrail) and for the gateway's other JSON inputs. It refuses at the edge what
 * no later stage can store or act on: a body that is empty, not UTF-8, not JSON, not an object or
 * nested deeper than {@link #MAX_DEPTH}; and any member name or string holding U+0000 or half of a
 * surrogate pair (PostgreSQL refuses the first, and no UTF-8 encoder can write the second). Each
 * protocol turns a {@link BadBody} into its own error shape.
 */
public final class RequestJson {

    /** Deeper than any AWS request shape goes (App Runner's deepest is 6 levels). */
    public static final int MAX_DEPTH = 64;

    private static final ObjectMapper READER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** {@code text} as a JSON tree, refused (IOException) when nested deeper than {@link #MAX_DEPTH}. */
    public static JsonNode boundedTree(String text) throws java.io.IOException {
        return READER.readTree(text);
    }

    /** Why a body was refused: its form (not a JSON object) or one member's value. */
    public enum Problem { MALFORMED, INVALID_VALUE }

    /** A body refused before any operation saw it; the message names the member when there is one. */
    public static final class BadBody extends RuntimeException {
        private final Problem problem;

        BadBody(Problem problem, String message) {
            super(message, null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** The body as a JSON object, or a {@link BadBody} saying what is wrong with it. */
    public static ObjectNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw malformed("The request body is empty. AWS JSON requests carry a JSON object; send {} when the"
                    + " operation takes no input.");
        }
        String text = utf8(body);
        JsonNode node;
        try {
            node = READER.readTree(text);
        } catch (StreamConstraintsException e) {
            throw malformed("The request body is nested deeper than " + MAX_DEPTH + " levels.");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw malformed("The request body is not valid JSON: " + e.getOriginalMessage() + where + ".");
        }
        if (node == null || node.isMissingNode()) {
            throw malformed("The request body is empty. AWS JSON requests carry a JSON object; send {} when the"
                    + " operation takes no input.");
        }
        if (!node.isObject()) {
            throw malformed("The request body must be a JSON object, not " + kind(node) + ".");
        }
        checkText(node, "");
        return (ObjectNode) node;
    }

    /** Where in {@code s} a character no member may hold is, or -1: U+0000, or a lone surrogate. */
    public static int forbiddenCharAt(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a member name or string anywhere in {@code node} holds what {@link #forbiddenCharAt} finds. */
    public static boolean holdsForbidden(JsonNode node) {
        if (node.isTextual()) {
            return forbiddenCharAt(node.textValue()) >= 0;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (forbiddenCharAt(field.getKey()) >= 0 || holdsForbidden(field.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (holdsForbidden(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@code s} with every character {@link #forbiddenCharAt} finds written as its JSON escape text
     * ({@code \u0000}, {@code \ud800}), so a record of a refused call keeps what was sent in a form
     * any store takes.
     */
    public static String escapeForbidden(String s) {
        if (forbiddenCharAt(s) < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
                out.append(c).append(s.charAt(++i));
            } else if (c == 0 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Bytes as text, undecodable bytes shown as U+FFFD: for records of calls, never for input. */
    public static String lenientUtf8(byte[] body) {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    private static void checkText(JsonNode node, String path) {
        if (node.isTextual()) {
            if (forbiddenCharAt(node.textValue()) >= 0) {
                throw invalid(path, "holds " + describe(node.textValue()));
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String member = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (forbiddenCharAt(field.getKey()) >= 0) {
                    throw invalid(escapeForbidden(member), "is a member name that holds " + describe(field.getKey()));
                }
                checkText(field.getValue(), member);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkText(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private static String describe(String s) {
        int at = forbiddenCharAt(s);
        return s.charAt(at) == 0 ? "the character U+0000 (at position " + at + "), which no string may hold"
                : "half of a UTF-16 surrogate pair (U+" + String.format("%04X", (int) s.charAt(at)) + " at position "
                        + at + "), which is not a character";
    }

    private static String utf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw malformed("The request body is not valid UTF-8: byte " + in.position() + " starts "
                    + (result.isMalformed() ? "a malformed" : "an unmappable") + " sequence.");
        }
        try {
            result = decoder.flush(out);
            if (result.isError()) {
                result.throwException();
            }
        } catch (CharacterCodingException e) {
            throw malformed("The request body is not valid UTF-8: it ends inside a character.");
        }
        return out.flip().toString();
    }

    private static String kind(JsonNode node) {
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNull()) {
            return "null";
        }
        return node.isBoolean() ? "a boolean" : "a number";
    }

    private static BadBody malformed(String message) {
        return new BadBody(Problem.MALFORMED, message);
    }

    private static BadBody invalid(String member, String what) {
        return new BadBody(Problem.INVALID_VALUE, "Member " + member + " " + what + ".");
    }

    private RequestJson() {
    }
}
