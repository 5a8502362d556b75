package dev.hourglass.backend.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import dev.hourglass.protocol.JobStatus;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/**
 * Whatever code writes allocations, the schema itself refuses a double-booked GPU or a broken quota; and it keeps
 * a job's state to the protocol's words.
 */
class DatabaseGuardsTest extends ControlPlaneTest {

    @Test
    void theSchemaForbidsTwoLiveHoldersOfOneGpuAndAnAllocationAboveTheQuota() {
        startWithEmptyCluster();
        String node = newNodes(1).get(0);
        admin().post("/api/v1/nodes/" + node + "/drain", null); // so no scheduling pass places the jobs below
        String team = unique("guards");
        ApiClient member = newTeam(team, 1);
        long first = member.post("/api/v1/jobs", job("first", "resnet8", 32)).json().get("id").asLong();
        long second = member.post("/api/v1/jobs", job("second", "resnet8", 32)).json().get("id").asLong();
        long nodeId = jdbc.queryForObject("select id from nodes where name = ?", Long.class, node);
        long teamId = jdbc.queryForObject("select id from teams where name = ?", Long.class, team);
        jdbc.update("update jobs set status = 'CANCELLED' where id in (?, ?)", first, second);
        jdbc.update("insert into gpu_allocations (job_id, node_id, gpu_index, team_id) values (?, ?, 0, ?)", first, nodeId, teamId);

        assertThatThrownBy(() -> jdbc.update(
                "insert into gpu_allocations (job_id, node_id, gpu_index, team_id) values (?, ?, 0, ?)", second, nodeId, teamId))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("gpu_allocations_one_holder");
        assertThatThrownBy(() -> jdbc.update(
                "insert into gpu_allocations (job_id, node_id, gpu_index, team_id) values (?, ?, 1, ?)", second, nodeId, teamId))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("above its quota of 1");

        jdbc.update("update gpu_allocations set released_at = now() where job_id = ?", first);
        assertThat(jdbc.queryForObject("select count(*) from gpu_allocations where node_id = ? and released_at is null",
                Integer.class, nodeId)).isZero();
    }

    @Test
    void theSchemaAcceptsExactlyTheJobStatesOfTheProtocol() {
        String check = jdbc.queryForObject("""
                select pg_get_constraintdef(c.oid) from pg_constraint c join pg_class t on t.oid = c.conrelid
                where t.relname = 'jobs' and c.contype = 'c' and pg_get_constraintdef(c.oid) like '%status%'""",
                String.class);
        Set<String> allowed = new TreeSet<>();
        Matcher quoted = Pattern.compile("'([A-Z_]+)'").matcher(check);
        while (quoted.find()) {
            allowed.add(quoted.group(1));
        }

        assertThat(allowed).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(JobStatus.values()).map(Enum::name).toList());
    }
}
