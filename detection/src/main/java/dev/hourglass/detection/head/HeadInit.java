package dev.hourglass.detection.head;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded initial weights for the heads: He (fan-in) for hidden layers, small normals for the predictors. */
final class HeadInit {

    private final Random random;
    private final DataType dataType;

    HeadInit(long seed, DataType dataType) {
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        this.dataType = dataType;
    }

    /** He et al. (2015): N(0, 2 / fanIn), for layers followed by ReLU. */
    INDArray he(long fanIn, long... shape) {
        return normal(Math.sqrt(2.0 / fanIn), shape);
    }

    INDArray normal(double std, long... shape) {
        return Nd4j.randn(shape, random).castTo(dataType).muli(std);
    }

    INDArray zeros(long... shape) {
        return Nd4j.zeros(dataType, shape);
    }
}
