package dev.hourglass.cli;

import dev.hourglass.cli.jobs.JobsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The Java side of {@code ./hourglass}; the shell launcher handles {@code up} and {@code test}. */
@Command(name = "hourglass", mixinStandardHelpOptions = true,
        description = "Large-minibatch synchronous SGD, after Goyal et al. (2017).",
        subcommands = {RecipeCommand.class, JobsCommand.class})
public final class HourglassCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with the REST API's failures reported as exit codes a script can branch on. */
    public static CommandLine commandLine() {
        return new CommandLine(new HourglassCli())
                .setExecutionExceptionHandler((failure, command, parsed) -> JobsCommand.handle(failure, command));
    }
}
