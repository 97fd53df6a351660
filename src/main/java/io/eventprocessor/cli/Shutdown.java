package io.eventprocessor.cli;

import io.eventprocessor.contract.Messages;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Long-running commands: run until Ctrl-C or SIGTERM, then close cleanly before the JVM exits. */
final class Shutdown {
    private Shutdown() {}

    /**
     * Blocks until the process is asked to stop, then closes {@code resource} inside the shutdown hook (the JVM
     * waits for it). If {@code failure} reports a problem first, closes the resource and throws with it.
     */
    static void runUntilSignal(AutoCloseable resource, Supplier<Optional<String>> failure) throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("Stopping failed: " + Messages.describe(e));
            } finally {
                closed.countDown();
            }
        }, "graceful-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        while (!closed.await(1, TimeUnit.SECONDS)) {
            Optional<String> problem = failure.get();
            if (problem.isPresent()) {
                Runtime.getRuntime().removeShutdownHook(hook);
                resource.close();
                throw new IllegalStateException(problem.get());
            }
        }
    }
}
