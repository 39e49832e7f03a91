package io.devws.transport.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChannelInputTest {
    private final AtomicInteger resumed = new AtomicInteger();
    private final ChannelInput in = new ChannelInput(8, resumed::incrementAndGet);

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes());
    }

    @Test
    void pausesAtItsLimitAndResumesOnceWhenHalfDrained() throws IOException {
        assertThat(in.offer(bytes("abc"))).isTrue();
        assertThat(in.offer(bytes("defgh"))).as("8 bytes buffered: stop asking").isFalse();
        byte[] b = new byte[3];
        assertThat(in.read(b)).isEqualTo(3);
        assertThat(resumed).as("5 left, more than half").hasValue(0);
        assertThat(in.read(b, 0, 1)).isEqualTo(1);
        assertThat(resumed).hasValue(1);
        assertThat(in.read(new byte[10])).as("reads across messages without waiting").isEqualTo(4);
        assertThat(resumed).hasValue(1);
    }

    @Test
    void emptyMessagesAreNotReads() throws IOException {
        assertThat(in.offer(ByteBuffer.allocate(0))).isTrue();
        assertThat(in.available()).isZero();
        in.offer(bytes("a"));
        assertThat(in.read(new byte[4])).isEqualTo(1);
    }

    @Test
    void endsWithEofAfterTheBufferedBytes() throws Exception {
        in.offer(bytes("xy"));
        in.end();
        byte[] b = new byte[4];
        assertThat(in.read(b)).isEqualTo(2);
        assertThat(in.read(b)).isEqualTo(-1);
    }

    @Test
    void aFailureReachesTheReaderAfterTheData() throws Exception {
        in.offer(bytes("z"));
        in.fail(new IOException("connection reset"));
        assertThat(in.read()).isEqualTo('z');
        assertThatThrownBy(in::read).hasMessage("connection reset");
    }

    @Test
    void aBlockedReaderWakesForData() throws Exception {
        CompletableFuture<Integer> read = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                read.complete(in.read());
            } catch (Throwable e) {
                read.completeExceptionally(e);
            }
        }, "reader");
        reader.setDaemon(true);
        reader.start();
        // once the reader waits in the stream (not after a guess), nothing has been read
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!read.isDone() && reader.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1); // a poll, not a guess: the loop ends on the state
        }
        assertThat(reader.getState()).as("the reader waiting for data").isEqualTo(Thread.State.WAITING);
        assertThat(read).isNotDone();
        in.offer(bytes("q"));
        assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo((int) 'q');
    }

    @Test
    void closingDropsTheBufferAndResumesAPausedSocket() {
        in.offer(bytes("123456789"));
        in.close();
        assertThat(resumed).hasValue(1);
        assertThat(in.offer(bytes("more"))).isTrue();
        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }
}
