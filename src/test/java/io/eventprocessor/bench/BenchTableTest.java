package io.eventprocessor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchTableTest {
    @Test
    void everyLineStartsWithItsSectionSoItCanBeGrepped() {
        List<String> lines = BenchTable.render(Samples.result()).lines().toList();
        assertThat(lines).allMatch(l -> l.matches("^(#|paced |burst |floor |ratio |memory |startup |goal ).*"), "section prefix");
        // 4 rates x (end_to_end, from intended, 4 other stages)
        assertThat(lines.stream().filter(l -> l.startsWith("paced "))).hasSize(4 * 6);
        assertThat(lines.stream().filter(l -> l.startsWith("burst "))).hasSize(2);
        assertThat(lines).anyMatch(l -> l.matches("paced\\s+200\\s+2000\\s+198\\.0\\s+end_to_end\\s+2000\\s+4\\.200\\s+12\\.600\\s+25\\.200"));
        assertThat(lines).anyMatch(l -> l.startsWith("goal") && l.contains("paced_200_end_to_end_p50") && l.endsWith(" MET"));
    }
}
