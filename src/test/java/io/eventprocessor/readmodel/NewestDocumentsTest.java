package io.eventprocessor.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.eventprocessor.contract.Names;
import io.eventprocessor.contract.ReadModel;
import io.eventprocessor.stack.EmbeddedMongoServer;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewestDocumentsTest {
    @TempDir
    Path dir;

    private static Document doc(String id, long processedAtMs, String field, Object value) {
        return new Document(ReadModel.ID, id).append(field, value)
                .append(ReadModel.METADATA, new Document("processed_at", new Date(processedAtMs)));
    }

    @Test
    void theLastInsertedOfEachCollectionNewestProcessedFirst() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(0, dir);
             MongoClient client = MongoClients.create(server.uri())) {
            MongoDatabase db = client.getDatabase("read");
            for (int i = 0; i < 20; i++) db.getCollection(Names.USERS).insertOne(doc("u" + i, 1_000 + 10L * i, "username", "name" + i));
            for (int i = 0; i < 20; i++) {
                db.getCollection(Names.ACTIVITIES).insertOne(doc("a" + i, 1_005 + 10L * i, "title", "title" + i)
                        .append(ReadModel.PARTICIPANTS, new Document("count", i)));
            }

            List<NewestDocuments.Doc> newest = NewestDocuments.read(db, 4);

            assertThat(newest).extracting(NewestDocuments.Doc::id).containsExactly("a19", "u19", "a18", "u18");
            assertThat(newest.get(0).summary()).isEqualTo("activity \"title19\", 19 participants");
            assertThat(newest.get(1).summary()).isEqualTo("user name19");
        }
    }
}
