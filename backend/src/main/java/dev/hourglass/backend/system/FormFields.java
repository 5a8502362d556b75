package dev.hourglass.backend.system;

import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * A submitted form's fields as typed, read into the API's types with the API's words for what is wrong
 * ({@code field 'kn' must be an integer, got '1.5'}). Blank fields read as absent.
 */
public final class FormFields {

    private final Map<String, String> values;
    private final List<ApiException.FieldError> errors = new ArrayList<>();

    public FormFields(Map<String, String> values) {
        this.values = values;
    }

    public String text(String field) {
        String value = values.get(field);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public Integer integer(String field) {
        String value = text(field);
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return invalid(field, "an integer", value);
        }
    }

    public Long longInteger(String field) {
        String value = text(field);
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return invalid(field, "an integer", value);
        }
    }

    public Double number(String field) {
        String value = text(field);
        try {
            return value == null ? null : Double.valueOf(value);
        } catch (NumberFormatException e) {
            return invalid(field, "a number", value);
        }
    }

    /** Case does not matter, as in the API's JSON. */
    public <E extends Enum<E>> E choice(String field, Class<E> type) {
        String value = text(field);
        if (value == null) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equalsIgnoreCase(value)).findFirst()
                .orElseGet(() -> invalid(field, "one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                        .collect(Collectors.joining(", ")), value));
    }

    /** @throws ApiException listing every field that did not read */
    public void requireValid() {
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, errors.stream().map(ApiException.FieldError::message)
                    .collect(Collectors.joining("; ")), errors);
        }
    }

    /**
     * Checks an API request record's Bean Validation constraints, with the words the API uses for them
     * ({@code name must not be blank}).
     *
     * @throws ApiException listing every field at fault
     */
    public static void validate(Validator validator, Object request) {
        List<ApiException.FieldError> errors = validator.validate(request).stream()
                .map(v -> new ApiException.FieldError(v.getPropertyPath().toString(),
                        v.getPropertyPath() + " " + v.getMessage()))
                .sorted(Comparator.comparing(ApiException.FieldError::field))
                .toList();
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, errors.stream().map(ApiException.FieldError::message)
                    .collect(Collectors.joining("; ")), errors);
        }
    }

    private <T> T invalid(String field, String expected, String value) {
        errors.add(new ApiException.FieldError(field, "field '" + field + "' must be " + expected + ", got '"
                + value + "'"));
        return null;
    }
}
