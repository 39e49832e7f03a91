package io.devws.host.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.devws.host.protocol.Frames;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StdinWindowTest {
    private final StdinWindow window = new StdinWindow();

    @Test
    void aSmallWriteTakesOnlyWhatItSends() throws IOException {
        // SFTP's and a shell's writes are small: each once took a whole chunk, and the window shrank
        // to the smallest write, one round trip per write (~25 KB/s through the host on the cluster)
        for (int i = 0; i < 100; i++) {
            assertThat(window.take(13)).isEqualTo(13);
            window.grant(13);
        }
        assertThat(window.available()).isEqualTo(Frames.STDIN_WINDOW);
    }

    @Test
    void aWriterWaitsForTheHostsAcknowledgementThenTakesWhatIsOpen() throws Exception {
        assertThat(window.take(Frames.STDIN_WINDOW)).isEqualTo(Frames.STDIN_WINDOW);
        CompletableFuture<Integer> next = new CompletableFuture<>();
        Thread writer = waiting(() -> next.complete(window.take(Frames.CHUNK)), next);
        assertThat(next).as("taken with nothing granted (writer %s)", writer.getState()).isNotDone();
        window.grant(100);
        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo(100);
    }

    @Test
    void anEndedSessionFailsAWaitingWriter() throws Exception {
        window.take(Frames.STDIN_WINDOW);
        CompletableFuture<Void> waiting = new CompletableFuture<>();
        waiting(() -> {
            assertThatThrownBy(() -> window.take(1)).isInstanceOf(IOException.class).hasMessage("session ended");
            waiting.complete(null);
        }, waiting);
        window.end();
        waiting.get(5, TimeUnit.SECONDS);
    }

    interface Step {
        void run() throws Exception;
    }

    /** Runs {@code step} on a thread of its own and returns once that thread waits (in the window), not after a guess. */
    private static Thread waiting(Step step, CompletableFuture<?> result) {
        Thread t = new Thread(() -> {
            try {
                step.run();
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "writer");
        t.setDaemon(true);
        t.start();
        await("the writer waiting in the window").atMost(Duration.ofSeconds(5))
                .until(() -> result.isDone() || t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING);
        return t;
    }
}
