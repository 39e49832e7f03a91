package io.devws.sidecar.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazySessionExecutorTest {
    final AtomicInteger created = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    SessionExecutor counting() {
        created.incrementAndGet();
        return new SessionExecutor() {
            @Override
            public SessionProcess start(ProcessSpec spec) throws IOException {
                throw new IOException("started " + spec.command());
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }

    @Test
    void theExecutorIsCreatedOnTheFirstSessionOnlyAndClosedWithIt() {
        LazySessionExecutor lazy = new LazySessionExecutor(this::counting);
        assertThat(created).hasValue(0);
        assertThatThrownBy(() -> lazy.start(new ProcessSpec("one", java.util.Map.of(), null, null))).hasMessage("started one");
        assertThatThrownBy(() -> lazy.start(new ProcessSpec("two", java.util.Map.of(), null, null))).hasMessage("started two");
        assertThat(created).hasValue(1);
        lazy.close();
        assertThat(closed).hasValue(1);
        assertThatThrownBy(() -> lazy.start(new ProcessSpec("late", java.util.Map.of(), null, null)))
                .hasMessageContaining("shutting down");
    }

    @Test
    void closedBeforeAnySessionItNeverCreatesOne() {
        LazySessionExecutor lazy = new LazySessionExecutor(this::counting);
        lazy.close();
        assertThat(created).hasValue(0);
    }

    @Test
    void aFactoryThatFailsFailsThatSessionWithItsReasonAndTheNextOneTriesAgain() {
        AtomicInteger tries = new AtomicInteger();
        LazySessionExecutor lazy = new LazySessionExecutor(() -> {
            if (tries.incrementAndGet() == 1) {
                throw new IllegalStateException("no kubeconfig");
            }
            return counting();
        });
        assertThatThrownBy(() -> lazy.start(new ProcessSpec("a", java.util.Map.of(), null, null)))
                .isInstanceOf(IOException.class).hasMessageContaining("no kubeconfig");
        assertThatThrownBy(() -> lazy.start(new ProcessSpec("b", java.util.Map.of(), null, null))).hasMessage("started b");
        assertThat(created).hasValue(1);
    }
}
