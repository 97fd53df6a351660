package io.eventprocessor.processor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventprocessor.contract.FailureKind;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The value of a dead-letter record: why it failed and the original record, complete enough to replay it
 * by hand. {@code {reason, error_kind, event_id, processor_id, failed_at, original: {topic, partition,
 * offset, timestamp, key, value, headers}}}; a key or value that is not UTF-8 text is given in base64
 * ({@code key_base64}, {@code value_base64}).
 */
public record DeadLetter(FailureKind kind, String reason, String eventId, String processorId, Instant failedAt,
        ConsumerRecord<byte[], byte[]> original) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ObjectNode toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("reason", reason);
        n.put("error_kind", kind.key());
        n.put("event_id", eventId);
        n.put("processor_id", processorId);
        n.put("failed_at", failedAt.toString());
        ObjectNode o = n.putObject("original");
        o.put("topic", original.topic());
        o.put("partition", original.partition());
        o.put("offset", original.offset());
        o.put("timestamp", original.timestamp());
        putBytes(o, "key", original.key());
        putBytes(o, "value", original.value());
        ObjectNode headers = o.putObject("headers");
        for (Header h : original.headers()) {
            String text = utf8(h.value());
            headers.put(h.key(), text != null ? text : Base64.getEncoder().encodeToString(h.value()));
        }
        return n;
    }

    public byte[] toBytes() {
        return toJson().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void putBytes(ObjectNode o, String field, byte[] bytes) {
        if (bytes == null) {
            o.putNull(field);
            return;
        }
        String text = utf8(bytes);
        if (text != null) o.put(field, text);
        else o.put(field + "_base64", Base64.getEncoder().encodeToString(bytes));
    }

    private static String utf8(byte[] bytes) {
        if (bytes == null) return null;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
