package dev.hourglass.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.protocol.Assignment.AssignedNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MpirunCommandTest {

    private static final List<AssignedNode> TWO_HOSTS = List.of(new AssignedNode("node-01", "10.1.0.11", List.of(0, 1)),
            new AssignedNode("node-02", "10.1.0.12", List.of(0, 1)));

    @TempDir
    Path dir;

    @Test
    void acrossHostsOneRankPerNodeInRankOrderThroughTheRemoteShellOnTheGivenSubnet() throws Exception {
        Path hostfile = dir.resolve("hostfile");

        List<String> command = MpirunCommand.build(TWO_HOSTS, hostfile, RemoteShell.parse("/opt/enter-host"),
                MpiNetwork.parse("10.1.0.0/16"), List.of("java", "Worker"), dir.resolve("spec.json"), false);

        assertThat(Files.readString(hostfile)).isEqualTo("10.1.0.11 slots=1\n10.1.0.12 slots=1\n");
        assertThat(String.join(" ", command)).startsWith("mpirun --oversubscribe --bind-to none --map-by node -np 2")
                .contains("--mca plm_rsh_agent /opt/enter-host")
                .contains("--mca oob_tcp_if_include 10.1.0.0/16 --mca btl tcp,self --mca btl_tcp_if_include 10.1.0.0/16")
                .endsWith("java Worker " + dir.resolve("spec.json"))
                .doesNotContain("--allow-run-as-root");
    }

    @Test
    void withoutASubnetOpenMpiChoosesItsInterfacesAndOnOneHostNoRemoteShellIsUsed() throws Exception {
        List<String> command = MpirunCommand.build(TWO_HOSTS, dir.resolve("hostfile"), RemoteShell.LOCAL, MpiNetwork.ANY,
                List.of("worker"), dir.resolve("spec.json"), true);

        assertThat(Files.readString(dir.resolve("hostfile"))).isEqualTo("localhost slots=2\n");
        assertThat(command).contains("--allow-run-as-root").doesNotContain("plm_rsh_agent", "oob_tcp_if_include", "btl");
        assertThat(Collections.indexOfSubList(command, List.of("--map-by", "slot"))).isPositive();
    }

    @Test
    void aSubnetMustBeAnIpv4Cidr() {
        assertThat(MpiNetwork.parse(" ")).isEqualTo(MpiNetwork.ANY);
        assertThat(MpiNetwork.parse("192.168.7.0/24").cidr()).isEqualTo("192.168.7.0/24");
        for (String wrong : List.of("10.1.0.0", "eth0", "10.1.0.256/16", "10.1.0.0/33")) {
            assertThatThrownBy(() -> MpiNetwork.parse(wrong)).as(wrong)
                    .hasMessage("--mpi-network '" + wrong + "' is not an IPv4 subnet in CIDR notation; give the nodes'"
                            + " network, e.g. 10.1.0.0/16");
        }
    }
}
