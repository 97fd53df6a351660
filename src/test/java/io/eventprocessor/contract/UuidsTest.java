package io.eventprocessor.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UuidsTest {
    @Test
    void takesAUuidsTextInEitherCase() {
        String text = UUID.randomUUID().toString();
        assertThat(Uuids.isUuid(text)).isTrue();
        assertThat(Uuids.isUuid(text.toUpperCase())).isTrue();
        assertThat(Uuids.isUuid("0123ABCD-abcd-EF01-89ab-cdefABCDEF09")).isTrue();
    }

    @Test
    void refusesWhatIsNotOne() {
        assertThat(Uuids.isUuid(null)).isFalse();
        assertThat(Uuids.isUuid("")).isFalse();
        assertThat(Uuids.isUuid("not-a-uuid")).isFalse();
        assertThat(Uuids.isUuid("0123abcd-abcd-ef01-89ab-cdefabcdef0")).as("35 characters").isFalse();
        assertThat(Uuids.isUuid("0123abcd-abcd-ef01-89ab-cdefabcdef012")).as("37 characters").isFalse();
        assertThat(Uuids.isUuid("0123abcdabcd-ef01-89ab-cdefabcdef0123")).as("a hyphen moved").isFalse();
        assertThat(Uuids.isUuid("0123abcg-abcd-ef01-89ab-cdefabcdef01")).as("g is not hexadecimal").isFalse();
        assertThat(Uuids.isUuid("0123abc\u0661-abcd-ef01-89ab-cdefabcdef01")).as("another script's digit").isFalse();
        assertThat(Uuids.isUuid("0123abc\uFF21-abcd-ef01-89ab-cdefabcdef01")).as("a full-width A").isFalse();
    }

    @Test
    void keepsAUuidInLowerCaseAndNothingElse() {
        assertThat(Uuids.canonical("0123ABCD-abcd-EF01-89ab-cdefABCDEF09")).isEqualTo("0123abcd-abcd-ef01-89ab-cdefabcdef09");
        String lower = UUID.randomUUID().toString();
        assertThat(Uuids.canonical(lower)).isEqualTo(lower);
        assertThat(Uuids.canonical("0123abcg-abcd-ef01-89ab-cdefabcdef01")).isNull();
        assertThat(Uuids.canonical(null)).isNull();
    }

    /** Strings one edit away from a UUID's text, each judged as the regular expression the check replaced judges it. */
    @Test
    void agreesWithTheRegularExpressionOnNearMisses() {
        Pattern regex = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
        String alphabet = "0123456789abcdefABCDEFgG-_ z\u0661";
        Random random = new Random(7);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(UUID.randomUUID().toString());
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> text.deleteCharAt(at);
                default -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
            boolean expected = regex.matcher(text).matches();
            assertThat(Uuids.isUuid(text)).as(text.toString()).isEqualTo(expected);
            if (expected) accepted++;
        }
        assertThat(accepted).as("some near misses are still UUIDs, so both answers were compared").isBetween(1_000, 19_000);
    }
}
