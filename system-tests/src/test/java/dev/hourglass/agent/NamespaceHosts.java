package dev.hourglass.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Hosts on this one machine, for tests of what runs across hosts. Each host is a network namespace of its own with
 * its own address, and every process entered into it also gets its own hostname ({@code unshare --uts}) and its own
 * disk (a directory bind-mounted over one common path, so every host has "the same paths" with different files
 * behind them, as real nodes do). The hosts' veths meet on a bridge in a switch namespace of its own, away from
 * this machine's firewall (bridged traffic in the root namespace would pass its iptables FORWARD chain); one more
 * veth joins the root namespace to that bridge, so that a control plane in the test's JVM (whose network namespace
 * is fixed once it runs) is reached across the switch at {@link #controlPlaneAddress()}, like from another host.
 *
 * <p>Names carry the creating JVM's pid ({@code hgmh-PID-RANDOM-HOST}), so that namespaces left by a run that was
 * killed are found and removed by the next one ({@link #removeStale()}) without touching those of a run still going.
 * Needs root and iproute2's {@code ip}.
 */
final class NamespaceHosts implements AutoCloseable {

    static final String PREFIX = "hgmh-";
    private static final String SUBNET_PREFIX = "10.231.";

    /** One simulated host: {@code disk} is what it sees at {@link #mountPoint()}. */
    record Host(String name, String namespace, String address, Path disk) {
    }

    private final String id;
    private final String subnet;
    private final Path mountPoint;
    private final Path remoteShell;
    private final List<Host> hosts;
    private final List<String> namespaces = new ArrayList<>();

    private NamespaceHosts(String id, String subnet, Path mountPoint, Path remoteShell, List<Host> hosts) {
        this.id = id;
        this.subnet = subnet;
        this.mountPoint = mountPoint;
        this.remoteShell = remoteShell;
        this.hosts = hosts;
    }

    /**
     * Hosts of these names on a /24 of 10.231.0.0/16 that this machine does not use yet: the root namespace at .1,
     * the hosts from .2 in order.
     */
    static NamespaceHosts create(Path directory, List<String> names) throws IOException, InterruptedException {
        String id = ProcessHandle.current().pid() + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        String network = freeSubnet();
        Path mountPoint = Files.createDirectories(directory.resolve("node"));
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            hosts.add(new Host(names.get(i), PREFIX + id + "-" + i, network + "." + (i + 2),
                    Files.createDirectories(directory.resolve("disks").resolve(names.get(i)))));
        }
        NamespaceHosts created = new NamespaceHosts(id, network + ".0/24", mountPoint,
                directory.resolve("enter-host"), hosts);
        try {
            created.wire(network);
            created.writeRemoteShell();
        } catch (IOException | InterruptedException | RuntimeException failed) {
            created.close();
            throw failed;
        }
        return created;
    }

    private void wire(String network) throws IOException, InterruptedException {
        String sw = PREFIX + id + "-switch";
        addNamespace(sw);
        ip("-n", sw, "link", "add", "name", "switch", "type", "bridge");
        ip("-n", sw, "link", "set", "switch", "up");
        ip("link", "add", "name", rootLink(), "type", "veth", "peer", "name", "to-root", "netns", sw);
        ip("-n", sw, "link", "set", "to-root", "master", "switch", "up");
        ip("addr", "add", network + ".1/24", "dev", rootLink());
        ip("link", "set", rootLink(), "up");
        for (Host host : hosts) {
            addNamespace(host.namespace());
            ip("-n", sw, "link", "add", "name", port(host), "type", "veth", "peer", "name", "eth0", "netns",
                    host.namespace());
            ip("-n", sw, "link", "set", port(host), "master", "switch", "up");
            ip("-n", host.namespace(), "addr", "add", host.address() + "/24", "dev", "eth0");
            ip("-n", host.namespace(), "link", "set", "eth0", "up");
        }
    }

    private void addNamespace(String namespace) throws IOException, InterruptedException {
        ip("netns", "add", namespace);
        namespaces.add(namespace);
        ip("-n", namespace, "link", "set", "lo", "up");
    }

    /** Plays {@code ssh HOST COMMAND} for these hosts, as mpirun's {@code plm_rsh_agent}: ssh's words-joined-by-a-shell. */
    private void writeRemoteShell() throws IOException {
        String cases = hosts.stream().map(host -> "  " + host.address() + ") ns=" + quoted(host.namespace()) + " name="
                + quoted(host.name()) + " disk=" + quoted(host.disk().toString()) + " ;;").collect(Collectors.joining("\n"));
        Files.writeString(remoteShell, """
                #!/bin/sh
                # ssh HOST COMMAND for the test's namespace hosts: COMMAND's words are joined and run by a shell there.
                host="$1"; shift
                case "$host" in
                %s
                  *) echo "enter-host: '$host' is none of the test's hosts" >&2; exit 255 ;;
                esac
                exec ip netns exec "$ns" unshare --uts sh -c \
                  'hostname "$1" && mount --bind "$2" "$3" && shift 3 && exec sh -c "$*"' enter-host "$name" "$disk" %s "$@"
                """.formatted(cases, quoted(mountPoint.toString())));
        Files.setPosixFilePermissions(remoteShell, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    List<Host> hosts() {
        return hosts;
    }

    Host host(String name) {
        return hosts.stream().filter(host -> host.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no test host '" + name + "' among " + hosts));
    }

    /** Where the root namespace, and so the test's control plane, is reached from the hosts. */
    String controlPlaneAddress() {
        return subnet.substring(0, subnet.lastIndexOf('.')) + ".1";
    }

    /** The hosts' subnet in CIDR notation. */
    String subnet() {
        return subnet;
    }

    /** The path at which every host sees its own disk. */
    Path mountPoint() {
        return mountPoint;
    }

    /** The script that plays ssh between these hosts. */
    Path remoteShell() {
        return remoteShell;
    }

    /** {@code command}, run inside {@code host} with its hostname and disk (the words passed as they are). */
    List<String> inside(Host host, List<String> command) {
        List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace(), "unshare", "--uts", "sh",
                "-c", "hostname \"$1\" && mount --bind \"$2\" \"$3\" && shift 3 && exec \"$@\"", "enter-host",
                host.name(), host.disk().toString(), mountPoint.toString()));
        line.addAll(command);
        return line;
    }

    /** Pulls the host's cable: its switch port goes down, and nothing reaches it or leaves it any more. */
    void cutLink(Host host) throws IOException, InterruptedException {
        ip("-n", PREFIX + id + "-switch", "link", "set", port(host), "down");
    }

    /** Bytes that crossed the host's link so far, both ways. */
    long bytesThroughLink(Host host) throws IOException, InterruptedException {
        String rx = run(List.of("ip", "netns", "exec", host.namespace(), "cat", "/sys/class/net/eth0/statistics/rx_bytes"));
        String tx = run(List.of("ip", "netns", "exec", host.namespace(), "cat", "/sys/class/net/eth0/statistics/tx_bytes"));
        return Long.parseLong(rx.trim()) + Long.parseLong(tx.trim());
    }

    /** Whatever still runs inside the host, by pid. */
    List<Long> processes(Host host) throws IOException, InterruptedException {
        return pids(host.namespace());
    }

    /** Kills what still runs in these namespaces and removes them; their veths, the root one too, go with them. */
    @Override
    public void close() throws IOException, InterruptedException {
        for (String namespace : namespaces) {
            remove(namespace);
        }
        namespaces.clear();
    }

    /** Removes namespaces of this prefix whose creating JVM is gone (a run that was killed). */
    static void removeStale() throws IOException, InterruptedException {
        for (String line : run(List.of("ip", "netns", "list")).lines().toList()) {
            String namespace = line.split("\\s+")[0];
            if (!namespace.startsWith(PREFIX)) {
                continue;
            }
            String[] parts = namespace.substring(PREFIX.length()).split("-");
            boolean creatorAlive = parts[0].matches("\\d+")
                    && ProcessHandle.of(Long.parseLong(parts[0])).map(ProcessHandle::isAlive).orElse(false);
            if (!creatorAlive) {
                remove(namespace);
            }
        }
    }

    private static void remove(String namespace) throws IOException, InterruptedException {
        // until none is left: a dying parent may still have started a child (mpirun its daemon, the daemon its rank)
        AtomicReference<List<Long>> left = new AtomicReference<>(List.of());
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50)).alias("the processes in namespace " + namespace + " to end")
                    .until(() -> {
                        left.set(pids(namespace));
                        left.get().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
                        return left.get().isEmpty();
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("processes " + left.get() + " in namespace " + namespace
                    + " outlived kill -9", e);
        }
        run(List.of("ip", "netns", "delete", namespace));
    }

    private static List<Long> pids(String namespace) throws IOException, InterruptedException {
        return run(List.of("ip", "netns", "pids", namespace)).lines().filter(line -> !line.isBlank())
                .map(line -> Long.parseLong(line.trim())).toList();
    }

    private String rootLink() {
        return "hgmh" + id.substring(id.indexOf('-') + 1) + "cp";
    }

    private static String port(Host host) {
        return "to-" + host.namespace().substring(host.namespace().lastIndexOf('-') + 1);
    }

    private static String freeSubnet() throws IOException, InterruptedException {
        String used = run(List.of("ip", "-4", "-o", "addr")) + run(List.of("ip", "-4", "route"));
        for (int attempt = 0; attempt < 100; attempt++) {
            String candidate = SUBNET_PREFIX + ThreadLocalRandom.current().nextInt(256);
            if (!used.contains(candidate + ".")) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free /24 in " + SUBNET_PREFIX + "0.0/16 on this machine: " + used);
    }

    private static void ip(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(arguments));
        run(command);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("'" + String.join(" ", command) + "' failed: "
                    + new String(err, StandardCharsets.UTF_8).trim());
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
