package dev.hourglass.backend.jobs;

import dev.hourglass.backend.system.FormFields;
import dev.hourglass.recipe.LearningRateScaling;
import dev.hourglass.recipe.RecipeOverrides;
import dev.hourglass.recipe.WarmupKind;
import java.util.Map;

/**
 * The submit page's fields as typed. Their names are the API's field names ({@code kn},
 * {@code overrides.baseLr}), so that the API's messages land beside the fields they are about.
 */
public record SubmitJobForm(Map<String, String> values) {

    /** A job that runs on {@code ./hourglass up}'s two local nodes as it is. */
    static SubmitJobForm defaults() {
        return new SubmitJobForm(Map.of("model", "resnet8", "dataset", DatasetReference.GENERATED, "kn", "256",
                "priority", "0"));
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    /** @throws dev.hourglass.backend.system.ApiException naming each field that is not of its type */
    SubmitJobRequest toRequest() {
        FormFields fields = new FormFields(values);
        RecipeOverrides overrides = new RecipeOverrides(fields.number("overrides.baseLr"),
                fields.choice("overrides.scaling", LearningRateScaling.class),
                fields.choice("overrides.warmup", WarmupKind.class), fields.number("overrides.warmupEpochs"),
                null, null, null, null);
        SubmitJobRequest request = new SubmitJobRequest(fields.text("name"), fields.text("team"),
                fields.text("model"), fields.text("dataset"), fields.integer("kn"), fields.integer("perGpuBatch"),
                fields.integer("epochs"), fields.longInteger("datasetSize"), fields.integer("priority"),
                overrides.changesNothing() ? null : overrides, fields.text("allreduce"),
                fields.longInteger("backboneFrom"), fields.longInteger("seed"));
        fields.requireValid();
        return request;
    }
}
