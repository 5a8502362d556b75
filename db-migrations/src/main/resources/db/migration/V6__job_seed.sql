-- The seed of a job's initial weights, data shuffle and augmentation; null runs with the job id, as before.
alter table jobs add column seed bigint check (seed >= 0);
