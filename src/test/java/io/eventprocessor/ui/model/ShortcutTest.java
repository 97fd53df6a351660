package io.eventprocessor.ui.model;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/** Keys act without a modifier only while no field is edited; with Ctrl always; Esc and Page Down always. */
class ShortcutTest {

    @Test
    void digitsStartPresetsUnlessAFieldIsBeingEditedWithoutCtrl() {
        assertThat(Shortcut.of(KeyCode.DIGIT3, false, false)).isEqualTo(Shortcut.RUN_PRESET);
        assertThat(Shortcut.of(KeyCode.NUMPAD3, false, false)).isEqualTo(Shortcut.RUN_PRESET);
        assertThat(Shortcut.of(KeyCode.DIGIT3, false, true)).isEqualTo(Shortcut.NONE);
        assertThat(Shortcut.of(KeyCode.DIGIT3, true, true)).isEqualTo(Shortcut.RUN_PRESET);
        assertThat(Shortcut.preset(KeyCode.DIGIT1)).isZero();
        assertThat(Shortcut.preset(KeyCode.DIGIT4)).isEqualTo(3);
        assertThat(Shortcut.preset(KeyCode.DIGIT5)).isEqualTo(-1);
        assertThat(Shortcut.of(KeyCode.DIGIT5, false, false)).isEqualTo(Shortcut.NONE);
    }

    @Test
    void theGuideKeyFollowsTheSameRuleAndEscAndPageDownAlwaysAct() {
        assertThat(Shortcut.of(KeyCode.G, false, false)).isEqualTo(Shortcut.GUIDE_NEXT);
        assertThat(Shortcut.of(KeyCode.G, false, true)).isEqualTo(Shortcut.NONE);
        assertThat(Shortcut.of(KeyCode.G, true, true)).isEqualTo(Shortcut.GUIDE_NEXT);
        assertThat(Shortcut.of(KeyCode.PAGE_DOWN, false, true)).isEqualTo(Shortcut.GUIDE_NEXT);
        assertThat(Shortcut.of(KeyCode.ESCAPE, false, true)).isEqualTo(Shortcut.ESCAPE);
        assertThat(Shortcut.of(KeyCode.ESCAPE, false, false)).isEqualTo(Shortcut.ESCAPE);
        assertThat(Shortcut.of(KeyCode.A, false, false)).isEqualTo(Shortcut.NONE);
    }

    @Test
    void theResilienceMenuOpensOnlyWithCtrlInAFieldOrNot() {
        assertThat(Shortcut.of(KeyCode.F, true, false)).isEqualTo(Shortcut.FAULT_MENU);
        assertThat(Shortcut.of(KeyCode.F, true, true)).isEqualTo(Shortcut.FAULT_MENU);
        assertThat(Shortcut.of(KeyCode.F, false, false)).as("a plain F breaks nothing").isEqualTo(Shortcut.NONE);
        assertThat(Shortcut.of(KeyCode.F, false, true)).isEqualTo(Shortcut.NONE);
        assertThat(Shortcut.HINT).contains("Ctrl+F fault");
    }
}
