package dev.runway.deployworker.socketproxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Buffered reading from a socket channel. Not Channels.newInputStream: its reads and the other
 * thread's writes on the same channel would wait for each other (they share a lock).
 */
final class Wire {

    private final SocketChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

    Wire(SocketChannel channel) {
        this.channel = channel;
        buffer.flip();
    }

    /** The next byte, or -1 at end of stream. */
    int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer.get() & 0xff;
    }

    /** Up to {@code max} bytes (at least one), or null at end of stream. */
    ByteBuffer read(int max) throws IOException {
        if (!fill()) {
            return null;
        }
        int n = Math.min(max, buffer.remaining());
        ByteBuffer slice = buffer.slice();
        slice.limit(n);
        buffer.position(buffer.position() + n);
        return slice;
    }

    /** A line ending in LF, without its CR LF; null at end of stream. */
    String line(int max) throws IOException, HttpHead.BadRequest {
        var out = new StringBuilder();
        while (true) {
            int b = read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                int end = out.length();
                return end > 0 && out.charAt(end - 1) == '\r' ? out.substring(0, end - 1) : out.toString();
            }
            if (out.length() >= max) {
                throw new HttpHead.BadRequest("a line longer than " + max + " bytes");
            }
            out.append((char) b);
        }
    }

    private boolean fill() throws IOException {
        if (buffer.hasRemaining()) {
            return true;
        }
        buffer.clear();
        int n;
        do {
            n = channel.read(buffer);
        } while (n == 0);
        buffer.flip();
        return n > 0;
    }
}
