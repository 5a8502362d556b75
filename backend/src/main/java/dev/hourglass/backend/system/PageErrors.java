package dev.hourglass.backend.system;

import dev.hourglass.recipe.InvalidRecipeException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** Errors of {@link PageController}s as the error page; ahead of {@link ProblemHandler}, which answers in JSON. */
@ControllerAdvice(annotations = PageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    @ExceptionHandler(ApiException.class)
    ModelAndView api(ApiException e) {
        return page(e.status(), e.getMessage());
    }

    @ExceptionHandler(InvalidRecipeException.class)
    ModelAndView invalidRecipe(InvalidRecipeException e) {
        return page(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(TypeMismatchException.class)
    ModelAndView typeMismatch(TypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String expected = type != null && type.isEnum() ? "one of " + Arrays.stream(type.getEnumConstants())
                .map(String::valueOf).collect(Collectors.joining(", ")) : "a " + (type == null ? "value of another type"
                : type.getSimpleName().toLowerCase(Locale.ROOT));
        return page(HttpStatus.BAD_REQUEST, "parameter '" + e.getPropertyName() + "' must be " + expected + ", got '"
                + e.getValue() + "'");
    }

    @ExceptionHandler({ServletRequestBindingException.class, ErrorResponseException.class})
    ModelAndView request(Exception e) {
        ErrorResponse response = (ErrorResponse) e;
        return page(HttpStatus.valueOf(response.getStatusCode().value()), response.getBody().getDetail());
    }

    /** The model Spring Boot's error controller gives the same template. */
    static ModelAndView page(HttpStatus status, String message) {
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("error", status.getReasonPhrase());
        page.addObject("message", message);
        return page;
    }
}
