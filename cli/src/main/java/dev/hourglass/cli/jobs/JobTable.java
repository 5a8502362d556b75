package dev.hourglass.cli.jobs;

import dev.hourglass.client.model.JobView;
import dev.hourglass.client.model.Progress;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Jobs as people read them in a terminal. */
final class JobTable {

    private static final String ROW = "%-8s %-24s %-12s %-18s %6s %5s %-10s %s%n";

    private JobTable() {
    }

    static void list(PrintWriter out, List<JobView> jobs) {
        out.printf(Locale.ROOT, ROW, "ID", "NAME", "TEAM", "MODEL", "KN", "GPUS", "STATUS", "PROGRESS");
        for (JobView job : jobs) {
            out.printf(Locale.ROOT, ROW, job.getId(), cut(job.getName(), 24), cut(job.getTeam(), 12),
                    job.getModel().getValue(), job.getKn(), job.getGpus(), job.getStatus().getValue(),
                    progress(job.getProgress()));
        }
    }

    static void one(PrintWriter out, JobView job) {
        out.printf(Locale.ROOT, "job %d  %s%n", job.getId(), job.getName());
        out.printf(Locale.ROOT, "  status    %s%s%n", job.getStatus().getValue(),
                job.getFailureReason() == null ? "" : " (" + job.getFailureReason() + ")");
        if (job.getWaiting() != null) {
            out.printf(Locale.ROOT, "  waiting   %s: %s%n", job.getWaiting().getKind().getValue(),
                    job.getWaiting().getDetail());
        }
        out.printf(Locale.ROOT, "  team      %s%n", job.getTeam());
        out.printf(Locale.ROOT, "  model     %s on %s, kn=%d (%d GPUs x %d), seed %d%n", job.getModel().getValue(),
                job.getDataset(), job.getKn(), job.getGpus(), job.getPerGpuBatch(), job.getSeed());
        out.printf(Locale.ROOT, "  recipe    peak lr %s after %s epochs of warmup, %d iterations%n",
                job.getRecipe().getPeakLr(), job.getRecipe().getWarmup().getEpochs(),
                job.getRecipe().getTotalIterations());
        out.printf(Locale.ROOT, "  progress  %s%n", progress(job.getProgress()));
    }

    static String progress(Progress progress) {
        return String.format(Locale.ROOT, "%.0f%% (epoch %.1f of %.0f)", 100 * progress.getFraction(),
                progress.getEpoch(), progress.getTotalEpochs());
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "~";
    }
}
