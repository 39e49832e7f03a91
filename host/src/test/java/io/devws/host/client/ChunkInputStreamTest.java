package io.devws.host.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChunkInputStreamTest {
    @Test
    void endWakesAReaderWaitingOnAnEmptyStreamAtOnce() throws Exception {
        var in = new ChunkInputStream();
        in.add(new byte[] {1, 2});
        assertThat(in.read(new byte[8], 0, 8)).isEqualTo(2);
        var eofAfterNanos = new CompletableFuture<Long>();
        long[] endedAt = new long[1];
        Thread reader = new Thread(() -> {
            try {
                int n = in.read(new byte[8], 0, 8);
                eofAfterNanos.complete(n < 0 ? System.nanoTime() - endedAt[0] : -1L);
            } catch (Exception e) {
                eofAfterNanos.completeExceptionally(e);
            }
        });
        reader.start();
        while (reader.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait(); // the reader waits in its poll: the case end() must interrupt
        }
        endedAt[0] = System.nanoTime();
        in.end();
        long nanos = eofAfterNanos.get(5, TimeUnit.SECONDS);
        assertThat(nanos).as("EOF must not wait for the reader's 100 ms poll").isBetween(0L, TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void chunksQueuedBeforeTheEndAreStillRead() throws Exception {
        var in = new ChunkInputStream();
        for (int i = 0; i < 64; i++) {
            in.add(new byte[] {(byte) i});
        }
        in.end(); // the queue is full: no room for the marker, the flag ends the stream after the last chunk
        byte[] b = new byte[1];
        for (int i = 0; i < 64; i++) {
            assertThat(in.read(b, 0, 1)).isEqualTo(1);
            assertThat(b[0]).isEqualTo((byte) i);
        }
        assertThat(in.read(b, 0, 1)).isEqualTo(-1);
        assertThat(in.read(b, 0, 1)).isEqualTo(-1);
    }
}
