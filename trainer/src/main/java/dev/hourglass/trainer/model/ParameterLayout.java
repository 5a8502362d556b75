package dev.hourglass.trainer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Where each parameter tensor lies in a network's flat parameter vector (and, at the same offsets, in its flat
 * gradient vector), and what it is: the optimiser decays weights only, and leaves BN's running statistics to
 * each replica.
 */
public record ParameterLayout(List<Segment> segments, long length) {

    /** {@code [offset, offset + length)} of the flat vector holds parameter {@code name}. */
    public record Segment(String name, long offset, long length, ParameterRole role) {

        /** This segment of a flat vector laid out like the network's parameters, as a view (no copy). */
        public INDArray of(INDArray flat) {
            return flat.reshape(flat.length()).get(NDArrayIndex.interval(offset, offset + length));
        }
    }

    public ParameterLayout {
        segments = List.copyOf(segments);
    }

    public static ParameterLayout of(ComputationGraph network) {
        INDArray flat = network.params();
        long base = firstElementAddress(flat);
        long bytes = flat.dataType().width();
        List<Segment> segments = new ArrayList<>();
        for (Layer layer : network.getLayers()) {
            String layerName = layer.conf().getLayer().getLayerName();
            for (Map.Entry<String, INDArray> parameter : layer.paramTable().entrySet()) {
                INDArray view = parameter.getValue();
                long offset = (firstElementAddress(view) - base) / bytes;
                if (offset < 0 || offset + view.length() > flat.length() || !view.isView()) {
                    throw new IllegalStateException(layerName + "." + parameter.getKey()
                            + " is not a view of the network's flat parameters");
                }
                segments.add(new Segment(layerName + "_" + parameter.getKey(), offset, view.length(),
                        role(parameter.getKey())));
            }
        }
        segments.sort((a, b) -> Long.compare(a.offset(), b.offset()));
        long next = 0;
        for (Segment segment : segments) {
            if (segment.offset() != next) {
                throw new IllegalStateException("parameter " + segment.name() + " starts at " + segment.offset()
                        + " where " + next + " was expected: the flat vector has a gap or an overlap");
            }
            next += segment.length();
        }
        if (next != flat.length()) {
            throw new IllegalStateException("the parameters cover " + next + " of the flat vector's " + flat.length());
        }
        return new ParameterLayout(segments, next);
    }

    private static long firstElementAddress(INDArray array) {
        return array.data().address() + array.offset() * array.dataType().width();
    }

    static ParameterRole role(String parameter) {
        return switch (parameter) {
            case DefaultParamInitializer.WEIGHT_KEY -> ParameterRole.WEIGHT;
            case DefaultParamInitializer.BIAS_KEY -> ParameterRole.BIAS;
            case BatchNormalizationParamInitializer.GAMMA -> ParameterRole.BN_GAMMA;
            case BatchNormalizationParamInitializer.BETA -> ParameterRole.BN_BETA;
            case BatchNormalizationParamInitializer.GLOBAL_MEAN, BatchNormalizationParamInitializer.GLOBAL_VAR,
                    BatchNormalizationParamInitializer.GLOBAL_LOG_STD -> ParameterRole.BN_RUNNING_STATISTIC;
            default -> throw new IllegalArgumentException("parameter '" + parameter + "' has no known role");
        };
    }

    public long count(ParameterRole role) {
        return segments.stream().filter(s -> s.role() == role).mapToLong(Segment::length).sum();
    }
}
