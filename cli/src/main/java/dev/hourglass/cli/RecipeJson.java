package dev.hourglass.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hourglass.recipe.RecipePlan;

/** The plan as the REST API writes it: the record's components, nulls left out. */
final class RecipeJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private RecipeJson() {
    }

    static String write(RecipePlan plan) throws JsonProcessingException {
        return MAPPER.writeValueAsString(plan);
    }
}
