package dev.hourglass.detection;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrices between ND4J and Java arrays through one flat copy. ND4J's own {@code toDoubleMatrix()} and
 * {@code Nd4j.create(double[][])} go element by element: about 65 ms and 5 ms for the thousand anchor boxes of one
 * small image, which made them most of a training step's time.
 */
public final class Matrices {

    private Matrices() {
    }

    /** The rows of a rank-2 array, as doubles; none for an empty array of any shape. */
    public static double[][] rows(INDArray matrix) {
        if (matrix.length() == 0) {
            return new double[0][];
        }
        if (matrix.rank() != 2) {
            throw new IllegalArgumentException("rows of a matrix, not of an array of shape "
                    + Arrays.toString(matrix.shape()));
        }
        int rows = (int) matrix.size(0);
        int columns = (int) matrix.size(1);
        double[] flat = matrix.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[][] result = new double[rows][];
        for (int r = 0; r < rows; r++) {
            result[r] = Arrays.copyOfRange(flat, r * columns, (r + 1) * columns);
        }
        return result;
    }

    /** A {@code [rows.length, columns]} DOUBLE array of the rows, each of {@code columns} values. */
    public static INDArray of(double[][] rows, int columns) {
        if (rows.length == 0) {
            return Nd4j.zeros(DataType.DOUBLE, 0, columns);
        }
        double[] flat = new double[rows.length * columns];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != columns) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, not " + columns);
            }
            System.arraycopy(rows[r], 0, flat, r * columns, columns);
        }
        return Nd4j.create(flat, new long[] {rows.length, columns}, 'c');
    }
}
