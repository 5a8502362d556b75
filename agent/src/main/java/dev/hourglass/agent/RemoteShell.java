package dev.hourglass.agent;

/**
 * How the launcher's {@code mpirun} starts ranks on the job's other nodes: {@code local} when every node of the
 * job is on this host (two agents on one machine), {@code ssh} between real hosts, or any command that plays
 * {@code ssh HOST CMD} (e.g. a script entering a network namespace).
 */
record RemoteShell(String command) {

    static final RemoteShell LOCAL = new RemoteShell("local");
    static final RemoteShell SSH = new RemoteShell("ssh");

    static RemoteShell parse(String value) {
        return value == null || value.isBlank() || value.equals("ssh") ? SSH
                : value.equals("local") ? LOCAL : new RemoteShell(value);
    }

    boolean isLocal() {
        return this.equals(LOCAL);
    }
}
