-- The first answer to each Idempotency-Key a caller sent with a creating POST, so that a retry gets that answer
-- again instead of creating a second job (or team, or user). Kept at least hourglass.idempotency-retention.
create table idempotency_keys (
    caller_id    bigint      not null references users (id) on delete cascade,
    key          text        not null,
    request_hash text        not null,
    status       integer,
    location     text,
    content_type text,
    body         bytea,
    created_at   timestamptz not null default now(),
    primary key (caller_id, key)
);
create index idempotency_keys_created_at on idempotency_keys (created_at);
