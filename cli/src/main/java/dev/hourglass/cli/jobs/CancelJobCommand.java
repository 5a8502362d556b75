package dev.hourglass.cli.jobs;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a job that has not ended.")
final class CancelJobCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    Connection connection;
    @Mixin
    OutputFormat output;

    @Parameters(paramLabel = "ID")
    long id;
    @Option(names = "--if-match", description = "only if the job is still as this ETag saw it")
    String ifMatch;

    @Override
    public Integer call() throws Exception {
        output.print(spec.commandLine().getOut(), connection.jobs().cancelJob(id, ifMatch, null),
                (out, job) -> out.println("job " + job.getId() + " " + job.getStatus().getValue()));
        return ExitCodes.OK;
    }
}
