package dev.hourglass.cli.jobs;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "get", mixinStandardHelpOptions = true, description = "Show a job.")
final class GetJobCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    Connection connection;
    @Mixin
    OutputFormat output;

    @Parameters(paramLabel = "ID")
    long id;

    @Override
    public Integer call() throws Exception {
        output.print(spec.commandLine().getOut(), connection.jobs().getJob(id), JobTable::one);
        return ExitCodes.OK;
    }
}
