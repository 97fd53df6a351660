package io.eventprocessor.readmodel;

import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.OutboxRow;
import io.eventprocessor.contract.ReadModel;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import org.bson.Document;

/**
 * ActivityCreated -> {@code activities}. An upsert that $sets the activity's own fields and creates the
 * participants only on insert: when participants arrived first (placeholder document) they are kept.
 */
public final class ActivityCreatedHandler implements EventHandler {

    @Override
    public String eventType() {
        return Names.ACTIVITY_CREATED;
    }

    @Override
    public EventWrites plan(OutboxRow row, Instant processedAt) throws InvalidEventException {
        PayloadReader p = new PayloadReader(eventType(), row.payload());
        String title = p.requiredText("title");
        String description = p.optionalText("description");
        String creatorId = p.uuid("creator_user_id");
        int maxParticipants = p.positiveInt("max_participants");
        ZoneId zone = p.zone("timezone", ZoneOffset.UTC);
        Instant startDate = p.optionalDateTime("start_date", zone);
        String timezone = p.optionalText("timezone");

        Document location = new Document("name", p.optionalText("location_name")).append("address", p.optionalText("location_address"));
        Date start = startDate == null ? null : Date.from(startDate);
        String zoneName = timezone == null ? zone.getId() : timezone;
        Document fields = new Document("title", title)
                .append("description", description)
                .append("creator_id", creatorId)
                .append("location", location)
                .append("start_date", start)
                .append("timezone", zoneName)
                .append("max_participants", maxParticipants)
                .append(ReadModel.STATE, ReadModel.STATE_CREATED);
        // Participants that arrived first (a placeholder) are kept.
        Document onInsertOnly = new Document(ReadModel.PARTICIPANTS, ParticipantJoinedHandler.noParticipants());
        return Upsert.of(Names.ACTIVITIES, row, processedAt, fields, onInsertOnly, title);
    }
}
