package io.eventprocessor.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * {@link Pipeline#attachOrStart} under way on a thread of its own, begun before its face is built (the dashboard begins
 * it before its toolkit starts: the stack's start and warm-up are the longest part of the wait for ready, and they need
 * nothing from the window). Whoever {@link #await}s it hears every line said so far, then each as it is said.
 */
public final class PipelineStart {
    private final CompletableFuture<Pipeline> result = new CompletableFuture<>();
    private final List<String> said = new ArrayList<>();
    private Consumer<String> listener = line -> {};

    private PipelineStart() {}

    /** What is begun: finds or starts a pipeline, saying each step to {@code progress}. */
    @FunctionalInterface
    interface Work {
        Pipeline run(Consumer<String> progress) throws Exception;
    }

    /** Begins {@link Pipeline#attachOrStart}{@code (env, warmUpEvents, ...)} now, on a daemon thread. */
    public static PipelineStart begin(Map<String, String> env, int warmUpEvents) {
        return begin(progress -> Pipeline.attachOrStart(env, warmUpEvents, progress));
    }

    static PipelineStart begin(Work work) {
        PipelineStart start = new PipelineStart();
        Thread thread = new Thread(() -> {
            try {
                start.result.complete(work.run(start::say));
            } catch (Exception | Error e) {
                start.result.completeExceptionally(e);
            }
        }, "pipeline-start");
        thread.setDaemon(true);
        thread.start();
        return start;
    }

    private synchronized void say(String line) {
        said.add(line);
        listener.accept(line);
    }

    /** Whether the pipeline was found or started (false while under way, or when it could not be). */
    public boolean started() {
        return result.isDone() && !result.isCompletedExceptionally();
    }

    /**
     * Waits for the pipeline, or for the reason it could not be found or started (thrown as it was thrown);
     * {@code progress} hears the lines said before this call, then each later one as it is said.
     */
    public Pipeline await(Consumer<String> progress) throws Exception {
        synchronized (this) {
            said.forEach(progress);
            listener = progress;
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        }
    }
}
