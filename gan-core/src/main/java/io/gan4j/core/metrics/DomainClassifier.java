package io.gan4j.core.metrics;

import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.data.DataException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A small LeNet-style convolutional classifier for 28x28 grey-scale images (after LeCun, Bottou, Bengio &amp;
 * Haffner 1998, "Gradient-based learning applied to document recognition"), trained by gan4j on one domain and used
 * as the feature network of sample-quality metrics for that domain, as TF-GAN's MNIST example does in place of
 * Inception-v3. Its metrics must carry its {@link #displayName()}, e.g. "FID (gan4j-mnist features)": they are not
 * comparable with Inception-based values.
 *
 * <p>Architecture ({@link #ARCHITECTURE}): input {@code [N, 1, 28, 28]} with values in [-1, 1];
 * conv 5x5, 32 filters, no padding, ReLU → {@code [32, 24, 24]}; max-pool 2x2 → {@code [32, 12, 12]};
 * conv 5x5, 64 filters, no padding, ReLU → {@code [64, 8, 8]}; max-pool 2x2 → {@code [64, 4, 4]};
 * dense 128, ReLU — <b>the feature layer</b> ({@link #FEATURE_DIM} values, non-negative); dropout 0.5 (training only);
 * dense C, softmax — the class probabilities. About 185,000 parameters, a weight file of about 0.7 MB.
 *
 * <p>Two classifiers ship with gan4j (see {@link ClassifierDomain}): {@code mnist} and {@code fashion-mnist}. Their
 * weight files ({@code <name>.zip}, DL4J's model format without optimizer state) each come with a metadata file
 * ({@code <name>.json}, {@link ClassifierMetadata}) recording the training settings, the held-out accuracy and the
 * weight file's SHA-256, which loading verifies.
 *
 * <p>Inference methods run in inference mode and in batches of {@value #BATCH} images; they are synchronized because
 * a DL4J network is not thread-safe.
 */
public final class DomainClassifier implements FeatureNetwork {

    /** The layers in words, as recorded in the metadata. */
    public static final String ARCHITECTURE = "LeNet-style CNN (LeCun et al. 1998): input [N,1,28,28] in [-1,1];"
            + " conv 5x5x32 valid + ReLU; maxpool 2x2; conv 5x5x64 valid + ReLU; maxpool 2x2;"
            + " dense 128 + ReLU (features); dropout 0.5; dense C + softmax";

    /** Image height and width the network takes. */
    public static final int SIZE = 28;

    /** Length of a feature vector: the width of the penultimate dense layer. */
    public static final int FEATURE_DIM = 128;

    /** Images per forward pass in inference; bounds memory (about 40 MB of activations per batch). */
    public static final int BATCH = 500;

    /** Classpath folder of the shipped classifiers (the repository's {@code data/classifiers}). */
    public static final String RESOURCE_DIR = "/io/gan4j/data/classifiers/";

    /** Index of the feature layer (the 128-unit dense layer) in the network. */
    static final int FEATURE_LAYER = 4;

    private static final int LAYERS = 7;

    /** Zip entries get a fixed time, so the same weights always give the same file and the same SHA-256. */
    private static final LocalDateTime ZIP_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private final ClassifierSpec spec;
    private final MultiLayerNetwork net;
    private final ClassifierMetadata metadata;
    /** SHA-256 of the file this classifier was loaded from; null for one built in memory. */
    private final String fileSha256;

    private DomainClassifier(ClassifierSpec spec, MultiLayerNetwork net, ClassifierMetadata metadata,
                             String fileSha256) {
        this.spec = spec;
        this.net = net;
        this.metadata = metadata;
        this.fileSha256 = fileSha256;
    }

    /**
     * Builds an untrained classifier with freshly initialised weights (He initialisation for the ReLU layers,
     * Xavier for the softmax layer, biases 0), an Adam updater with learning rate {@code learningRate}, FLOAT
     * parameters.
     *
     * @param spec         id, display name and classes (C = number of class names)
     * @param learningRate Adam's learning rate, &gt; 0
     * @param seed         seed of the weight initialisation: the same seed gives the same weights
     */
    public static DomainClassifier create(ClassifierSpec spec, double learningRate, long seed) {
        Objects.requireNonNull(spec, "spec");
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.RELU)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(32).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(64).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder().nOut(FEATURE_DIM).activation(Activation.RELU).build())
                // DL4J's argument is the probability of keeping a unit.
                .layer(new DropoutLayer.Builder(0.5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(spec.numClasses())
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .setInputType(InputType.convolutional(SIZE, SIZE, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return new DomainClassifier(spec, net, null, null);
    }

    /**
     * Loads a classifier from its weight file and the metadata file beside it ({@link ClassifierMetadata#pathFor}),
     * after checking the weight file's SHA-256 against the metadata.
     *
     * @param zip the weight file, e.g. {@code data/classifiers/mnist-lenet.zip}
     * @throws DataException with a one-line message naming the file when either file is missing, the checksum
     *                       differs, or the weights do not fit the metadata
     */
    public static DomainClassifier load(Path zip) {
        Path json = ClassifierMetadata.pathFor(zip);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(zip);
        } catch (NoSuchFileException e) {
            throw new DataException("classifier weights " + zip + " not found");
        } catch (IOException e) {
            throw new DataException("classifier weights " + zip + ": cannot read: "
                    + ClassifierMetadata.oneLine(e.getMessage()), e);
        }
        return fromBytes(bytes, zip.toString(), ClassifierMetadata.read(json), json.toString());
    }

    /**
     * Loads a classifier shipped inside gan4j's jar, verifying its checksum.
     *
     * @param domain {@code mnist} or {@code fashion-mnist} ({@link ClassifierDomain#key()})
     * @throws IllegalArgumentException for an unknown domain
     * @throws DataException with a one-line message naming the resource when it is absent or damaged
     */
    public static DomainClassifier loadShipped(String domain) {
        return loadShipped(ClassifierDomain.of(domain));
    }

    /** As {@link #loadShipped(String)}. */
    public static DomainClassifier loadShipped(ClassifierDomain domain) {
        String zip = RESOURCE_DIR + domain.fileStem() + ".zip";
        String json = RESOURCE_DIR + domain.fileStem() + ".json";
        byte[] bytes = resource(zip, domain);
        ClassifierMetadata meta;
        try (InputStream in = new ByteArrayInputStream(resource(json, domain))) {
            meta = ClassifierMetadata.read(in, "classpath:" + json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fromBytes(bytes, "classpath:" + zip, meta, "classpath:" + json);
    }

    private static byte[] resource(String name, ClassifierDomain domain) {
        try (InputStream in = DomainClassifier.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new DataException("classifier " + domain.key() + ": classpath resource " + name
                        + " not found; build gan-core with data/classifiers present, or retrain with"
                        + " 'gan4j classifier train --data " + domain.key() + "'");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DataException("classifier " + domain.key() + ": cannot read classpath resource " + name
                    + ": " + ClassifierMetadata.oneLine(e.getMessage()), e);
        }
    }

    private static DomainClassifier fromBytes(byte[] bytes, String zipName, ClassifierMetadata meta,
                                              String jsonName) {
        String sha = sha256(bytes);
        if (!sha.equalsIgnoreCase(meta.sha256())) {
            throw new DataException("classifier weights " + zipName + ": SHA-256 " + sha + " differs from "
                    + meta.sha256() + " recorded in " + jsonName + "; the file is damaged or was replaced");
        }
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false);
        } catch (IOException | RuntimeException e) {
            throw new DataException("classifier weights " + zipName + ": not a readable DL4J model: "
                    + ClassifierMetadata.oneLine(String.valueOf(e.getMessage())), e);
        }
        ClassifierSpec spec = meta.spec();
        if (net.getnLayers() != LAYERS || width(net, FEATURE_LAYER) != FEATURE_DIM
                || width(net, LAYERS - 1) != spec.numClasses() || meta.featureDim() != FEATURE_DIM) {
            throw new DataException("classifier weights " + zipName + ": the network is not the " + LAYERS
                    + "-layer LeNet with " + FEATURE_DIM + " features and " + spec.numClasses() + " classes that "
                    + jsonName + " describes");
        }
        return new DomainClassifier(spec, net, meta, sha);
    }

    private static long width(MultiLayerNetwork net, int layer) {
        return net.getLayer(layer).conf().getLayer() instanceof FeedForwardLayer f ? f.getNOut() : -1;
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public String displayName() {
        return spec.displayName();
    }

    @Override
    public int featureDim() {
        return FEATURE_DIM;
    }

    @Override
    public int numClasses() {
        return spec.numClasses();
    }

    /** Id, display name and class names. */
    public ClassifierSpec spec() {
        return spec;
    }

    /** The metadata this classifier was loaded with; empty for one built or trained in memory. */
    public Optional<ClassifierMetadata> metadata() {
        return Optional.ofNullable(metadata);
    }

    /** The wrapped network, for training in this package. */
    MultiLayerNetwork network() {
        return net;
    }

    /** A copy of all parameters as one flat FLOAT vector (to compare weights exactly). */
    public synchronized float[] parameters() {
        return net.params().dup().data().asFloat();
    }

    /**
     * The SHA-256 of the weight file: for a loaded classifier, of the file it was loaded from (verified against the
     * metadata); for one built in memory, of the file {@link #save} would write now, which depends only on the
     * configuration and the weights.
     */
    @Override
    public synchronized String sha256() {
        return fileSha256 != null ? fileSha256 : sha256(weightFile());
    }

    /**
     * The weight file's bytes: DL4J's model zip without optimizer state, with fixed entry times so that equal
     * weights give equal bytes.
     */
    public synchronized byte[] weightFile() {
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream(1 << 20);
            ModelSerializer.writeModel(net, raw, false);
            return withFixedTimes(raw.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the classifier: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the weight file atomically (no metadata; {@link ClassifierTraining.Result#save} writes both).
     *
     * @return the SHA-256 of the bytes written
     */
    public String save(Path zip) throws IOException {
        byte[] bytes = weightFile();
        io.gan4j.core.io.AtomicFiles.write(zip, out -> out.write(bytes));
        return sha256(bytes);
    }

    /** Rewrites a zip with the same entries in the same order, each stamped {@link #ZIP_TIME}. */
    private static byte[] withFixedTimes(byte[] zip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream z = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTimeLocal(ZIP_TIME);
                z.putNextEntry(copy);
                in.transferTo(z);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Override
    public INDArray features(INDArray images) {
        return inBatches(images, FEATURE_DIM, batch -> {
            List<INDArray> acts = net.feedForwardToLayer(FEATURE_LAYER, batch, false);
            // The list holds every layer's activations (tens of MB); free them now rather than at some later GC.
            for (int i = 1; i < acts.size() - 1; i++) {
                acts.get(i).close();
            }
            return acts.get(acts.size() - 1);
        });
    }

    @Override
    public INDArray probabilities(INDArray images) {
        return inBatches(images, spec.numClasses(), batch -> net.output(batch, false));
    }

    /**
     * The most probable class of each image.
     *
     * @param images as for {@link #features(INDArray)}
     * @return one label in [0, C) per image
     */
    public int[] predict(INDArray images) {
        INDArray p = probabilities(images);
        int[] labels = p.argMax(1).toIntVector();
        p.close();
        return labels;
    }

    /**
     * The fraction of a labelled data set this classifier gets right.
     *
     * @param data images {@code [1, 28, 28]} in [-1, 1] with labels in [0, C)
     * @return correct predictions / examples, in [0, 1]
     * @throws IllegalArgumentException when the data is unlabelled, empty, of another shape or has more classes
     */
    public double accuracy(ArrayDataset data) {
        long[][] counts = classCounts(data);
        long correct = Arrays.stream(counts[0]).sum();
        return (double) correct / data.size();
    }

    /**
     * Accuracy per true class, in class order (the same checks as {@link #accuracy}).
     *
     * @return for each class k, correct predictions among the examples labelled k / those examples, in [0, 1];
     *         NaN for a class with no examples
     */
    public double[] accuracyPerClass(ArrayDataset data) {
        long[][] counts = classCounts(data);
        double[] result = new double[counts[0].length];
        for (int k = 0; k < result.length; k++) {
            result[k] = counts[1][k] == 0 ? Double.NaN : (double) counts[0][k] / counts[1][k];
        }
        return result;
    }

    /** {correct per true class, examples per true class}. */
    private long[][] classCounts(ArrayDataset data) {
        if (!data.hasLabels() || data.size() == 0) {
            throw new IllegalArgumentException(data.name() + ": accuracy needs labelled examples");
        }
        if (!Arrays.equals(data.sampleShape(), new long[] {1, SIZE, SIZE})) {
            throw new IllegalArgumentException(data.name() + ": examples are " + Arrays.toString(data.sampleShape())
                    + ", the classifier takes [1, 28, 28]");
        }
        if (data.numClasses() > spec.numClasses()) {
            throw new IllegalArgumentException(data.name() + " has " + data.numClasses() + " classes, the classifier "
                    + spec.numClasses());
        }
        int n = data.size();
        long[] correct = new long[spec.numClasses()];
        long[] total = new long[spec.numClasses()];
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            INDArray x = Nd4j.create(data.copyValues(from, to),
                    new long[] {to - from, 1, SIZE, SIZE}, DataType.FLOAT);
            int[] predicted = predict(x);
            x.close();
            for (int i = 0; i < predicted.length; i++) {
                int label = data.label(from + i);
                total[label]++;
                if (predicted[i] == label) {
                    correct[label]++;
                }
            }
        }
        return new long[][] {correct, total};
    }

    private synchronized INDArray inBatches(INDArray images, int width, Function<INDArray, INDArray> forward) {
        INDArray x = asImages(images);
        long n = x.size(0);
        INDArray out = Nd4j.create(DataType.FLOAT, n, width);
        for (long from = 0; from < n; from += BATCH) {
            long to = Math.min(n, from + BATCH);
            INDArray batch = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all());
            INDArray y = forward.apply(batch);
            out.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).assign(y);
            y.close();
        }
        return out;
    }

    private static INDArray asImages(INDArray images) {
        long[] shape = images.shape();
        boolean flat = shape.length == 2 && shape[1] == (long) SIZE * SIZE;
        boolean chw = shape.length == 4 && shape[1] == 1 && shape[2] == SIZE && shape[3] == SIZE;
        if (!(flat || chw) || shape[0] < 1 || !images.dataType().isFPType()) {
            throw new IllegalArgumentException("images must be floating-point [N, 1, 28, 28] or [N, 784] with"
                    + " N >= 1, got " + images.dataType() + " " + Arrays.toString(shape));
        }
        INDArray x = images.dataType() == DataType.FLOAT ? images : images.castTo(DataType.FLOAT);
        return flat ? x.reshape('c', shape[0], 1, SIZE, SIZE) : x;
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return spec.id() + " (" + spec.displayName() + ", " + spec.numClasses() + " classes, sha256 "
                + sha256().substring(0, 12) + ")";
    }
}
