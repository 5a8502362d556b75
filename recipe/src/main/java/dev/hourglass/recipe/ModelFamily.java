package dev.hourglass.recipe;

/** The two workloads of the paper; each has its own base rules ({@link FamilyRules}). */
public enum ModelFamily {
    RESNET,
    MASK_RCNN
}
