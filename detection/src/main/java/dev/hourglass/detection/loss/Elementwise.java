package dev.hourglass.detection.loss;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Moves head outputs in and out of plain arrays, in C order, for the losses' element loops. */
final class Elementwise {

    private Elementwise() {
    }

    static double[] values(INDArray array) {
        return array.length() == 0 ? new double[0] : array.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    static INDArray like(INDArray shapeAndType, double[] values) {
        if (values.length == 0) {
            return Nd4j.zeros(shapeAndType.dataType(), shapeAndType.shape());
        }
        return Nd4j.create(values, shapeAndType.shape(), 'c').castTo(shapeAndType.dataType());
    }

    static void requireSameShape(INDArray output, INDArray other, String what) {
        if (!Arrays.equals(output.shape(), other.shape())) {
            throw new IllegalArgumentException(what + " must have the output's shape " + Arrays.toString(output.shape())
                    + ", got " + Arrays.toString(other.shape()));
        }
    }
}
