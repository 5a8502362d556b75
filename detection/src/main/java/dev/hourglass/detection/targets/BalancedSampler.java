package dev.hourglass.detection.targets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Keeps a fixed number of labelled boxes per image for the loss, at most {@code positiveFraction} of them positive,
 * the rest filled with negatives, chosen at random; all others become {@link Match#IGNORED}. RPN: 256 at 0.5
 * (Faster R-CNN, Section 3.1.3); box head: 512 at 0.25 (Mask R-CNN's training settings).
 */
public record BalancedSampler(int perImage, double positiveFraction) {

    public BalancedSampler {
        if (perImage < 1 || !(positiveFraction > 0 && positiveFraction <= 1)) {
            throw new IllegalArgumentException("a sampler needs perImage >= 1 and positiveFraction in (0, 1]; got "
                    + perImage + " and " + positiveFraction);
        }
    }

    public static BalancedSampler forRpn() {
        return new BalancedSampler(256, 0.5);
    }

    public static BalancedSampler forBoxHead() {
        return new BalancedSampler(512, 0.25);
    }

    public Match sample(Match match, SplittableRandom random) {
        int[] label = match.label();
        List<Integer> positives = new ArrayList<>();
        List<Integer> negatives = new ArrayList<>();
        for (int b = 0; b < label.length; b++) {
            if (label[b] == Match.POSITIVE) {
                positives.add(b);
            } else if (label[b] == Match.NEGATIVE) {
                negatives.add(b);
            }
        }
        int keepPositive = Math.min(positives.size(), (int) (perImage * positiveFraction));
        int keepNegative = Math.min(negatives.size(), perImage - keepPositive);
        int[] sampled = new int[label.length];
        Arrays.fill(sampled, Match.IGNORED);
        for (int b : chooseRandomly(positives, keepPositive, random)) {
            sampled[b] = Match.POSITIVE;
        }
        for (int b : chooseRandomly(negatives, keepNegative, random)) {
            sampled[b] = Match.NEGATIVE;
        }
        return new Match(match.object(), sampled);
    }

    /** A partial Fisher-Yates shuffle: the first {@code count} of a random permutation. */
    private static List<Integer> chooseRandomly(List<Integer> from, int count, SplittableRandom random) {
        List<Integer> pool = new ArrayList<>(from);
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(pool.size() - i);
            Integer swap = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, swap);
        }
        return pool.subList(0, count);
    }
}
