package io.eventprocessor.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The local stack's own process. {@link StackLauncher} starts it in the background ({@link #main}); {@code stack up
 * --foreground} runs it in the command's process ({@link #run}). It starts the stack, records it in stack.env, and
 * runs until SIGTERM or Ctrl-C, when it stops every part and removes stack.env. Its control channel
 * ({@link ControlServer}) takes fault injections from other commands; a part gone for good ends it with exit code 1.
 */
public final class StackProcess {
    private StackProcess() {}

    /** {@code --home DIR --postgres-port N --kafka-port N --mongo-port N [--no-processor]}; progress lines on stdout. */
    public static void main(String[] args) {
        // Logging first, before any library thread logs concurrently.
        LoggerFactory.getLogger(StackProcess.class);
        int code = 0;
        try {
            run(parse(args), line -> {
                System.out.println(StackLauncher.PROGRESS + line);
                System.out.flush();
            });
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            code = 2;
        } catch (Exception | Error e) {
            e.printStackTrace();
            code = 1;
        }
        // Kafka's and Debezium's non-daemon threads must not keep a failed start alive.
        System.exit(code);
    }

    /** The arguments {@link StackLauncher} passes for {@code options}. */
    static List<String> arguments(LocalStack.Options options) {
        List<String> args = new ArrayList<>(List.of("--home", options.home().toString(),
                "--postgres-port", Integer.toString(options.postgresPort()), "--kafka-port", Integer.toString(options.kafkaPort()),
                "--mongo-port", Integer.toString(options.mongoPort())));
        if (!options.processor()) args.add("--no-processor");
        return args;
    }

    static LocalStack.Options parse(String[] args) {
        Path home = null;
        int postgres = 5432;
        int kafka = 9092;
        int mongo = 27017;
        boolean processor = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(value(args, ++i));
                case "--postgres-port" -> postgres = port(value(args, ++i));
                case "--kafka-port" -> kafka = port(value(args, ++i));
                case "--mongo-port" -> mongo = port(value(args, ++i));
                case "--no-processor" -> processor = false;
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
        }
        if (home == null) throw new IllegalArgumentException("--home DIR is required");
        return new LocalStack.Options(home, postgres, kafka, mongo, processor);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) throw new IllegalArgumentException(args[i - 1] + " needs a value");
        return args[i];
    }

    private static int port(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 0 && p <= 65535) return p;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Not a port number (0-65535): " + s);
    }

    /** Starts the stack, records it, and blocks until the process is asked to stop; then stops it. */
    public static void run(LocalStack.Options options, Consumer<String> progress) throws Exception {
        StackState state = new StackState(options.home());
        LocalStack stack = LocalStack.start(options, progress);
        stack.onFatal(message -> {
            progress.accept("FATAL: " + message);
            LoggerFactory.getLogger(StackProcess.class).error("{}", message);
            // Not on the supervisor's thread: the shutdown hook below waits for it.
            new Thread(() -> System.exit(1), "stack-fatal-exit").start();
        });
        ControlServer control = ControlServer.start(stack);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                state.clear();
            } catch (IOException e) {
                System.err.println("Could not remove " + state.envFile() + ": " + e.getMessage());
            }
            control.close();
            stack.close();
            stopped.countDown();
        }, "stack-shutdown"));
        Map<String, String> recorded = new LinkedHashMap<>(control.env());
        String jvm = System.getenv(StackState.JVM);
        if (jvm != null) recorded.put(StackState.JVM, jvm);
        state.write(stack.settings(), ProcessHandle.current(), recorded);
        progress.accept("Ready in " + stack.startupTimes());
        stopped.await();
    }
}
