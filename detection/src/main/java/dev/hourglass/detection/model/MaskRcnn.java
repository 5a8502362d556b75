package dev.hourglass.detection.model;

import dev.hourglass.detection.BinaryMask;
import dev.hourglass.detection.Matrices;
import dev.hourglass.detection.anchor.AnchorGenerator;
import dev.hourglass.detection.anchor.AnchorLevel;
import dev.hourglass.detection.box.BoxCoder;
import dev.hourglass.detection.head.Backbone;
import dev.hourglass.detection.head.BoxHead;
import dev.hourglass.detection.head.HeadGradients;
import dev.hourglass.detection.head.MaskHead;
import dev.hourglass.detection.head.ResNetCheckpointWeights;
import dev.hourglass.detection.head.ResNetFpnBackbone;
import dev.hourglass.detection.head.RpnHead;
import dev.hourglass.detection.head.SmallFpnBackbone;
import dev.hourglass.detection.inference.BoxPostprocessor;
import dev.hourglass.detection.inference.ImageDetections;
import dev.hourglass.detection.inference.MaskPaster;
import dev.hourglass.detection.inference.ProposalGenerator;
import dev.hourglass.detection.inference.Proposals;
import dev.hourglass.detection.loss.BoxHeadLoss;
import dev.hourglass.detection.loss.LossAndGradient;
import dev.hourglass.detection.loss.MaskLoss;
import dev.hourglass.detection.loss.RpnLoss;
import dev.hourglass.detection.roi.FpnLevelAssigner;
import dev.hourglass.detection.roi.MultiLevelRoiAlign;
import dev.hourglass.detection.targets.BalancedSampler;
import dev.hourglass.detection.targets.IouMatcher;
import dev.hourglass.detection.targets.MaskTargets;
import dev.hourglass.detection.targets.ProposalSampler;
import dev.hourglass.detection.targets.RpnTargetAssigner;
import dev.hourglass.detection.targets.RpnTargets;
import dev.hourglass.detection.targets.SampledProposals;
import dev.hourglass.trainer.model.ResNetArchitecture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Mask R-CNN (He et al., 2017) on a feature pyramid backbone, trained end to end as in the paper (the RPN and the heads
 * together, proposals taken as constants): backbone and heads are SameDiff graphs, RoIAlign, targets and losses are
 * the hand-written pieces beside them, and the gradients flow back through RoIAlign into the pyramid. The config
 * says which backbone and which levels: the RPN runs on every pyramid level, the RoI heads pool from a range of
 * them (R50-FPN: RPN on P2..P6, RoIs from P2..P5).
 */
public final class MaskRcnn {

    private final MaskRcnnConfig config;
    private final Backbone backbone;
    private final RpnHead rpnHead;
    private final BoxHead boxHead;
    private final MaskHead maskHead;
    private final AnchorGenerator anchors;
    private final RpnTargetAssigner rpnTargets;
    private final ProposalGenerator proposalGenerator;
    private final ProposalSampler proposalSampler;
    private final MultiLevelRoiAlign boxPooler;
    private final MultiLevelRoiAlign maskPooler;
    /** The pyramid levels, as indices into the backbone's output, that RoIs are pooled from. */
    private final int roiFrom;
    private final int roiTo;

