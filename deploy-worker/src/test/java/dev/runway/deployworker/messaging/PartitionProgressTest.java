package dev.runway.deployworker.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    private final PartitionProgress commands = new PartitionProgress();

    @Test
    void shouldCommitUpToTheFirstUnfinishedCommand() {
        // given commands at 10, 11 and 12, of which 11 and 12 (other services) finished first
        commands.read(10);
        commands.read(11);
        commands.read(12);
        finish(11, true);
        finish(12, true);
        // then nothing past 10 is committed: a crash must deliver 10 again
        assertEquals(OptionalLong.of(10), commands.toCommit());
        // when 10 finishes too, then everything read is committed, once
        finish(10, true);
        assertEquals(OptionalLong.of(13), commands.toCommit());
        commands.committed(13);
        assertEquals(OptionalLong.empty(), commands.toCommit());
    }

    @Test
    void shouldNotCommitPastACommandThatWasNotAnswered() {
        // given a command whose work ended without an answer (the worker stopped meanwhile)
        commands.read(5);
        commands.read(6);
        finish(5, false);
        finish(6, true);
        // then it is delivered again
        assertEquals(OptionalLong.of(5), commands.toCommit());
    }

    @Test
    void shouldStartNothingOnceRevokedAndWaitForWhatRuns() throws Exception {
        // given one command running and one queued
        commands.read(1);
        commands.read(2);
        assertTrue(commands.begin(1));
        // when the partition is revoked, the revocation waits for the running one
        var revoked = CompletableFuture.supplyAsync(() -> {
            try {
                return commands.close(5_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertFalse(revoked.isDone());
        commands.end(1, true);
        assertTrue(revoked.get(5, TimeUnit.SECONDS));
        // and the queued one does not start: the next owner reads it from the committed offset
        assertFalse(commands.begin(2));
        assertFalse(commands.open());
        assertEquals(OptionalLong.of(2), commands.toCommit());
    }

    private void finish(long offset, boolean handled) {
        assertTrue(commands.begin(offset));
        commands.end(offset, handled);
    }
}
