package io.eventprocessor.cli;

import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine;

/** Versions of the program and the parts it embeds. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String own = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "event-processor " + (own == null ? "dev" : own),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
            "Kafka " + AppInfoParser.getVersion(),
            "Debezium " + io.debezium.connector.postgresql.Module.version(),
        };
    }
}
