package dev.hourglass.backend.recipes;

import dev.hourglass.recipe.RecipePlanner;
import dev.hourglass.recipe.RecipeRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Derive a recipe without side effects; the same rules a submission runs with. */
@RestController
public class RecipeController {

    @PostMapping("/api/v1/recipes/preview")
    RecipePreview preview(@RequestBody RecipeRequest request) {
        return RecipePreview.of(RecipePlanner.plan(request));
    }
}
