package dev.hourglass.trainer.replica;

/** What a checkpoint keeps of a replica: its flat parameters (BN running statistics included) and momentum. */
public record ReplicaState(float[] parameters, float[] momentum) {
}
