package dev.hourglass.agent;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The subnet that {@code mpirun}, its daemons and the ranks talk over (Open MPI's out-of-band channel and its TCP
 * transport), e.g. the cluster's data network. Unset, Open MPI uses every interface but loopback, which on a
 * host with docker or VPN bridges can pick one the other nodes cannot reach.
 */
record MpiNetwork(String cidr) {

    static final MpiNetwork ANY = new MpiNetwork(null);
    private static final Pattern IPV4_CIDR = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(3[0-2]|[12]?\\d)");

    static MpiNetwork parse(String value) {
        if (value == null || value.isBlank()) {
            return ANY;
        }
        if (!IPV4_CIDR.matcher(value.trim()).matches()) {
            throw new IllegalArgumentException("--mpi-network '" + value + "' is not an IPv4 subnet in CIDR notation;"
                    + " give the nodes' network, e.g. 10.1.0.0/16");
        }
        return new MpiNetwork(value.trim());
    }

    /**
     * Open MPI's settings for this subnet: both channels on its interfaces only, and TCP as the only transport
     * between ranks besides a rank to itself (one rank per node leaves no on-node peer for shared memory).
     */
    List<String> mpirunOptions() {
        if (cidr == null) {
            return List.of();
        }
        return List.of("--mca", "oob_tcp_if_include", cidr, "--mca", "btl", "tcp,self", "--mca", "btl_tcp_if_include",
                cidr);
    }
}
