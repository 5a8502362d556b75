package dev.hourglass.scheduler;

/** How later jobs may use GPUs that an earlier, blocked job is waiting for. */
enum Backfill {
    /** EASY-style: the first blocked job holds the nodes it needs; later jobs start only elsewhere. */
    RESERVE_FOR_HEAD,
    /** Any later job that fits starts: the ablation that lets small jobs starve large ones. */
    GREEDY
}
