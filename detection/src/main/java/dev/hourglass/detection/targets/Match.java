package dev.hourglass.detection.targets;

/**
 * For each box (anchor or proposal): the object it is matched to ({@code -1} where there is none) and its label,
 * {@link #POSITIVE}, {@link #NEGATIVE} or {@link #IGNORED} (neither trained towards an object nor towards background).
 */
public record Match(int[] object, int[] label) {

    public static final int POSITIVE = 1;
    public static final int NEGATIVE = 0;
    public static final int IGNORED = -1;

    public Match {
        object = object.clone();
        label = label.clone();
    }

    public int size() {
        return label.length;
    }

    public int count(int wanted) {
        int n = 0;
        for (int l : label) {
            if (l == wanted) {
                n++;
            }
        }
        return n;
    }

    @Override
    public int[] object() {
        return object.clone();
    }

    @Override
    public int[] label() {
        return label.clone();
    }
}
