package dev.hourglass.recipe;

import java.util.List;

/** How long a run is and where its step decays fall, as a model family's rules decide it. */
record TrainingLength(double epochs, long totalIterations, List<Long> stepIterations) {
}
