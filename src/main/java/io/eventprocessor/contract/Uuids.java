package io.eventprocessor.contract;

import java.util.Locale;

/**
 * The text of a UUID as the outbox and the payloads carry it: 36 characters, hexadecimal digits (either case) grouped
 * 8-4-4-4-12 by hyphens. Checked character by character: it runs for every identifier of every event, where a regular
 * expression's matcher cost the processor's thread more than the check itself.
 */
public final class Uuids {
    private static final int LENGTH = 36;

    private Uuids() {}

    /** True when {@code text} is a UUID's text; false for null. */
    public static boolean isUuid(CharSequence text) {
        if (text == null || text.length() != LENGTH) return false;
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : isHexDigit(c);
            if (!ok) return false;
        }
        return true;
    }

    /** {@code text} as the pipeline keeps a UUID, in lower case, when it is a UUID's text; null otherwise. */
    public static String canonical(CharSequence text) {
        return isUuid(text) ? text.toString().toLowerCase(Locale.ROOT) : null;
    }

    /** ASCII only: {@link Character#digit} would also take other scripts' digits. */
    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
