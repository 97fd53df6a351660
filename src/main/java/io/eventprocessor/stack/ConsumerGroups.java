package io.eventprocessor.stack;

import io.eventprocessor.clients.Clients;
import io.eventprocessor.config.Settings;
import io.eventprocessor.config.Tuning;
import io.eventprocessor.contract.Names;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Operations on the processor's consumer group, through the Kafka Admin API. */
public final class ConsumerGroups {
    private static final Logger log = LoggerFactory.getLogger(ConsumerGroups.class);
    /** How long a reset waits for members it removed (or whose session runs out) to be gone. */
    static final Duration EMPTY_WAIT = Duration.ofMillis(Tuning.CONSUMER_SESSION_TIMEOUT_MS + 5_000L);

    private ConsumerGroups() {}

    /**
     * Moves the group's committed offsets to the start of the outbox topic, so the processors rebuild the read
     * models from the log (idempotent handlers make that safe). The group must have no live members.
     *
     * <p>A member that was killed (kill -9 of a stack or a processor) is still listed after the broker restarts: the
     * broker reloads the group and gives the member a fresh session, so a reset right after start-up would always find
     * it. Such members are removed first (Admin removeMembersFromConsumerGroup); a member that joins again is a live
     * processor, and the reset then fails, naming it.
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
            removeLeftMembers(admin);
            long deadline = System.nanoTime() + EMPTY_WAIT.toNanos();
            while (true) {
                try {
                    admin.alterConsumerGroupOffsets(Names.CONSUMER_GROUP, target).all().get(10, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownMemberIdException)) throw e;
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Cannot reset consumer group " + Names.CONSUMER_GROUP + ": processors are "
                                + "still running in it (" + String.join(", ", members(admin)) + "). Stop them (Ctrl-C in their "
                                + "terminals, or kill their pids), or start the stack with --no-processor.", e.getCause());
                    }
                    Thread.sleep(500);
                }
            }
        }
    }

    /** Removes every member the group lists; a live one rejoins at its next heartbeat, a dead one is gone for good. */
    private static void removeLeftMembers(Admin admin) throws InterruptedException {
        List<String> members = members(admin);
        if (members.isEmpty()) return;
        log.warn("Consumer group {} still lists {} member(s) ({}), left by a processor that stopped without leaving (killed): "
                + "removing them before the reset", Names.CONSUMER_GROUP, members.size(), String.join(", ", members));
        try {
            admin.removeMembersFromConsumerGroup(Names.CONSUMER_GROUP, new RemoveMembersFromConsumerGroupOptions())
                    .all().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Removing the members failed ({}); waiting for their sessions to run out instead", e.getCause() == null ? e : e.getCause());
        }
    }

    /** The group's members as client-id@host; empty when the group is empty or unknown. */
    static List<String> members(Admin admin) throws InterruptedException {
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(Names.CONSUMER_GROUP)).describedGroups()
                    .get(Names.CONSUMER_GROUP).get(10, TimeUnit.SECONDS);
            return d.members().stream().map(m -> m.clientId() + "@" + m.host()).sorted().toList();
        } catch (ExecutionException | TimeoutException e) {
            return List.of();
        }
    }
}
