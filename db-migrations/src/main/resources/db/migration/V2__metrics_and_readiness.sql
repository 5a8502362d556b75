-- Metric series that workers stream through their agents, and the readiness handshake before a launch.

-- One row per accepted batch: a batch sent again finds its sequence here and is not stored twice.
create table metric_batches (
    job_id      bigint      not null references jobs (id),
    sequence    bigint      not null check (sequence > 0),
    points      integer     not null,
    received_at timestamptz not null default now(),
    primary key (job_id, sequence)
);

create table metric_points (
    job_id         bigint           not null references jobs (id),
    batch_sequence bigint           not null,
    name           varchar(64)      not null,
    iteration      bigint           not null,
    value          double precision not null,
    measured_at    timestamptz      not null
);
create index metric_points_series on metric_points (job_id, name, iteration);
create index metric_points_batches on metric_points (job_id, batch_sequence);

-- A node's agent is ready for a job (its data and devices prepared); the launcher waits for all of them.
create table job_node_readiness (
    job_id   bigint      not null references jobs (id),
    node_id  bigint      not null references nodes (id),
    ready_at timestamptz not null default now(),
    primary key (job_id, node_id)
);
