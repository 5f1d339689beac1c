package dev.runway.deployworker.messaging;

import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * One assigned partition's commands while they run side by side: which offsets are read and not
 * finished. The offset to commit is the first unfinished one, so a crash redelivers everything not
 * finished and nothing is skipped, even when later commands finished first. A new assignment of
 * the partition gets a new progress; work of the old one that is still queued finds it closed.
 */
final class PartitionProgress {

    private final TreeSet<Long> unfinished = new TreeSet<>();
    private final Set<Long> running = new HashSet<>();
    private long next = -1;
    private long committed = -1;
    private boolean closed;

    /** A record at {@code offset} was read and handed to a lane. */
    synchronized void read(long offset) {
        unfinished.add(offset);
        next = Math.max(next, offset + 1);
    }

    /**
     * The work on the record at {@code offset} starts, unless the partition was revoked meanwhile:
     * then it must not (the next owner reads the record again), and this answers false.
     */
    synchronized boolean begin(long offset) {
        if (closed) {
            return false;
        }
        running.add(offset);
        return true;
    }

    /**
     * The work on the record at {@code offset} ended; {@code handled}: it was answered and need
     * never be delivered again (otherwise it stays unfinished and is not committed past).
     */
    synchronized void end(long offset, boolean handled) {
        running.remove(offset);
        if (handled) {
            unfinished.remove(offset);
        }
        notifyAll();
    }

    /** The offset to commit now, or empty when it is already committed (or nothing was read). */
    synchronized OptionalLong toCommit() {
        long offset = unfinished.isEmpty() ? next : unfinished.first();
        return offset < 0 || offset == committed ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    synchronized void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    /** Whether work of this assignment may still start (or go on trying): false once it was revoked. */
    synchronized boolean open() {
        return !closed;
    }

    /**
     * Lets no more work of this assignment start and waits up to {@code millis} for the work that
     * runs to end; true when none runs any more.
     */
    synchronized boolean close(long millis) throws InterruptedException {
        closed = true;
        long deadline = System.currentTimeMillis() + millis;
        while (!running.isEmpty()) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
