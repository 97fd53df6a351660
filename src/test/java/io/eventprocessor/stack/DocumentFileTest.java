package io.eventprocessor.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentFileTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void keepsEachDocumentUnderItsSlotThroughRewritesLargerAndSmaller() {
        try (DocumentFile file = new DocumentFile(dir.resolve("c.bson"))) {
            int a = file.add(bytes("alpha"));
            int b = file.add(bytes("beta"));
            file.replace(a, bytes("a".repeat(500)));
            file.replace(b, bytes("b"));

            assertThat(text(file.read(a))).isEqualTo("a".repeat(500));
            assertThat(text(file.read(b))).isEqualTo("b");
            assertThat(file.slots()).containsExactly(a, b);
            assertThat(file.count()).isEqualTo(2);
        }
    }

    @Test
    void aDocumentThatKeepsGrowingLeavesNoMoreDeadRoomThanItsOwn() {
        try (DocumentFile file = new DocumentFile(dir.resolve("c.bson"))) {
            int slot = file.add(bytes("x"));
            for (int n = 2; n <= 10_000; n++) file.replace(slot, bytes("x".repeat(n)));

            assertThat(text(file.read(slot))).hasSize(10_000);
            // the live region holds at most twice the document; what it left behind is at most as much again
            assertThat(file.size()).isLessThanOrEqualTo(4L * 10_000 + 64 * 20);
        }
    }

    @Test
    void aRemovedSlotIsReusedAndTheLastRemovalEmptiesTheFile() throws Exception {
        Path path = dir.resolve("c.bson");
        try (DocumentFile file = new DocumentFile(path)) {
            int a = file.add(bytes("one"));
            int b = file.add(bytes("two"));
            file.remove(a);
            assertThatThrownBy(() -> file.read(a)).isInstanceOf(IllegalArgumentException.class);
            assertThat(file.add(bytes("three"))).isEqualTo(a);
            assertThat(file.slots()).containsExactly(a, b);

            file.remove(a);
            file.remove(b);
            assertThat(file.count()).isZero();
            assertThat(file.size()).isZero();
            assertThat(Files.size(path)).isZero();
            int c = file.add(bytes("again"));
            assertThat(text(file.read(c))).isEqualTo("again");
        }
        assertThat(path).doesNotExist();
    }

    @Test
    void countsTheBytesOfItsLiveDocumentsOnly() {
        try (DocumentFile file = new DocumentFile(dir.resolve("c.bson"))) {
            int a = file.add(bytes("12345"));
            int b = file.add(bytes("123"));
            assertThat(file.liveBytes()).isEqualTo(8);
            file.replace(a, bytes("1".repeat(100)));
            file.replace(b, bytes("1"));
            assertThat(file.liveBytes()).isEqualTo(101);
            file.remove(a);
            assertThat(file.liveBytes()).isEqualTo(1);
            assertThat(file.add(bytes("12"))).isEqualTo(a);
            assertThat(file.liveBytes()).isEqualTo(3);
            file.remove(a);
            file.remove(b);
            assertThat(file.liveBytes()).isZero();
            file.add(bytes("1234"));
            assertThat(file.liveBytes()).isEqualTo(4);
        }
    }

    @Test
    void startsEmptyOverAFileLeftBehind() throws Exception {
        Path path = dir.resolve("c.bson");
        Files.write(path, bytes("left by a killed stack"));
        try (DocumentFile file = new DocumentFile(path)) {
            assertThat(file.count()).isZero();
            assertThat(Files.size(path)).isZero();
        }
    }
}
