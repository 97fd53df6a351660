package io.eventprocessor.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in through the official driver: documents kept in its files, not on the heap, and as a MongoDB keeps them. */
class EmbeddedMongoServerTest {
    @TempDir
    Path dir;

    private static long filesBytes(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            long total = 0;
            for (Path p : files.toList()) total += Files.size(p);
            return total;
        }
    }

    @Test
    void storesUpdatesAndFindsDocumentsInItsFiles() throws Exception {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(0, dir);
             MongoClient client = MongoClients.create(server.uri())) {
            MongoCollection<Document> c = client.getDatabase("db").getCollection("activities");
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 500; i++) docs.add(new Document("_id", "a" + i).append("n", i).append("list", List.of()));
            c.insertMany(docs);
            long afterInsert = filesBytes(dir);
            assertThat(afterInsert).isGreaterThan(500 * 20);

            for (int i = 0; i < 50; i++) c.updateOne(Filters.eq("_id", "a7"), Updates.push("list", "user-" + i));
            c.updateOne(Filters.eq("_id", "a8"), Updates.set("n", -1));

            assertThat(c.find(Filters.eq("_id", "a7")).first().getList("list", String.class)).hasSize(50).startsWith("user-0");
            assertThat(c.find(Filters.eq("_id", "a8")).first().getInteger("n")).isEqualTo(-1);
            assertThat(c.find(Filters.in("_id", "a1", "a499", "missing")).into(new ArrayList<>())).hasSize(2);
            assertThat(c.find().sort(Sorts.descending("n")).limit(1).first().getString("_id")).isEqualTo("a499");
            assertThat(c.countDocuments(Filters.gte("n", 250))).isEqualTo(250);

            c.deleteMany(new Document());
            assertThat(c.countDocuments()).isZero();
            assertThat(filesBytes(dir)).isLessThan(afterInsert);
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aScanOfTheWholeCollectionReadsEachDocumentWhenItGetsToIt() {
        DiskBackend backend = new DiskBackend(dir);
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> c = client.getDatabase("db").getCollection("activities");
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 300; i++) docs.add(new Document("_id", "a" + i).append("state", i % 3 == 0 ? "placeholder" : "created"));
            c.insertMany(docs);

            // An aggregation over every document, as the statistics run it, through the scan.
            List<Document> byState = c.aggregate(List.of(new Document("$group",
                    new Document("_id", "$state").append("n", new Document("$sum", 1))))).into(new ArrayList<>());
            assertThat(byState).extracting(d -> d.getString("_id") + "=" + d.getInteger("n"))
                    .containsExactlyInAnyOrder("placeholder=100", "created=200");
            assertThat(c.countDocuments()).isEqualTo(300);

            // Asked for, not yet read: documents removed meanwhile are not in it, a changed one is read as it is now.
            Stream<de.bwaldvogel.mongo.bson.Document> scan = backend.resolveDatabase("db")
                    .resolveCollection("activities", true).queryAllAsStream();
            c.deleteMany(Filters.in("_id", "a0", "a1", "a299"));
            c.updateOne(Filters.eq("_id", "a2"), Updates.set("state", "changed"));
            List<de.bwaldvogel.mongo.bson.Document> read = scan.toList();
            assertThat(read).hasSize(297).extracting(d -> d.get("_id")).doesNotContain("a0", "a1", "a299");
            assertThat(read).filteredOn(d -> "a2".equals(d.get("_id"))).singleElement()
                    .satisfies(d -> assertThat(d.get("state")).isEqualTo("changed"));
        } finally {
            server.shutdownNow();
            backend.deleteFiles();
        }
    }

    @Test
    void saysWhatItIsWithTheVersionTheBuildUsed() {
        assertThat(EmbeddedMongoServer.description())
                .matches("mongo-java-server \\d+\\.\\d+\\.\\d+ \\(MongoDB wire-protocol stand-in, documents in scratch files\\)");
    }

    @Test
    void aUniqueIndexRefusesASecondDocumentWithTheSameKey() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(0, dir);
             MongoClient client = MongoClients.create(server.uri())) {
            MongoCollection<Document> c = client.getDatabase("db").getCollection("users");
            c.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            c.insertOne(new Document("_id", 1).append("email", "a@example.org"));
            c.insertOne(new Document("_id", 2).append("email", "b@example.org"));

            assertThatThrownBy(() -> c.insertOne(new Document("_id", 3).append("email", "a@example.org")))
                    .isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> c.updateOne(Filters.eq("_id", 2), Updates.set("email", "a@example.org")))
                    .isInstanceOf(MongoWriteException.class);
            assertThat(c.find(Filters.eq("_id", 2)).first().getString("email")).isEqualTo("b@example.org");
        }
    }

    @Test
    void aQueryNamingOneIdAmongOtherConditionsMatchesAllOfThem() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(0, dir);
             MongoClient client = MongoClients.create(server.uri())) {
            MongoCollection<Document> c = client.getDatabase("db").getCollection("activities");
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 100; i++) docs.add(new Document("_id", "a" + i).append("metadata", new Document("version", i % 3)));
            c.insertMany(docs);

            assertThat(c.find(Filters.and(Filters.eq("_id", "a7"), Filters.eq("metadata.version", 1))).into(new ArrayList<>()))
                    .extracting(d -> d.getString("_id")).containsExactly("a7");
            assertThat(c.find(Filters.and(Filters.eq("_id", "a7"), Filters.eq("metadata.version", 2))).first()).isNull();
            assertThat(c.find(Filters.and(Filters.eq("_id", "a7"),
                    Filters.or(Filters.eq("metadata.version", 0), Filters.eq("metadata.version", 1)))).into(new ArrayList<>())).hasSize(1);
            assertThat(c.find(Filters.and(Filters.in("_id", "a7", "a8"), Filters.eq("metadata.version", 2))).into(new ArrayList<>()))
                    .extracting(d -> d.getString("_id")).containsExactly("a8");
            assertThat(c.find(Filters.and(Filters.eq("_id", "missing"), Filters.eq("metadata.version", 1))).first()).isNull();

            // The fencing write: it applies to the version read, and a stale one collides with the _id instead.
            c.updateOne(Filters.and(Filters.eq("_id", "a7"), Filters.eq("metadata.version", 1)), Updates.set("metadata.version", 2),
                    new UpdateOptions().upsert(true));
            assertThat(c.find(Filters.eq("_id", "a7")).first().get("metadata", Document.class).getInteger("version")).isEqualTo(2);
            assertThatThrownBy(() -> c.updateOne(Filters.and(Filters.eq("_id", "a7"), Filters.eq("metadata.version", 1)),
                    Updates.set("metadata.version", 2), new UpdateOptions().upsert(true)))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
            assertThat(c.countDocuments()).isEqualTo(100);
        }
    }

    @Test
    void reportsTheEncodedSizeOfItsDocuments() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(0, dir);
             MongoClient client = MongoClients.create(server.uri())) {
            MongoDatabase db = client.getDatabase("db");
            MongoCollection<Document> c = db.getCollection("users");
            Document one = new Document("_id", "u1").append("name", "Ada");
            Document two = new Document("_id", "u2").append("name", "Grace").append("tags", List.of("a", "b"));
            c.insertMany(List.of(one, two));
            assertThat(dataSize(db)).isEqualTo(bsonSize(one) + bsonSize(two));

            c.updateOne(Filters.eq("_id", "u1"), Updates.set("name", "Ada Lovelace"));
            c.deleteOne(Filters.eq("_id", "u2"));
            assertThat(dataSize(db)).isEqualTo(bsonSize(new Document("_id", "u1").append("name", "Ada Lovelace")));
        }
    }

    private static long dataSize(MongoDatabase db) {
        return db.runCommand(new Document("collStats", "users")).get("size", Number.class).longValue();
    }

    private static long bsonSize(Document d) {
        return new RawBsonDocument(d, new DocumentCodec()).getByteBuffer().remaining();
    }

    @Test
    void keepsItsDataWhilePausedAndStartsEmptyOverAKilledOnesFiles() throws Exception {
        Files.writeString(dir.resolve("99.bson"), "left by a killed stand-in");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(0, dir)) {
            assertThat(dir.resolve("99.bson")).doesNotExist();
            try (MongoClient client = MongoClients.create(server.uri())) {
                client.getDatabase("db").getCollection("users").insertOne(new Document("_id", "u1"));
            }
            server.pause();
            assertThat(server.isPaused()).isTrue();
            server.resume();
            try (MongoClient client = MongoClients.create(server.uri())) {
                assertThat(client.getDatabase("db").getCollection("users").countDocuments()).isEqualTo(1);
            }
        }
    }
}
