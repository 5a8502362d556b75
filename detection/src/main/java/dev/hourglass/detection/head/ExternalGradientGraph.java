package dev.hourglass.detection.head;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A SameDiff graph used as one stage between hand-written ones (RoIAlign, the losses): it takes the gradient of
 * whatever follows with respect to its outputs and gives the gradient with respect to its inputs and its
 * parameters. It does so through the scalar {@code sum_o sum(output_o * g_o)}, the {@code g_o} fed as placeholders,
 * whose gradient is exactly the chain rule's vector-Jacobian product. {@link #backward} runs the forward pass again
 * (SameDiff's {@code calculateGradients} does), so a training step costs two forward passes of each head.
 */
final class ExternalGradientGraph {

    private final SameDiff graph;
    private final List<String> inputs;
    private final List<String> outputs;

    /** {@code outputRanks[o]}: the rank of output o, for its gradient's placeholder. */
    ExternalGradientGraph(SameDiff graph, List<String> inputs, List<String> outputs, int[] outputRanks) {
        this.graph = graph;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        SDVariable surrogate = null;
        for (int o = 0; o < outputs.size(); o++) {
            SDVariable output = graph.getVariable(outputs.get(o));
            long[] shape = new long[outputRanks[o]];
            Arrays.fill(shape, -1);
            SDVariable upstream = graph.placeHolder(gradientName(outputs.get(o)), output.dataType(), shape);
            SDVariable term = output.mul(upstream).sum();
            surrogate = surrogate == null ? term : surrogate.add(term);
        }
        surrogate.rename("surrogate-loss");
        graph.setLossVariables("surrogate-loss");
    }

    private static String gradientName(String output) {
        return "upstream-gradient/" + output;
    }

    Map<String, INDArray> forward(Map<String, INDArray> inputValues) {
        Map<String, INDArray> result = graph.output(inputValues, outputs.toArray(String[]::new));
        Map<String, INDArray> ordered = new LinkedHashMap<>();
        outputs.forEach(name -> ordered.put(name, result.get(name)));
        return ordered;
    }

    /** Gradients with respect to the inputs and every parameter, keyed by name. */
    Map<String, INDArray> backward(Map<String, INDArray> inputValues, Map<String, INDArray> outputGradients) {
        Map<String, INDArray> feed = new HashMap<>(inputValues);
        for (String output : outputs) {
            INDArray gradient = outputGradients.get(output);
            if (gradient == null) {
                throw new IllegalArgumentException("no gradient for output '" + output + "'; outputs are " + outputs);
            }
            feed.put(gradientName(output), gradient);
        }
        List<String> wanted = new ArrayList<>(inputs);
        wanted.addAll(parameterNames());
        return graph.calculateGradients(feed, wanted);
    }

    /** {@link #backward} as a stage's result: its inputs' gradients in input order, and its parameters'. */
    HeadGradients stageGradients(Map<String, INDArray> inputValues, Map<String, INDArray> outputGradients) {
        Map<String, INDArray> gradients = backward(inputValues, outputGradients);
        Map<String, INDArray> parameters = new HashMap<>();
        for (String name : parameterNames()) {
            parameters.put(name, gradients.get(name));
        }
        return new HeadGradients(inputs.stream().map(gradients::get).toList(), parameters);
    }

    List<String> parameterNames() {
        return graph.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE)
                .map(SDVariable::name).toList();
    }

    /** The live parameter arrays: writing into them changes the model. */
    Map<String, INDArray> parameters() {
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        for (String name : parameterNames()) {
            parameters.put(name, graph.getVariable(name).getArr());
        }
        return parameters;
    }
}
