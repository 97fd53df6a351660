package io.eventprocessor.ui.model;

import io.eventprocessor.loadgen.Scenario;
import javafx.scene.input.KeyCode;

/**
 * The dashboard's keys. Without a modifier they act only while no text field is being edited, so a digit typed
 * into a field stays in the field; with Ctrl (Cmd on a Mac) they act whatever has the focus, and never reach a field.
 * Esc and Page Down (a presenter's clicker) act always. Ctrl+F opens the Resilience menu, and only with Ctrl: breaking a
 * part of the pipeline takes a deliberate key, then a choice in the menu.
 */
public enum Shortcut {
    NONE, RUN_PRESET, GUIDE_NEXT, ESCAPE, FAULT_MENU;

    /** One line for the screen, saying how the keys work. */
    public static final String HINT = "Keys: 1-4 run, G guided demo, Esc stop, Ctrl+F fault. In a field: Ctrl+key";

    /** What a key press does; {@code editing} is true while a text field has the focus. */
    public static Shortcut of(KeyCode code, boolean shortcutDown, boolean editing) {
        if (code == KeyCode.ESCAPE) return ESCAPE;
        if (code == KeyCode.PAGE_DOWN) return GUIDE_NEXT;
        if (code == KeyCode.F) return shortcutDown ? FAULT_MENU : NONE;
        if (editing && !shortcutDown) return NONE;
        if (preset(code) >= 0) return RUN_PRESET;
        if (code == KeyCode.G) return GUIDE_NEXT;
        return NONE;
    }

    /** The preset a digit key starts (0 for key 1), or -1. */
    public static int preset(KeyCode code) {
        int i = switch (code) {
            case DIGIT1, NUMPAD1 -> 0;
            case DIGIT2, NUMPAD2 -> 1;
            case DIGIT3, NUMPAD3 -> 2;
            case DIGIT4, NUMPAD4 -> 3;
            default -> -1;
        };
        return i < Scenario.PRESETS.size() ? i : -1;
    }
}
