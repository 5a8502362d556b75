-- The earlier ResNet job whose newest checkpoint starts a detector's backbone; null starts it from scratch.
alter table jobs add column backbone_from_job_id bigint references jobs (id);
