package dev.hourglass.backend.recipes;

import dev.hourglass.recipe.RecipePlanner;
import dev.hourglass.recipe.RecipeRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Derive a recipe without side effects; the same rules a submission runs with. */
@Tag(name = "recipes", description = "The paper's recipe for a minibatch")
@RestController
public class RecipeController {

    @Operation(operationId = "previewRecipe", summary = "Derive a recipe without side effects")
    @PostMapping("/api/v1/recipes/preview")
    RecipePreview preview(@RequestBody RecipeRequest request) {
        return RecipePreview.of(RecipePlanner.plan(request));
    }
}
