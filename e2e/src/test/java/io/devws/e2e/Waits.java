package io.devws.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Polling with a deadline and a message that says what was awaited. */
public final class Waits {
    private Waits() {
    }

    public static <T> T until(String what, Duration timeout, Callable<T> probe, Predicate<T> done) {
        return await(what).atMost(timeout).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(probe, v -> v != null && done.test(v));
    }

    public static void until(String what, Duration timeout, Callable<Boolean> condition) {
        await(what).atMost(timeout).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(condition);
    }
}
