package dev.hourglass.bench.platform;

/** Where the agents' and their workers' classes are: built by ./hourglass bench, which passes both as properties. */
public record Classpaths(String agent, String worker) {

    static final String AGENT_PROPERTY = "hourglass.agent.classpath";
    static final String WORKER_PROPERTY = "hourglass.worker.classpath";

    static Classpaths fromProperties() {
        return new Classpaths(required(AGENT_PROPERTY), workerOnly());
    }

    /** The workers' classpath alone: for a benchmark that runs the trainer's programs without agents. */
    public static String workerOnly() {
        return required(WORKER_PROPERTY);
    }

    private static String required(String property) {
        String classpath = System.getProperty(property);
        if (classpath == null || classpath.isBlank()) {
            throw new IllegalStateException("-D" + property + " is needed: run through ./hourglass bench, which builds"
                    + " the agent and the worker and passes their classpaths");
        }
        return classpath;
    }
}
