package dev.hourglass.backend.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.hourglass.recipe.InvalidRecipeException;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every API error as application/problem+json with a detail a person can act on and the offending fields. */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    ProblemDetail api(ApiException e) {
        return ProblemResponses.problem(e.status(), e.getMessage(), e.errors());
    }

    @ExceptionHandler(InvalidRecipeException.class)
    ProblemDetail invalidRecipe(InvalidRecipeException e) {
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, e.getMessage(), e.violations().stream()
                .map(v -> new ApiException.FieldError(v.field(), v.message())).toList());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "another type" : describe(e.getRequiredType());
        String message = "parameter '" + e.getName() + "' must be " + expected + ", got '" + e.getValue() + "'";
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, message, List.of(new ApiException.FieldError(e.getName(), message)));
    }

    /** The database's own message names tables and constraints: it goes to the log, not to the caller. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail integrity(DataIntegrityViolationException e) {
        log.warn("refused by a database constraint: {}", e.getMostSpecificCause().getMessage());
        return ProblemResponses.problem(HttpStatus.CONFLICT, "the request conflicts with what is stored (another"
                + " request may have changed it); reload and try again", List.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof RequestSizeLimitFilter.BodyTooLargeException tooLarge
                || cause != null && cause.getCause() instanceof RequestSizeLimitFilter.BodyTooLargeException) {
            return respond(HttpStatus.PAYLOAD_TOO_LARGE, cause.getMessage(), List.of());
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            Collection<Object> known = unknown.getKnownPropertyIds();
            String message = "unknown field '" + field + "'" + (known == null ? "" : "; known fields: "
                    + known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
            return respond(HttpStatus.BAD_REQUEST, message, List.of(new ApiException.FieldError(field, message)));
        }
        if (cause instanceof InvalidFormatException invalid) {
            String field = path(invalid);
            String message = "field '" + field + "' must be " + describe(invalid.getTargetType()) + ", got '"
                    + invalid.getValue() + "'";
            return respond(HttpStatus.BAD_REQUEST, message, List.of(new ApiException.FieldError(field, message)));
        }
        if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            String field = path(mismatched);
            String message = "field '" + field + "' must be " + describe(mismatched.getTargetType());
            return respond(HttpStatus.BAD_REQUEST, message, List.of(new ApiException.FieldError(field, message)));
        }
        if (cause instanceof JsonProcessingException parse) {
            return respond(HttpStatus.BAD_REQUEST, "malformed JSON: " + parse.getOriginalMessage(), List.of());
        }
        return respond(HttpStatus.BAD_REQUEST, "the request needs a JSON body", List.of());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<ApiException.FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new ApiException.FieldError(f.getField(), f.getField() + " " + f.getDefaultMessage()))
                .toList();
        return respond(HttpStatus.BAD_REQUEST,
                errors.stream().map(ApiException.FieldError::message).collect(Collectors.joining("; ")), errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<ApiException.FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> {
                    String name = result.getMethodParameter().getParameterName();
                    return new ApiException.FieldError(name, name + " " + error.getDefaultMessage());
                }))
                .toList();
        return respond(HttpStatus.BAD_REQUEST,
                errors.stream().map(ApiException.FieldError::message).collect(Collectors.joining("; ")), errors);
    }

    private static ResponseEntity<Object> respond(HttpStatus status, String detail, List<ApiException.FieldError> errors) {
        return ResponseEntity.status(status).body(ProblemResponses.problem(status, detail, errors));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type.isRecord()) {
            return "an object";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "a " + type.getSimpleName();
    }
}
