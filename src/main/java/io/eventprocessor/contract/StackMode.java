package io.eventprocessor.contract;

/** Where the pipeline's services run, as reports name it. */
public enum StackMode {
    /** Started by this program on loopback: PostgreSQL, Kafka, Debezium and the MongoDB stand-in. */
    EMBEDDED("embedded"),
    /** Services named by the environment (POSTGRES_HOST, KAFKA_BOOTSTRAP_SERVERS, MONGODB_URI). */
    EXTERNAL("external");

    private final String key;

    StackMode(String key) {
        this.key = key;
    }

    /** The name used in reports. */
    public String key() {
        return key;
    }
}
