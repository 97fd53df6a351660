package io.eventprocessor.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventprocessor.contract.Uuids;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Reads and checks payload fields; every failure names the event type and the field. */
final class PayloadReader {
    private final String eventType;
    private final ObjectNode payload;

    PayloadReader(String eventType, ObjectNode payload) {
        this.eventType = eventType;
        this.payload = payload;
    }

    String requiredText(String field) throws InvalidEventException {
        JsonNode n = payload.get(field);
        if (n == null || n.isNull()) throw invalid(field + " is required");
        if (!n.isTextual() || n.asText().isBlank()) throw invalid(field + " must be a non-empty string");
        return n.asText();
    }

    /** Null when absent; a present value must be a string. */
    String optionalText(String field) throws InvalidEventException {
        JsonNode n = payload.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw invalid(field + " must be a string");
        return n.asText();
    }

    String email(String field) throws InvalidEventException {
        String email = requiredText(field).trim();
        int at = email.indexOf('@');
        if (at <= 0 || at == email.length() - 1) throw invalid(field + " must be an e-mail address");
        return email;
    }

    String uuid(String field) throws InvalidEventException {
        String uuid = Uuids.canonical(requiredText(field));
        if (uuid == null) throw invalid(field + " must be a uuid");
        return uuid;
    }

    int positiveInt(String field) throws InvalidEventException {
        JsonNode n = payload.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() <= 0) {
            throw invalid(field + " must be a positive integer");
        }
        return n.asInt();
    }

    ZoneId zone(String field, ZoneId fallback) throws InvalidEventException {
        String text = optionalText(field);
        if (text == null) return fallback;
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw invalid(field + " is not a time zone: '" + text + "'");
        }
    }

    /** An ISO-8601 date-time; without an offset it is read in {@code zone} (Python's isoformat() gives none). */
    Instant optionalDateTime(String field, ZoneId zone) throws InvalidEventException {
        String text = optionalText(field);
        if (text == null) return null;
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException withoutOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeException e) {
                throw invalid(field + " must be an ISO-8601 date-time, got '" + text + "'");
            }
        }
    }

    InvalidEventException invalid(String reason) {
        return new InvalidEventException(eventType + ": " + reason);
    }
}
