package dev.hourglass.scheduler;

/**
 * Why a job waits.
 *
 * @param detail a sentence a user can act on, with the numbers, e.g.
 *               "team vision holds 16 of its 24-GPU quota; this job needs 16 more"
 */
public record WaitReason(WaitKind kind, String detail) {

    public WaitReason {
        if (kind == null) {
            throw new IllegalArgumentException("a wait reason needs a kind");
        }
        if (detail == null || detail.isBlank()) {
            throw new IllegalArgumentException("a " + kind + " wait reason needs a detail a user can act on");
        }
    }
}
