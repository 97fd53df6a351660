package io.eventprocessor.cluster;

import io.eventprocessor.stack.EmbeddedMongoServer;
import java.util.concurrent.CountDownLatch;

/**
 * The cluster's MongoDB where no {@code mongod} is installed: the embedded stack's wire-protocol stand-in
 * (mongo-java-server, in memory) as a process of its own. {@code MongoStandIn PORT}; runs until SIGTERM.
 */
public final class MongoStandIn {
    private MongoStandIn() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1 || !args[0].matches("\\d{1,5}")) {
            System.err.println("Usage: MongoStandIn PORT");
            System.exit(2);
        }
        EmbeddedMongoServer server = EmbeddedMongoServer.start(Integer.parseInt(args[0]));
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