    public MaskRcnn(MaskRcnnConfig config, DataType dataType, long seed) {
        this.config = config;
        int channels = config.pyramidChannels();
        int perLocation = config.aspectRatios().length;
        this.backbone = switch (config.backbone()) {
            case SMALL_FPN -> new SmallFpnBackbone(config.backboneWidths(), channels, dataType, seed);
            case RESNET_FPN -> new ResNetFpnBackbone(config.backboneWidths(), 64, channels, dataType, seed);
        };
        int[] strides = config.strides();
        if (!Arrays.equals(backbone.strides(), strides)) {
            throw new IllegalArgumentException("the config's pyramid strides " + Arrays.toString(strides)
                    + " are not the " + config.backbone() + " backbone's " + Arrays.toString(backbone.strides()));
        }
        this.rpnHead = new RpnHead(channels, perLocation, config.levels(), dataType, seed + 1);
        this.boxHead = new BoxHead(channels, config.boxPool(), config.boxHidden(), config.classes(),
                config.boxHeadGroupNorm(), dataType,
                seed + 2);
        this.maskHead = new MaskHead(channels, config.maskPool(), config.maskConvolutions(), config.classes(),
                dataType, seed + 3);
        List<AnchorLevel> levels = new ArrayList<>();
        for (int l = 0; l < config.levels(); l++) {
            levels.add(new AnchorLevel(strides[l], new double[] {config.anchorSizes()[l]}, config.aspectRatios(), 0));
        }
        this.anchors = new AnchorGenerator(levels);
        this.rpnTargets = new RpnTargetAssigner(IouMatcher.forRpn(), new BalancedSampler(config.rpnPerImage(), 0.5),
                BoxCoder.forRpn());
        this.proposalGenerator = new ProposalGenerator(config.preNmsPerLevel(), config.postNmsTotal(), 0.7);
        this.proposalSampler = new ProposalSampler(IouMatcher.forBoxHead(),
                new BalancedSampler(config.roisPerImage(), 0.25), BoxCoder.forBoxHead());
        FpnLevelAssigner assigner = new FpnLevelAssigner(config.roiMinLevel(), config.roiMaxLevel(),
                config.canonicalLevel(), config.canonicalSize());
        this.roiFrom = config.roiMinLevel() - MaskRcnnConfig.level(strides[0]);
        this.roiTo = config.roiMaxLevel() - MaskRcnnConfig.level(strides[0]) + 1;
        int[] roiStrides = Arrays.copyOfRange(strides, roiFrom, roiTo);
        this.boxPooler = new MultiLevelRoiAlign(assigner, roiStrides, config.boxPool(), 2);
        this.maskPooler = new MultiLevelRoiAlign(assigner, roiStrides, config.maskPool(), 2);
    }

    public MaskRcnnConfig config() {
        return config;
    }

    /**
     * Starts the ResNet-FPN backbone from a classification ResNet of the same depth saved in an Hourglass checkpoint
     * (its convolutions, and its BN frozen at the statistics it reached).
     */
    public void initialiseBackbone(Path resnetCheckpoint) throws IOException {
        if (!(backbone instanceof ResNetFpnBackbone resnet)) {
            throw new IllegalStateException("only a ResNet-FPN backbone starts from a ResNet checkpoint; this model's"
                    + " backbone is " + config.backbone());
        }
        ResNetArchitecture architecture = ResNetArchitecture.imagenet("resnet",
                Arrays.stream(config.backboneWidths()).boxed().toList());
        ResNetCheckpointWeights.copyFromCheckpoint(resnetCheckpoint, architecture, resnet);
    }

