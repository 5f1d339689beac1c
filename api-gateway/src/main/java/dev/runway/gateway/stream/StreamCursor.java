package dev.runway.gateway.stream;

import java.util.Arrays;

/**
 * Where an SSE stream stands in {@code runway.public-events}: the next offset of every partition,
 * written as the event's {@code id:} ("12.0.7": partition 0 at 12, 1 at 0, 2 at 7). A client that
 * reconnects sends the last one back as {@code Last-Event-ID} and continues right after it.
 */
public final class StreamCursor {

    private final long[] next;

    public StreamCursor(long[] next) {
        this.next = next.clone();
    }

    /** Parses a Last-Event-ID; null when it is not one of ours (or from another partition count). */
    public static StreamCursor parse(String id, int partitions) {
        if (id == null || id.isBlank()) {
            return null;
        }
        String[] parts = id.trim().split("\\.");
        if (parts.length != partitions) {
            return null;
        }
        long[] next = new long[partitions];
        try {
            for (int i = 0; i < partitions; i++) {
                next[i] = Long.parseLong(parts[i]);
                if (next[i] < 0) {
                    return null;
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return new StreamCursor(next);
    }

    public long next(int partition) {
        return next[partition];
    }

    /** This cursor after the record at {@code offset} of {@code partition}. */
    public StreamCursor after(int partition, long offset) {
        long[] moved = next.clone();
        moved[partition] = offset + 1;
        return new StreamCursor(moved);
    }

    public String id() {
        return String.join(".", Arrays.stream(next).mapToObj(Long::toString).toList());
    }
}
