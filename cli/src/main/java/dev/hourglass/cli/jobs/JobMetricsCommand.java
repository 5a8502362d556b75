package dev.hourglass.cli.jobs;

import dev.hourglass.client.model.JobMetrics;
import dev.hourglass.client.model.Point;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "A job's metric series: each one's latest value (-o json: every point).")
final class JobMetricsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    Connection connection;
    @Mixin
    OutputFormat output;

    @Parameters(paramLabel = "ID")
    long id;
    @Option(names = "--names", description = "comma-separated series, e.g. train.loss,val.top1_error (default: all)")
    String names;
    @Option(names = "--points", defaultValue = "1000", description = "at most this many points per series")
    int points;

    @Override
    public Integer call() throws Exception {
        JobMetrics metrics = connection.jobs().getJobMetrics(id, names, points);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            output.printJson(out, metrics);
            return ExitCodes.OK;
        }
        out.printf(Locale.ROOT, "%-28s %8s %12s %14s%n", "SERIES", "POINTS", "ITERATION", "LATEST");
        for (Map.Entry<String, List<Point>> series : metrics.getSeries().entrySet()) {
            List<Point> values = series.getValue();
            if (values.isEmpty()) {
                continue;
            }
            Point latest = values.get(values.size() - 1);
            out.printf(Locale.ROOT, "%-28s %8d %12d %14.6g%n", series.getKey(), values.size(), latest.getIteration(),
                    latest.getValue());
        }
        return ExitCodes.OK;
    }
}
