package io.devws.host.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devws.host.protocol.Frames;
import java.io.IOException;
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
        CompletableFuture<Integer> next = CompletableFuture.supplyAsync(() -> {
            try {
                return window.take(Frames.CHUNK);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(next).isNotDone();
        window.grant(100);
        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo(100);
    }

    @Test
    void anEndedSessionFailsAWaitingWriter() throws Exception {
        window.take(Frames.STDIN_WINDOW);
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> assertThatThrownBy(() -> window.take(1))
                .isInstanceOf(IOException.class).hasMessage("session ended"));
        Thread.sleep(100);
        window.end();
        waiting.get(5, TimeUnit.SECONDS);
    }
}
