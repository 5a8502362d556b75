-- The control plane's state: teams and their GPU quotas, users and API tokens, nodes, jobs and the GPUs
-- they hold. PostgreSQL is the only source of truth: a restart of the control plane loses nothing.

create table teams (
    id          bigserial primary key,
    name        varchar(64) not null unique check (name ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
    quota_gpus  integer     not null default 0 check (quota_gpus >= 0),
    created_at  timestamptz not null default now()
);

create table users (
    id            bigserial primary key,
    username      varchar(64)  not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    password_hash varchar(100),
    role          varchar(16)  not null check (role in ('ADMIN', 'MEMBER')),
    team_id       bigint       references teams (id),
    created_at    timestamptz  not null default now(),
    check (role = 'ADMIN' or team_id is not null)
);

-- Only a SHA-256 of each token is kept; the token itself is shown once, when it is created.
create table api_tokens (
    id           bigserial primary key,
    user_id      bigint      not null references users (id) on delete cascade,
    name         varchar(100) not null,
    token_hash   varchar(64) not null unique,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index api_tokens_user on api_tokens (user_id);

create table nodes (
    id                bigserial primary key,
    name              varchar(100) not null unique,
    gpu_count         integer      not null check (gpu_count between 1 and 64),
    gpu_model         varchar(100) not null,
    address           varchar(255),
    state             varchar(16)  not null check (state in ('READY', 'DRAINING', 'LOST')),
    registered_at     timestamptz  not null default now(),
    last_heartbeat_at timestamptz  not null default now()
);

create table jobs (
    id               bigserial primary key,
    name             varchar(200) not null,
    team_id          bigint       not null references teams (id),
    submitted_by     bigint       not null references users (id),
    model            varchar(64)  not null,
    dataset          varchar(1024) not null,
    kn               integer      not null check (kn > 0),
    per_gpu_batch    integer      not null check (per_gpu_batch > 0),
    gpus             integer      not null check (gpus > 0),
    priority         integer      not null default 0,
    request          jsonb        not null,
    recipe           jsonb        not null,
    status           varchar(16)  not null
        check (status in ('QUEUED', 'STARTING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    wait_kind        varchar(32),
    wait_detail      text,
    failure_reason   text,
    iteration        bigint       not null default 0,
    iters_per_epoch  bigint       not null,
    total_iterations bigint       not null,
    submitted_at     timestamptz  not null default now(),
    started_at       timestamptz,
    ended_at         timestamptz
);
create index jobs_queue on jobs (priority desc, submitted_at, id) where status = 'QUEUED';
create index jobs_team_status on jobs (team_id, status);

-- One row per GPU a job held; released_at is set when the job ends.
create table gpu_allocations (
    job_id       bigint      not null references jobs (id),
    node_id      bigint      not null references nodes (id),
    gpu_index    integer     not null check (gpu_index >= 0),
    team_id      bigint      not null references teams (id),
    allocated_at timestamptz not null default now(),
    released_at  timestamptz,
    primary key (job_id, node_id, gpu_index)
);
-- The database itself forbids double-booking: at most one live holder per GPU.
create unique index gpu_allocations_one_holder on gpu_allocations (node_id, gpu_index) where released_at is null;
create index gpu_allocations_team_live on gpu_allocations (team_id) where released_at is null;

-- And forbids any commit that leaves a team holding more GPUs than its quota.
create function gpu_allocations_within_quota() returns trigger language plpgsql as $$
declare
    held  integer;
    quota integer;
    team  varchar;
begin
    select count(*) into held from gpu_allocations where team_id = new.team_id and released_at is null;
    select quota_gpus, name into quota, team from teams where id = new.team_id;
    if held > quota then
        raise exception 'team % would hold % GPUs, above its quota of %', team, held, quota
            using errcode = 'check_violation';
    end if;
    return null;
end
$$;
create constraint trigger gpu_allocations_quota after insert on gpu_allocations
    deferrable initially deferred for each row execute function gpu_allocations_within_quota();
