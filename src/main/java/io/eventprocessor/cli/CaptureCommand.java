package io.eventprocessor.cli;

import io.eventprocessor.cdc.DebeziumRelay;
import io.eventprocessor.cdc.ReplicationSetup;
import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.ConfigException;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Messages;
import io.eventprocessor.outbox.Migrations;
import io.eventprocessor.stack.Connectivity;
import io.eventprocessor.stack.LocalStack;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Runs Debezium (embedded engine) against your PostgreSQL and Kafka, in place of Kafka Connect.",
            "%nNeeds POSTGRES_HOST, KAFKA_BOOTSTRAP_SERVERS and MONGODB_URI (external mode). Creates the outbox table "
                + "(unless --no-migrate), the publication and the replication slot when missing, then relays every change "
                + "of activity.event_outbox to Kafka until Ctrl-C or SIGTERM. Debezium's offsets are kept in "
                + "$EVENT_PROCESSOR_HOME/capture-offsets.dat, so a restart resumes where it stopped.",
            "%nDo not run it where Kafka Connect already captures the same database: a replication slot has one reader."})
final class CaptureCommand extends EnvironmentCommand {

    @Option(names = "--no-migrate", description = "Do not create the outbox table; it must exist.")
    boolean noMigrate;

    CaptureCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() throws Exception {
        if (!Settings.externalConfigured(env.vars())) {
            throw new ConfigException("capture runs Debezium against external services: set POSTGRES_HOST, KAFKA_BOOTSTRAP_SERVERS "
                    + "and MONGODB_URI. The local stack (`event-processor stack up`) already runs Debezium itself.");
        }
        Settings settings = Settings.fromEnv(env.vars());
        Connectivity.requireAll(settings);
        PrintWriter out = spec.commandLine().getOut();
        try (Connection c = Clients.postgres(settings)) {
            if (!noMigrate) new Migrations().apply(c);
            ReplicationSetup.ensurePublicationAndSlot(c);
            ReplicationSetup.ensureDoorbell(c);
        }
        LocalStack.createTopics(settings);
        Path offsets = Settings.home(env.vars()).resolve("capture-offsets.dat");
        DebeziumRelay relay = DebeziumRelay.start(settings, offsets);
        try (Connection c = Clients.postgres(settings)) {
            ReplicationSetup.awaitSlotActive(c, Duration.ofSeconds(60));
        } catch (Exception e) {
            relay.close();
            throw e;
        }
        out.println("Capturing " + settings.postgresAddress() + "/" + settings.postgresDb() + " -> Kafka " + settings.kafkaBootstrapServers()
                + " (offsets in " + offsets + "). Ctrl-C to stop.");
        out.flush();
        Shutdown.runUntilSignal(relay, () -> relay.isRunning() ? Optional.empty()
                : Optional.of("Debezium stopped: " + (relay.failure() == null ? "no reason given" : Messages.describe(relay.failure()))));
        return ExitCodes.OK;
    }
}
