package dev.hourglass.backend.metrics;

import dev.hourglass.backend.system.ApiException;
import dev.hourglass.protocol.MetricBatch;
import dev.hourglass.protocol.MetricBatchReceipt;
import dev.hourglass.protocol.MetricPoint;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Metric series in PostgreSQL: batches stored exactly once and in order, read back whole or downsampled. */
@Repository
public class MetricStore {

    public static final int MAX_POINTS_PER_BATCH = 10_000;
    public static final Pattern SERIES_NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    private final JdbcClient jdbc;
    /** JdbcClient gives no access to the connection, which COPY needs. */
    private final JdbcTemplate connections;

    public MetricStore(JdbcClient jdbc, JdbcTemplate connections) {
        this.jdbc = jdbc;
        this.connections = connections;
    }

    /** One point of a series as the API returns it. */
    public record Point(long iteration, double value) {
    }

    /** A point with its series name and batch, as the live stream sends it. */
    public record StreamedPoint(long sequence, String name, long iteration, double value, long time) {
    }

    /**
     * Stores the batch if it is the next one of the job, acknowledges it if it arrived before, and refuses a
     * gap (409 naming the sequence expected) so that no point is silently lost.
     */
    @Transactional
    public MetricBatchReceipt store(long jobId, MetricBatch batch) {
        validate(batch);
        // Serialises batches of one job, so that two retries of one batch cannot both pass the check below.
        if (jdbc.sql("select id from jobs where id = ? for update").param(jobId).query(Long.class).list().isEmpty()) {
            throw ApiException.notFound("no job " + jobId);
        }
        long last = jdbc.sql("select coalesce(max(sequence), 0) from metric_batches where job_id = ?")
                .param(jobId).query(Long.class).single();
        if (batch.sequence() <= last) {
            return new MetricBatchReceipt(false, last + 1);
        }
        if (batch.sequence() != last + 1) {
            throw new ApiException(HttpStatus.CONFLICT, "metric batch " + batch.sequence() + " of job " + jobId
                    + " skips ahead: the next batch expected is " + (last + 1) + "; send the batches in order",
                    List.of(new ApiException.FieldError("sequence", "expected " + (last + 1))));
        }
        jdbc.sql("insert into metric_batches (job_id, sequence, points) values (?, ?, ?)")
                .params(jobId, batch.sequence(), batch.points().size()).update();
        copy(jobId, batch);
        return new MetricBatchReceipt(true, batch.sequence() + 1);
    }

    /** COPY, PostgreSQL's bulk path: several times the rate of row inserts for batches of hundreds of points. */
    private void copy(long jobId, MetricBatch batch) {
        StringBuilder csv = new StringBuilder(batch.points().size() * 64);
        for (MetricPoint point : batch.points()) {
            // Names match SERIES_NAME (no comma or quote); NaN and Infinity are valid double precision input.
            csv.append(jobId).append(',').append(batch.sequence()).append(',').append(point.name()).append(',')
                    .append(point.iteration()).append(',').append(point.value()).append(',')
                    .append(Instant.ofEpochMilli(point.time())).append('\n');
        }
        connections.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "copy metric_points (job_id, batch_sequence, name, iteration, value, measured_at)"
                                + " from stdin with (format csv)", new StringReader(csv.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** How much of one series is stored: its points and the first and last iteration they fall on. */
    private record Extent(String name, long points, long first, long last) {
    }

    /**
     * The job's series, each downsampled to at most {@code maxPoints} points by averaging over equal ranges
     * of iterations, so that a chart of a million-step run stays fast.
     *
     * @param names the series wanted; empty for all
     */
    public Map<String, List<Point>> series(long jobId, Collection<String> names, int maxPoints) {
        Map<String, Object> params = new java.util.HashMap<>(Map.of("job", jobId));
        String nameFilter = "";
        if (!names.isEmpty()) {
            params.put("names", names);
            nameFilter = " and name in (:names)";
        }
        Map<String, List<Point>> result = new LinkedHashMap<>();
        List<Extent> extents = jdbc.sql("select name, count(*), min(iteration), max(iteration) from metric_points"
                        + " where job_id = :job" + nameFilter + " group by name order by name")
                .params(params)
                .query((rs, i) -> new Extent(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
        for (Extent extent : extents) {
            String name = extent.name();
            long count = extent.points();
            long first = extent.first();
            long span = extent.last() - first + 1;
            long bucket = count <= maxPoints ? 1 : (span + maxPoints - 1) / maxPoints;
            List<Point> points = count <= maxPoints
                    ? jdbc.sql("select iteration, value from metric_points where job_id = ? and name = ?"
                                    + " order by iteration, batch_sequence")
                            .params(jobId, name).query((rs, i) -> new Point(rs.getLong(1), rs.getDouble(2))).list()
                    : jdbc.sql("select max(iteration), avg(value) from metric_points where job_id = ? and name = ?"
                                    + " group by (iteration - ?) / ? order by 1")
                            .params(jobId, name, first, bucket)
                            .query((rs, i) -> new Point(rs.getLong(1), rs.getDouble(2))).list();
            result.put(name, points);
        }
        return result;
    }

    /** Points of batches after {@code sequence}, in order: what a reconnecting live client missed. */
    public List<StreamedPoint> after(long jobId, long sequence) {
        return jdbc.sql("""
                select batch_sequence, name, iteration, value, measured_at from metric_points
                where job_id = ? and batch_sequence > ? order by batch_sequence, iteration""")
                .params(jobId, sequence)
                .query((rs, i) -> new StreamedPoint(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getDouble(4),
                        rs.getTimestamp(5).getTime()))
                .list();
    }

    private static void validate(MetricBatch batch) {
        if (batch.sequence() < 1) {
            throw ApiException.invalid("sequence", "sequence=" + batch.sequence() + " must start at 1");
        }
        if (batch.points() == null || batch.points().size() > MAX_POINTS_PER_BATCH) {
            throw ApiException.invalid("points", "points must be a list of at most " + MAX_POINTS_PER_BATCH + " points");
        }
        java.util.Set<String> validNames = new java.util.HashSet<>();
        for (int i = 0; i < batch.points().size(); i++) {
            MetricPoint point = batch.points().get(i);
            if (point == null || point.name() == null || !validNames.contains(point.name())
                    && (point.name().length() > 64 || !SERIES_NAME.matcher(point.name()).matches())) {
                throw ApiException.invalid("points[" + i + "].name", "series names look like 'train.loss':"
                        + " lower-case words joined by '.', at most 64 characters");
            }
            validNames.add(point.name());
            // A NaN loss is a result (a diverged run), so non-finite values are stored; JSON carries them as strings.
            if (point.iteration() < 0) {
                throw ApiException.invalid("points[" + i + "].iteration", "iteration must be at least 0, got "
                        + point.iteration());
            }
        }
    }
}
