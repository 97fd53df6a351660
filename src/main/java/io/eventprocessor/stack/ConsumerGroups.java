package io.eventprocessor.stack;

import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.contract.Names;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownMemberIdException;

/** Operations on the processor's consumer group, through the Kafka Admin API. */
public final class ConsumerGroups {
    private ConsumerGroups() {}

    /**
     * Moves the group's committed offsets to the start of the outbox topic, so the processors rebuild the read
     * models from the log (idempotent handlers make that safe). The group must have no live members.
     */
    public static void resetToEarliest(Settings settings) throws Exception {
        try (Admin admin = Clients.kafkaAdmin(settings.kafkaBootstrapServers(), "consumer-groups")) {
            int partitions = admin.describeTopics(List.of(Names.OUTBOX_TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(Names.OUTBOX_TOPIC).partitions().size();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (int i = 0; i < partitions; i++) earliest.put(new TopicPartition(Names.OUTBOX_TOPIC, i), OffsetSpec.earliest());
            Map<TopicPartition, OffsetAndMetadata> target = new HashMap<>();
            admin.listOffsets(earliest).all().get(10, TimeUnit.SECONDS)
                    .forEach((tp, info) -> target.put(tp, new OffsetAndMetadata(info.offset())));
            try {
                admin.alterConsumerGroupOffsets(Names.CONSUMER_GROUP, target).all().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownMemberIdException) {
                    throw new IllegalStateException("Cannot reset consumer group " + Names.CONSUMER_GROUP
                            + ": processors are still running in it. Stop them first.", e.getCause());
                }
                throw e;
            }
        }
    }
}
