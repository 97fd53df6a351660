package io.eventprocessor.processor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventprocessor.contract.FailureKind;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The value of a dead-letter record: why it failed and the original record, complete enough to replay it
 * by hand. {@code {reason, error_kind, event_id, processor_id, failed_at, original: {topic, partition,
 * offset, timestamp, key, value, headers}}}; a key or value that is not UTF-8 text is given in base64
 * ({@code key_base64}, {@code value_base64}).
 *
 * <p>A dead letter is at most {@link #MAX_BYTES}: an original close to Kafka's message limit, escaped once more into
 * JSON, would exceed it, the producer would refuse the dead letter every time and the partition would stall. Then the
 * original's value (and any large header) is replaced by its first {@link #KEPT_PREFIX_CHARS} characters, with
 * {@code value_truncated: true}, its size in bytes and its SHA-256, so it can still be found and told apart.
 */
public record DeadLetter(FailureKind kind, String reason, String eventId, String processorId, Instant failedAt,
        ConsumerRecord<byte[], byte[]> original) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Largest dead letter sent; well under the producer's max.request.size and the broker's message.max.bytes (1 MiB). */
    public static final int MAX_BYTES = 512 * 1024;
    /** Characters of a too-large value (or header) kept in a capped dead letter. */
    static final int KEPT_PREFIX_CHARS = 16 * 1024;

    public ObjectNode toJson() {
        return toJson(false);
    }

    private ObjectNode toJson(boolean capped) {
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
        if (capped) putCapped(o, "value", original.value());
        else putBytes(o, "value", original.value());
        ObjectNode headers = o.putObject("headers");
        for (Header h : original.headers()) {
            String text = utf8(h.value());
            String value = text != null ? text : Base64.getEncoder().encodeToString(h.value() == null ? new byte[0] : h.value());
            headers.put(h.key(), capped && value.length() > KEPT_PREFIX_CHARS ? value.substring(0, KEPT_PREFIX_CHARS) : value);
        }
        return n;
    }

    /** The dead letter as sent: whole when it fits in {@link #MAX_BYTES}, else with the original's value capped. */
    public byte[] toBytes() {
        byte[] whole = toJson(false).toString().getBytes(StandardCharsets.UTF_8);
        if (whole.length <= MAX_BYTES) return whole;
        return toJson(true).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void putCapped(ObjectNode o, String field, byte[] bytes) {
        if (bytes == null) {
            o.putNull(field);
            return;
        }
        String text = utf8(bytes);
        String shown = text != null ? text : Base64.getEncoder().encodeToString(bytes);
        o.put(text != null ? field : field + "_base64", shown.length() > KEPT_PREFIX_CHARS ? shown.substring(0, KEPT_PREFIX_CHARS) : shown);
        o.put(field + "_truncated", true);
        o.put(field + "_bytes", bytes.length);
        o.put(field + "_sha256", sha256(bytes));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
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
