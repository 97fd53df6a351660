package io.eventprocessor.stack;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

class RecentDocumentsTest {
    private static Document doc(int n) {
        return new Document("_id", n);
    }

    @Test
    void keepsTheDocumentsUsedLastWithinItsBudgetOfEncodedBytes() {
        RecentDocuments recent = new RecentDocuments(100);
        recent.put(1, doc(1), 40);
        recent.put(2, doc(2), 40);
        assertThat(recent.get(1)).isEqualTo(doc(1)); // 1 is now the one used last
        recent.put(3, doc(3), 40);

        assertThat(recent.get(2)).as("the least recently used went first").isNull();
        assertThat(recent.get(1)).isEqualTo(doc(1));
        assertThat(recent.get(3)).isEqualTo(doc(3));
        assertThat(recent.bytes()).isEqualTo(80);
    }

    @Test
    void aDocumentKeptAgainCountsWithItsNewSizeAndOneLargerThanTheBudgetIsNotKept() {
        RecentDocuments recent = new RecentDocuments(100);
        recent.put(1, doc(1), 40);
        recent.put(1, doc(10), 60);
        assertThat(recent.get(1)).isEqualTo(doc(10));
        assertThat(recent.bytes()).isEqualTo(60);

        recent.put(1, doc(11), 101);
        assertThat(recent.get(1)).as("a document too large for the budget replaces nothing stale").isNull();
        assertThat(recent.bytes()).isZero();
    }

    @Test
    void forgetsADocumentAndEverything() {
        RecentDocuments recent = new RecentDocuments(100);
        recent.put(1, doc(1), 10);
        recent.put(2, doc(2), 20);
        recent.forget(1);
        assertThat(recent.get(1)).isNull();
        assertThat(recent.bytes()).isEqualTo(20);
        recent.clear();
        assertThat(recent.get(2)).isNull();
        assertThat(recent.bytes()).isZero();
    }
}
