package dev.hourglass.recipe;

import java.util.List;
import java.util.stream.Collectors;

/** A recipe request that cannot be planned; carries every violation found, not only the first. */
public class InvalidRecipeException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidRecipeException(List<Violation> violations) {
        super(violations.stream().map(Violation::message).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
