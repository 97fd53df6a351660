package io.eventprocessor.cluster;

import io.eventprocessor.stack.EmbeddedMongoServer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The cluster's MongoDB where no {@code mongod} is installed: the embedded stack's wire-protocol stand-in
 * (mongo-java-server, documents in scratch files under DIR) as a process of its own. {@code MongoStandIn PORT DIR}; runs
 * until SIGTERM.
 */
public final class MongoStandIn {
    private MongoStandIn() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2 || !args[0].matches("\\d{1,5}")) {
            System.err.println("Usage: MongoStandIn PORT DIR");
            System.exit(2);
        }
        EmbeddedMongoServer server = EmbeddedMongoServer.start(Integer.parseInt(args[0]), Path.of(args[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "mongodb-stand-in-shutdown"));
        System.out.println(EmbeddedMongoServer.description() + " listening at " + server.uri());
        System.out.flush();
        stopped.await();
    }
}
