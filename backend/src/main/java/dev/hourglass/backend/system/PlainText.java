package dev.hourglass.backend.system;

/** Checks on the free text users give (job names, dataset paths) before it is stored or passed to a node. */
public final class PlainText {

    private PlainText() {
    }

    /** Whether {@code text} holds a control character: NUL, which PostgreSQL refuses to store, line breaks, tabs. */
    public static boolean hasControlCharacter(String text) {
        return text != null && text.chars().anyMatch(Character::isISOControl);
    }
}
