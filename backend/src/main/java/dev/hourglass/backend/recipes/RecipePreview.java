package dev.hourglass.backend.recipes;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.hourglass.recipe.LrPoint;
import dev.hourglass.recipe.RecipePlan;
import java.util.List;

/**
 * A preview: the plan's own fields, and the rate over the whole run for a chart.
 *
 * @param lrCurve {@link RecipePlan#learningRateCurve()}: a line through these points is the rate at every iteration
 */
public record RecipePreview(@JsonUnwrapped RecipePlan plan, List<LrPoint> lrCurve) {

    static RecipePreview of(RecipePlan plan) {
        return new RecipePreview(plan, plan.learningRateCurve());
    }
}
