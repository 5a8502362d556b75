package dev.hourglass.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The Java side of {@code ./hourglass}; the shell launcher handles {@code up} and {@code test}. */
@Command(name = "hourglass", mixinStandardHelpOptions = true,
        description = "Large-minibatch synchronous SGD, after Goyal et al. (2017).",
        subcommands = {RecipeCommand.class})
public final class HourglassCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new HourglassCli()).execute(args));
    }
}
