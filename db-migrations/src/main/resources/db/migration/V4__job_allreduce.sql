-- The allreduce algorithm a job asks its node leaders to run; null lets the trainer choose by size and rank count.
alter table jobs add column allreduce varchar(32);
