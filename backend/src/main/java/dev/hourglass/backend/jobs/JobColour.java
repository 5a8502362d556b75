package dev.hourglass.backend.jobs;

/** The colour a job has wherever the UI draws it (its GPUs on the cluster page, its allocation). */
public final class JobColour {

    /** Successive ids land far apart on the colour wheel, so neighbours on a node stay distinguishable. */
    private static final double GOLDEN_ANGLE_DEGREES = 137.508;

    private JobColour() {
    }

    public static String of(long jobId) {
        long hue = Math.round(jobId * GOLDEN_ANGLE_DEGREES % 360);
        return "hsl(" + hue + " 60% 44%)";
    }
}
