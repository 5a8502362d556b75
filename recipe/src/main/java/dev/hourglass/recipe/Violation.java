package dev.hourglass.recipe;

/** One thing wrong with a request: which field, and what would be right. */
public record Violation(String field, String message) {
}
