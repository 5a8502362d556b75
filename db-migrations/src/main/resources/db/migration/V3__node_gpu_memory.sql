-- Each GPU's memory as the node's agent found it (nvidia-smi's memory.total); null for CPU devices.
alter table nodes add column gpu_memory_mib integer check (gpu_memory_mib > 0);
