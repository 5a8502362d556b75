package dev.hourglass.cli.jobs;

import dev.hourglass.client.model.JobPage;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List jobs, newest first.")
final class ListJobsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    Connection connection;
    @Mixin
    OutputFormat output;

    @Option(names = "--team")
    String team;
    @Option(names = "--status", description = "QUEUED, STARTING, RUNNING, SUCCEEDED, FAILED, CANCELLED")
    String status;
    @Option(names = "--page", defaultValue = "0")
    int page;
    @Option(names = "--size", defaultValue = "50")
    int size;

    @Override
    public Integer call() throws Exception {
        JobPage jobs = connection.jobs().listJobs(team, status == null ? null : status.toUpperCase(Locale.ROOT),
                page, size);
        if (output.json()) {
            output.printJson(spec.commandLine().getOut(), jobs);
        } else {
            JobTable.list(spec.commandLine().getOut(), jobs.getItems());
            spec.commandLine().getOut().printf(Locale.ROOT, "page %d: %d of %d job(s)%n", jobs.getPage(),
                    jobs.getItems().size(), jobs.getTotal());
        }
        return ExitCodes.OK;
    }
}
