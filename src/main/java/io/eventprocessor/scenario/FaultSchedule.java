package io.eventprocessor.scenario;

import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Messages;
import io.eventprocessor.measure.MetricsCollector;
import io.eventprocessor.stack.Fault;
import io.eventprocessor.stack.FaultTarget;
import io.eventprocessor.stack.Injection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects a run's planned faults on their own thread, each at its time after the run started sending. Poison is
 * written here (its outbox events registered with the run's collector first, so their outcomes are counted); every
 * other fault goes to the stack. A fault that cannot be injected is recorded with the reason; the run goes on.
 */
final class FaultSchedule {
    private static final Logger log = LoggerFactory.getLogger(FaultSchedule.class);

    /** A fault as it happened: the injection (or why it failed) and, for poison, what was injected. */
    record Done(PlannedFault planned, Injection injection, PoisonEvents.Plan poison, String failure) {}

    private final List<Done> done = new ArrayList<>();
    private final Thread thread;

    private FaultSchedule(FaultTarget target, List<PlannedFault> faults, Settings settings, MetricsCollector metrics, int runEvents,
            Consumer<Injection> listener) {
        List<PlannedFault> ordered = faults.stream().sorted(Comparator.comparing(PlannedFault::at)).toList();
        long start = System.nanoTime();
        thread = new Thread(() -> {
            for (PlannedFault f : ordered) {
                long wait = start + f.at().toNanos() - System.nanoTime();
                try {
                    if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
                Done d = inject(f, target, settings, metrics, runEvents);
                synchronized (done) {
                    done.add(d);
                }
                if (d.injection() != null) listener.accept(d.injection());
            }
        }, "scenario-faults");
        thread.setDaemon(true);
    }

    /** Starts the clock now (the run's first insert). */
    static FaultSchedule start(FaultTarget target, List<PlannedFault> faults, Settings settings, MetricsCollector metrics, int runEvents,
            Consumer<Injection> listener) {
        FaultSchedule s = new FaultSchedule(target, faults, settings, metrics, runEvents, listener);
        s.thread.start();
        return s;
    }

    /** Injects one fault now; a run's poison ({@code runEvents} / 100, at least one of each kind) is registered with {@code metrics} first. */
    static Done inject(PlannedFault f, FaultTarget target, Settings settings, MetricsCollector metrics, int runEvents) {
        try {
            if (f.fault() == Fault.POISON) {
                // One percent of the run, and at least one of each kind.
                PoisonEvents.Plan plan = PoisonEvents.plan(Math.max(1, runEvents / 100));
                metrics.expect(plan.eventIds());
                Instant at = Instant.now();
                plan.inject(settings);
                return new Done(f, new Injection(Fault.POISON, at, Duration.ZERO, plan.size() + " poison events of "
                        + plan.expected().size() + " kinds, " + plan.outbox().size() + " through the outbox and " + plan.topic().size()
                        + " straight to the topic"), plan, null);
            }
            if (target == null) throw new IllegalStateException(f.fault().key() + " needs the embedded stack");
            return new Done(f, target.inject(f.fault(), f.down()), null, null);
        } catch (Exception e) {
            log.warn("Fault {} could not be injected: {}", f, Messages.describe(e));
            return new Done(f, null, null, Messages.describe(e));
        }
    }

    /** Waits until every fault was injected (or tried); a run sends nothing more meanwhile, but outcomes need the poison registered. */
    List<Done> awaitAll() throws InterruptedException {
        thread.join();
        synchronized (done) {
            return List.copyOf(done);
        }
    }

    void cancel() {
        thread.interrupt();
    }
}
