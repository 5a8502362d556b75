package dev.hourglass.cli.jobs;

import dev.hourglass.client.ApiException;
import dev.hourglass.client.ApiClient;
import dev.hourglass.client.model.Problem;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./hourglass jobs}: the REST API from a shell, through the client generated from the API's contract. Exit
 * codes: {@link ExitCodes}.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Submit, list, follow and cancel training jobs on a control plane.",
        subcommands = {SubmitJobCommand.class, ListJobsCommand.class, GetJobCommand.class, CancelJobCommand.class,
                WatchJobCommand.class, JobMetricsCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (watch: the job succeeded)", "2:the command line was wrong",
                "3:the control plane refused the request (4xx)", "4:the control plane is unreachable or failed",
                "5:watch: the job failed", "6:watch: the job was cancelled"})
public final class JobsCommand {

    /** Reports a refusal as the problem's detail and exits with the code a script can branch on. */
    public static int handle(Exception failure, CommandLine command) {
        PrintWriter err = command.getErr();
        if (failure instanceof ApiException api) {
            if (api.getCode() == 0) {
                err.println("hourglass: the control plane did not answer: " + rootMessage(api));
                return ExitCodes.UNAVAILABLE;
            }
            err.println("hourglass: " + api.getCode() + " " + detail(api));
            return api.getCode() >= 500 ? ExitCodes.UNAVAILABLE : ExitCodes.REFUSED;
        }
        err.println("hourglass: " + rootMessage(failure));
        return ExitCodes.UNAVAILABLE;
    }

    private static String detail(ApiException api) {
        try {
            Problem problem = ApiClient.createDefaultObjectMapper().readValue(api.getResponseBody(), Problem.class);
            return problem.getDetail() != null ? problem.getDetail() : problem.getTitle();
        } catch (Exception notAProblem) {
            return api.getResponseBody() == null ? "" : api.getResponseBody();
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
