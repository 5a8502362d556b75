package dev.hourglass.bench.platform;

/** Where the agents' and their workers' classes are: built by ./hourglass bench, which passes both as properties. */
record Classpaths(String agent, String trainer) {

    static final String AGENT_PROPERTY = "hourglass.agent.classpath";
    static final String TRAINER_PROPERTY = "hourglass.trainer.classpath";

    static Classpaths fromProperties() {
        return new Classpaths(required(AGENT_PROPERTY), required(TRAINER_PROPERTY));
    }

    private static String required(String property) {
        String classpath = System.getProperty(property);
        if (classpath == null || classpath.isBlank()) {
            throw new IllegalStateException("-D" + property + " is needed: run through ./hourglass bench, which builds"
                    + " the agent and the trainer and passes both classpaths");
        }
        return classpath;
    }
}
