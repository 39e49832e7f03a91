package io.devws.transport.stream;

import java.util.concurrent.atomic.LongAdder;

/** Bytes moved by all stream sessions of one service; cheap to update from the I/O threads. */
public final class TrafficCounter {
    private final LongAdder bytes = new LongAdder();

    void add(long n) {
        bytes.add(n);
    }

    public long total() {
        return bytes.sum();
    }
}
