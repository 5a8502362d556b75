package dev.hourglass.detection.head;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A head's backward pass: the gradient for each of its inputs (in input order) and for each parameter by name. */
public record HeadGradients(List<INDArray> inputs, Map<String, INDArray> parameters) {
}
