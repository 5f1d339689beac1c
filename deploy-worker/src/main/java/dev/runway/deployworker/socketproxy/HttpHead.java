package dev.runway.deployworker.socketproxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An HTTP/1.x request head: its request line and headers, and its bytes as they came. */
final class HttpHead {

    static final int MAX_HEAD = 64 * 1024;

    final String method;
    final String target;
    final String version;
    final List<String[]> headers;
    final byte[] raw;

    private HttpHead(String method, String target, String version, List<String[]> headers, byte[] raw) {
        this.method = method;
        this.target = target;
        this.version = version;
        this.headers = headers;
        this.raw = raw;
    }

    /** The next head on the wire; null at end of stream before its first byte. */
    static HttpHead read(Wire in) throws IOException, BadRequest {
        var bytes = new ByteArrayOutputStream();
        var lines = new ArrayList<String>();
        var line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (bytes.size() == 0) {
                    return null;
                }
                throw new BadRequest("the connection ended inside a request head");
            }
            bytes.write(b);
            if (bytes.size() > MAX_HEAD) {
                throw new BadRequest("the request head is longer than " + MAX_HEAD + " bytes");
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                if (lines.isEmpty()) {
                    bytes.reset(); // a stray line break between requests
                    continue;
                }
                break;
            }
            lines.add(text);
        }
        String[] requestLine = lines.get(0).split(" ", -1);
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            throw new BadRequest("the request line is not HTTP/1.x: " + lines.get(0));
        }
        var headers = new ArrayList<String[]>();
        for (String header : lines.subList(1, lines.size())) {
            int colon = header.indexOf(':');
            if (colon <= 0 || header.charAt(0) == ' ' || header.charAt(0) == '\t'
                    || header.substring(0, colon).contains(" ")) {
                // folded or malformed headers: the engine and the proxy could read them differently
                throw new BadRequest("a malformed header line: " + header);
            }
            headers.add(new String[] {header.substring(0, colon), header.substring(colon + 1).strip()});
        }
        return new HttpHead(requestLine[0], requestLine[1], requestLine[2], headers, bytes.toByteArray());
    }

    /** Every value of a header (names without regard to case). */
    List<String> all(String name) {
        var values = new ArrayList<String>();
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase(name)) {
                values.add(header[1]);
            }
        }
        return values;
    }

    boolean has(String name) {
        return !all(name).isEmpty();
    }

    /** Whether a comma-separated header names a token (Connection: upgrade, Expect: 100-continue). */
    boolean hasToken(String name, String token) {
        for (String value : all(name)) {
            for (String part : value.split(",")) {
                if (part.strip().toLowerCase(Locale.ROOT).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** This head without some headers and with others added, as bytes. */
    byte[] rewritten(List<String> drop, List<String[]> add) {
        var out = new StringBuilder(method).append(' ').append(target).append(' ').append(version).append("\r\n");
        for (String[] header : headers) {
            if (drop.stream().noneMatch(header[0]::equalsIgnoreCase)) {
                out.append(header[0]).append(": ").append(header[1]).append("\r\n");
            }
        }
        for (String[] header : add) {
            out.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        return out.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A request the proxy cannot read safely. */
    static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
