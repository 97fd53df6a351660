package io.eventprocessor.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventprocessor.contract.FailureKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DeadLetter letter(byte[] value) {
        return new DeadLetter(FailureKind.PAYLOAD_TOO_LARGE, "too large", "e1", "p1", Instant.EPOCH,
                new ConsumerRecord<>("topic", 0, 7L, "k".getBytes(StandardCharsets.UTF_8), value));
    }

    @Test
    void anOriginalNearKafkasLimitIsCappedSoTheDeadLetterCanBeSent() throws Exception {
        // Quotes and backslashes double when escaped again into the dead letter's JSON: 900 KB becomes 1.8 MB whole.
        byte[] value = "\"\\".repeat(450_000).getBytes(StandardCharsets.UTF_8);
        byte[] sent = letter(value).toBytes();

        assertThat(sent.length).isLessThanOrEqualTo(DeadLetter.MAX_BYTES);
        JsonNode original = JSON.readTree(sent).path("original");
        assertThat(original.path("value_truncated").asBoolean()).isTrue();
        assertThat(original.path("value_bytes").asLong()).isEqualTo(value.length);
        assertThat(original.path("value_sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value)));
        assertThat(original.path("value").asText()).hasSize(DeadLetter.KEPT_PREFIX_CHARS);
        assertThat(JSON.readTree(sent).path("reason").asText()).isEqualTo("too large");
    }

    @Test
    void anOrdinaryOriginalIsKeptWhole() throws Exception {
        byte[] value = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        JsonNode original = JSON.readTree(letter(value).toBytes()).path("original");
        assertThat(original.path("value").asText()).isEqualTo("{\"a\":1}");
        assertThat(original.has("value_truncated")).isFalse();
    }
}
