package dev.hourglass.backend.system;

import dev.hourglass.recipe.InvalidRecipeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a form was refused, for the page that shows it again: the API's detail and its messages by field, which
 * the page puts beside the fields of those names.
 */
public record FormProblem(String detail, Map<String, String> fields) {

    public static FormProblem of(ApiException e) {
        return new FormProblem(e.getMessage(), byField(e.errors()));
    }

    public static FormProblem of(InvalidRecipeException e) {
        return new FormProblem(e.getMessage(), byField(e.violations().stream()
                .map(v -> new ApiException.FieldError(v.field(), v.message())).toList()));
    }

    /** Messages for one field are joined; the first field named keeps its place. */
    private static Map<String, String> byField(List<ApiException.FieldError> errors) {
        Map<String, String> fields = new LinkedHashMap<>();
        errors.forEach(error -> fields.merge(error.field(), error.message(), (a, b) -> a + "; " + b));
        return fields;
    }
}
