package dev.hourglass.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Bad requests are refused with a message a person can act on, naming the field. */
class RecipeValidationTest {

    static List<Arguments> badRequests() {
        return List.of(
                Arguments.of(RecipeRequest.of("resnet50", 0), "kn", "kn=0 must be positive"),
                Arguments.of(RecipeRequest.of("resnet50", -256), "kn", "kn=-256 must be positive"),
                Arguments.of(new RecipeRequest("resnet50", null, null, null, null, null), "kn", "kn is required"),
                Arguments.of(RecipeRequest.of("resnet50", 1000), "kn", "kn=1000 is not a multiple of perGpuBatch=32"),
                Arguments.of(RecipeRequest.of("resnet50", 320), "kn",
                        "needs k=10 GPUs; a job above 8 GPUs takes whole 8-GPU nodes, so k must be a multiple of 8:"
                                + " try kn=256 (8 GPUs) or kn=512 (16 GPUs)"),
                Arguments.of(RecipeRequest.of("resnet50", 2_097_152), "kn", "kn=2097152 is above the limit of 1048576"),
                Arguments.of(RecipeRequest.of("resnet50", 256).withPerGpuBatch(0), "perGpuBatch",
                        "perGpuBatch=0 must be positive"),
                Arguments.of(RecipeRequest.of("resnet50", 256).withEpochs(0), "epochs", "epochs=0 must be between 1 and 10000"),
                Arguments.of(RecipeRequest.of("resnet50", 256).withEpochs(10_001), "epochs",
                        "epochs=10001 must be between 1 and 10000"),
                Arguments.of(RecipeRequest.of("resnet50", 256).withDatasetSize(100L), "datasetSize",
                        "datasetSize=100 is smaller than one minibatch kn=256"),
                Arguments.of(RecipeRequest.of("resnet50", 256).withDatasetSize(0L), "datasetSize",
                        "datasetSize=0 must be between 1"),
                Arguments.of(RecipeRequest.of("resnet50", 256).withOverrides(
                                new RecipeOverrides(-0.1, null, null, null, null, null, null, null)), "overrides.baseLr",
                        "baseLr=-0.1 must be above 0"),
                Arguments.of(RecipeRequest.of("resnet50", 256).withEpochs(10).withOverrides(
                                new RecipeOverrides(null, null, null, 20.0, null, null, null, null)), "overrides.warmupEpochs",
                        "warmupEpochs=20.0 is longer than the run's epochs=10"),
                Arguments.of(RecipeRequest.of("resnet50", 256).withOverrides(
                                new RecipeOverrides(null, null, null, null, null, null, null, 0)), "overrides.referenceBatch",
                        "referenceBatch=0 must be between 1 and 1048576"),
                Arguments.of(RecipeRequest.of("alexnet", 256), "model",
                        "unknown model 'alexnet'; known models: resnet50, resnet101, resnet20, resnet8, "
                                + "mask-rcnn-r50-fpn, mask-rcnn-small"),
                Arguments.of(RecipeRequest.of(null, 256), "model", "model is required; known models: resnet50"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void refusesWithTheFieldAndWhatWouldBeRight(RecipeRequest request, String field, String message) {
        InvalidRecipeException refused = catchThrowableOfType(InvalidRecipeException.class,
                () -> RecipePlanner.plan(request));

        assertThat(refused).as("%s should be refused", request).isNotNull();
        assertThat(refused.violations()).anySatisfy(violation -> {
            assertThat(violation.field()).isEqualTo(field);
            assertThat(violation.message()).contains(message);
        });
    }

    @Test
    void reportsEveryViolationAtOnce() {
        InvalidRecipeException refused = catchThrowableOfType(InvalidRecipeException.class,
                () -> RecipePlanner.plan(new RecipeRequest("vgg", -1, null, 0, null, null)));

        assertThat(refused.violations()).extracting(Violation::field).containsExactly("model", "kn", "epochs");
    }
}
