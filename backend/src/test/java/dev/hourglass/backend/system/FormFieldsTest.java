package dev.hourglass.backend.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hourglass.recipe.WarmupKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A form's typed fields read with the API's messages; blank means absent. */
class FormFieldsTest {

    @Test
    void typedValuesReadAsTheApisTypesAndBlanksAsAbsent() {
        FormFields fields = new FormFields(Map.of("kn", " 8192 ", "baseLr", "0.2", "warmup", "constant", "epochs", "",
                "name", "  "));

        assertThat(fields.integer("kn")).isEqualTo(8192);
        assertThat(fields.number("baseLr")).isEqualTo(0.2);
        assertThat(fields.choice("warmup", WarmupKind.class)).isEqualTo(WarmupKind.CONSTANT);
        assertThat(fields.integer("epochs")).isNull();
        assertThat(fields.text("name")).isNull();
        assertThat(fields.longInteger("missing")).isNull();
        fields.requireValid();
    }

    @Test
    void everyFieldThatDoesNotReadIsNamedWithWhatWouldBeRight() {
        FormFields fields = new FormFields(Map.of("kn", "1.5", "baseLr", "fast", "warmup", "slow"));
        fields.integer("kn");
        fields.number("baseLr");
        fields.choice("warmup", WarmupKind.class);

        ApiException refused = catchThrowableOfType(ApiException.class, fields::requireValid);

        assertThat(refused.errors()).containsExactly(
                new ApiException.FieldError("kn", "field 'kn' must be an integer, got '1.5'"),
                new ApiException.FieldError("baseLr", "field 'baseLr' must be a number, got 'fast'"),
                new ApiException.FieldError("warmup", "field 'warmup' must be one of NONE, CONSTANT, GRADUAL, got 'slow'"));
    }
}
