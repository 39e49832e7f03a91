package io.devws.sidecar.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.server.channel.ChannelSession;
import org.junit.jupiter.api.Test;

/** The queue between MINA's reader and the stdin pump: segment boundaries, EOF, and input that arrives too late. */
class SessionInputTest {
    private final ChannelSession channel = new ChannelSession();
    private final AtomicLong released = new AtomicLong();
    private final SessionInput.WindowRelease window = released::addAndGet;

    @Test
    void bytesComeOutAsTheyWentInAcrossSegmentsWhileBeingRead() throws Exception {
        SessionInput input = new SessionInput(window);
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(data);
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> drain(input.getIn(), 7777));
        Random sizes = new Random(7);
        int off = 0;
        while (off < data.length) {
            int n = Math.min(data.length - off, 1 + sizes.nextInt(3 * SessionInput.SEGMENT));
            assertThat(input.data(channel, data, off, n)).as("the window is released on reading, not here").isZero();
            off += n;
        }
        input.close(); // the client's EOF
        assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo(data);
        assertThat(released.get()).as("the window given back as the pump read").isEqualTo(data.length);
    }

    @Test
    void theEofComesAfterEverythingQueuedBeforeIt() throws Exception {
        SessionInput input = new SessionInput(window);
        input.data(channel, "queued".getBytes(), 0, 6);
        input.close();
        assertThat(input.data(channel, "late".getBytes(), 0, 4)).isZero();
        assertThat(input.getIn().readAllBytes()).isEqualTo("queued".getBytes());
        assertThat(released.get()).as("nothing given back for what was dropped").isEqualTo(6);
    }

    @Test
    void closingTheInputEndsAWaitingReadAndDropsWhatArrivesLater() throws Exception {
        SessionInput input = new SessionInput(window);
        InputStream in = input.getIn();
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return in.read(new byte[10]);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        in.close();
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(input.data(channel, new byte[100], 0, 100)).as("dropped, not thrown").isZero();
        assertThat(in.read(new byte[10])).isEqualTo(-1);
    }

    @Test
    void theWindowGoesBackInQuarters() throws Exception {
        java.util.List<Long> given = new java.util.ArrayList<>();
        SessionInput.WindowRelease batched = SessionInput.batched(() -> 1000, given::add);
        batched.release(100);
        batched.release(100);
        assertThat(given).as("less than a quarter held back").isEmpty();
        batched.release(60);
        batched.release(249);
        batched.release(1);
        assertThat(given).containsExactly(260L, 250L);
    }

    private static byte[] drain(InputStream in, int bufferSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[bufferSize];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }
}
