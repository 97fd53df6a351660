package io.eventprocessor.readmodel;

import io.eventprocessor.contract.ReadModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.eventprocessor.contract.OutboxRow;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
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
        var update = Updates.combine(
                Updates.set("title", title),
                Updates.set("description", description),
                Updates.set("creator_id", creatorId),
                Updates.set("location", location),
                Updates.set("start_date", start),
                Updates.set("timezone", zoneName),
                Updates.set("max_participants", maxParticipants),
                Updates.set(ReadModel.STATE, ReadModel.STATE_CREATED),
                Updates.set(ReadModel.SOURCE_EVENT_ID, row.eventId()),
                Updates.set(ReadModel.CREATED_AT, Date.from(Clock.fromMicros(row.createdAtMicros()))),
                Updates.setOnInsert(ReadModel.PARTICIPANTS, ParticipantJoinedHandler.noParticipants()),
                Updates.setOnInsert(ReadModel.PROCESSED_AT, Date.from(processedAt)),
                Updates.addToSet(ReadModel.EVENT_IDS, row.eventId()));
        Document insert = new Document(ReadModel.ID, row.aggregateId())
                .append("title", title)
                .append("description", description)
                .append("creator_id", creatorId)
                .append("location", location)
                .append("start_date", start)
                .append("timezone", zoneName)
                .append("max_participants", maxParticipants)
                .append(ReadModel.STATE, ReadModel.STATE_CREATED)
                .append(ReadModel.METADATA, Metadata.of(row.eventId(), Date.from(Clock.fromMicros(row.createdAtMicros())),
                        Date.from(processedAt)))
                .append(ReadModel.PARTICIPANTS, ParticipantJoinedHandler.noParticipants());
        return new EventWrites(Names.ACTIVITIES,
                List.of(new UpdateOneModel<>(Filters.eq(ReadModel.ID, row.aggregateId()), update, new UpdateOptions().upsert(true))),
                title, null, insert);
    }
}