    /** Every parameter of backbone and heads, live: an optimiser updates them in place. */
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> all = new LinkedHashMap<>(backbone.parameters());
        all.putAll(rpnHead.parameters());
        all.putAll(boxHead.parameters());
        all.putAll(maskHead.parameters());
        return all;
    }

    /** The losses of one minibatch and their gradients; {@code random} drives the anchor and RoI sampling. */
    public TrainingStep trainingStep(DetectionBatch batch, SplittableRandom random) {
        INDArray images = batch.images();
        int height = (int) images.size(2);
        int width = (int) images.size(3);
        List<INDArray> pyramid = backbone.forward(images);
        List<INDArray> roiPyramid = pyramid.subList(roiFrom, roiTo);
        RpnHead.Outputs rpn = rpnHead.forward(pyramid);
        List<INDArray> levelAnchors = levelAnchors(pyramid);
        INDArray allAnchors = Nd4j.concat(0, levelAnchors.toArray(INDArray[]::new));
        List<RpnTargets> perImageRpn = new ArrayList<>();
        for (ImageTargets targets : batch.targets()) {
            perImageRpn.add(rpnTargets.assign(allAnchors, targets.boxes(), random));
        }
        RpnLoss rpnLoss = RpnLoss.of(rpn.objectness(), rpn.deltas(), perImageRpn);
        List<Proposals> proposals = proposalGenerator.generate(rpn.objectness(), rpn.deltas(), levelAnchors, height,
                width);

        List<double[]> roiBoxes = new ArrayList<>();
        List<Integer> roiImages = new ArrayList<>();
        List<Integer> roiClasses = new ArrayList<>();
        List<double[]> roiDeltas = new ArrayList<>();
        List<double[]> maskBoxes = new ArrayList<>();
        List<Integer> maskImages = new ArrayList<>();
        List<Integer> maskClasses = new ArrayList<>();
        List<INDArray> maskTargets = new ArrayList<>();
        for (int i = 0; i < batch.targets().size(); i++) {
            ImageTargets targets = batch.targets().get(i);
            SampledProposals sampled = proposalSampler.sample(proposals.get(i).boxes(), targets.boxes(),
                    targets.classes(), random);
            double[][] boxes = Matrices.rows(sampled.boxes());
            double[][] deltas = Matrices.rows(sampled.deltas());
            int[] classes = sampled.classes();
            for (int s = 0; s < sampled.size(); s++) {
                roiBoxes.add(boxes[s]);
                roiImages.add(i);
                roiClasses.add(classes[s]);
                roiDeltas.add(deltas[s]);
                if (classes[s] > 0) {
                    maskBoxes.add(boxes[s]);
                    maskImages.add(i);
                    maskClasses.add(classes[s]);
                }
            }
            if (sampled.foregroundCount() > 0) {
                maskTargets.add(MaskTargets.of(targets.masks(), sampled, config.maskSize()));
            }
        }
        INDArray rois = Matrices.of(roiBoxes.toArray(double[][]::new), 4);
        int[] roiImageIndex = roiImages.stream().mapToInt(Integer::intValue).toArray();
        INDArray boxFeatures = boxPooler.forward(roiPyramid, rois, roiImageIndex);
        BoxHead.Outputs boxOut = boxHead.forward(boxFeatures);
        BoxHeadLoss boxLoss = BoxHeadLoss.of(boxOut.classLogits(), boxOut.deltas(),
                roiClasses.stream().mapToInt(Integer::intValue).toArray(),
                Matrices.of(roiDeltas.toArray(double[][]::new), 4));

        Map<String, Double> losses = new LinkedHashMap<>();
        losses.put("rpn.objectness", rpnLoss.objectness());
        losses.put("rpn.box", rpnLoss.boxRegression());
        losses.put("box.class", boxLoss.classification());
        losses.put("box.regression", boxLoss.boxRegression());

        Map<String, INDArray> gradients = new LinkedHashMap<>();
        HeadGradients rpnGradients = rpnHead.backward(pyramid, rpnLoss.objectnessGradients(),
                rpnLoss.deltaGradients());
        List<INDArray> pyramidGradients = new ArrayList<>(rpnGradients.inputs());
        gradients.putAll(rpnGradients.parameters());
        HeadGradients boxGradients = boxHead.backward(boxFeatures, boxLoss.classGradient().castTo(boxFeatures.dataType()),
                boxLoss.deltaGradient().castTo(boxFeatures.dataType()));
        gradients.putAll(boxGradients.parameters());
        addInto(pyramidGradients, roiFrom, boxPooler.backward(boxGradients.inputs().get(0), roiPyramid, rois,
                roiImageIndex));

        if (maskBoxes.isEmpty()) {
            losses.put("mask", 0.0);
            maskHead.parameters().forEach((name, value) -> gradients.put(name, Nd4j.zerosLike(value)));
        } else {
            INDArray maskRois = Matrices.of(maskBoxes.toArray(double[][]::new), 4);
            int[] maskImageIndex = maskImages.stream().mapToInt(Integer::intValue).toArray();
            INDArray maskFeatures = maskPooler.forward(roiPyramid, maskRois, maskImageIndex);
            INDArray logits = maskHead.forward(maskFeatures);
            LossAndGradient maskLoss = MaskLoss.of(logits, maskClasses.stream().mapToInt(Integer::intValue).toArray(),
                    Nd4j.concat(0, maskTargets.toArray(INDArray[]::new)));
            losses.put("mask", maskLoss.value());
            HeadGradients maskGradients = maskHead.backward(maskFeatures, maskLoss.gradient());
            gradients.putAll(maskGradients.parameters());
            addInto(pyramidGradients, roiFrom, maskPooler.backward(maskGradients.inputs().get(0), roiPyramid,
                    maskRois, maskImageIndex));
        }
        gradients.putAll(backbone.backward(images, pyramidGradients).parameters());
        return new TrainingStep(losses, gradients);
    }

    /** Detections with masks for each image of {@code images [N, 3, H, W]} (Mask R-CNN, Section 3.1, "Inference"). */
    public List<DetectedInstances> detect(INDArray images) {
        int height = (int) images.size(2);
        int width = (int) images.size(3);
        List<INDArray> pyramid = backbone.forward(images);
        List<INDArray> roiPyramid = pyramid.subList(roiFrom, roiTo);
        RpnHead.Outputs rpn = rpnHead.forward(pyramid);
        List<INDArray> levelAnchors = levelAnchors(pyramid);
        List<Proposals> proposals = proposalGenerator.generate(rpn.objectness(), rpn.deltas(), levelAnchors, height,
                width);
        List<DetectedInstances> result = new ArrayList<>();
        for (int i = 0; i < proposals.size(); i++) {
            Proposals imageProposals = proposals.get(i);
            if (imageProposals.size() == 0) {
                result.add(new DetectedInstances(new ImageDetections(new double[0][], new int[0], new double[0]),
                        List.of()));
                continue;
            }
            int[] imageIndex = new int[imageProposals.size()];
            Arrays.fill(imageIndex, i);
            BoxHead.Outputs boxOut = boxHead.forward(boxPooler.forward(roiPyramid, imageProposals.boxes(), imageIndex));
            ImageDetections detections = BoxPostprocessor.standard().detect(boxOut.classLogits(), boxOut.deltas(),
                    imageProposals.boxes(), height, width);
            List<BinaryMask> masks = new ArrayList<>();
            if (detections.size() > 0) {
                int[] detectionImage = new int[detections.size()];
                Arrays.fill(detectionImage, i);
                INDArray logits = maskHead.forward(maskPooler.forward(roiPyramid, Nd4j.create(detections.boxes()),
                        detectionImage)).castTo(DataType.DOUBLE);
                for (int d = 0; d < detections.size(); d++) {
                    INDArray classLogits = logits.get(NDArrayIndex.point(d),
                            NDArrayIndex.point(detections.classes()[d] - 1));
                    double[][] probabilities = Matrices.rows(Transforms.sigmoid(classLogits, true));
                    masks.add(MaskPaster.paste(probabilities, detections.boxes()[d], width, height,
                            MaskPaster.THRESHOLD));
                }
            }
            result.add(new DetectedInstances(detections, masks));
        }
        return result;
    }

    /** The anchors of every pyramid level, for feature maps of the sizes {@code pyramid} has. */
    private List<INDArray> levelAnchors(List<INDArray> pyramid) {
        List<INDArray> levelAnchors = new ArrayList<>();
        for (int l = 0; l < pyramid.size(); l++) {
            levelAnchors.add(anchors.anchors(l, (int) pyramid.get(l).size(2), (int) pyramid.get(l).size(3)));
        }
        return levelAnchors;
    }

    /** {@code sums[from + l] += terms[l]}: the RoI heads' gradients for the levels they pool from. */
    private static void addInto(List<INDArray> sums, int from, List<INDArray> terms) {
        for (int l = 0; l < terms.size(); l++) {
            INDArray sum = sums.get(from + l);
            sums.set(from + l, sum.add(terms.get(l).castTo(sum.dataType())));
        }
    }

    /** Plain SGD, {@code w -= lr * g}, for tests and demos; the trainer's momentum SGD belongs to the worker. */
    public void applySgd(Map<String, INDArray> gradients, double learningRate) {
        parameters().forEach((name, value) -> value.subi(gradients.get(name).castTo(value.dataType()).mul(learningRate)));
    }
}
