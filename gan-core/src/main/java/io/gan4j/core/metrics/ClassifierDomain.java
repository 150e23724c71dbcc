package io.gan4j.core.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gan4j.core.data.ArrayDataset;
import io.gan4j.core.data.FashionMnistData;
import io.gan4j.core.data.ImageDomain;
import io.gan4j.core.data.MnistData;
import io.gan4j.core.data.Split;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The domains gan4j ships a {@link DomainClassifier} for: what each classifier is called, which data it trains and
 * is evaluated on, and the settings the shipped weights were trained with (the defaults of
 * {@code gan4j classifier train}).
 */
public enum ClassifierDomain {
    /** gan4j's shipped MNIST digits: trained on mnist/train (8,000), evaluated on mnist/heldout (2,000). */
    @JsonProperty("mnist")
    MNIST("mnist", "mnist-lenet",
            new ClassifierSpec("gan4j-mnist-lenet-v1", "gan4j-mnist features",
                    List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
            new ClassifierTraining.Settings(15, 64, 1e-3, 2, 20240601L)),
    /**
     * Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017): trained on the official 60,000 training images, evaluated on
     * the official 10,000 test images (Debian package {@code dataset-fashion-mnist}).
     */
    @JsonProperty("fashion-mnist")
    FASHION_MNIST("fashion-mnist", "fashion-mnist-lenet",
            new ClassifierSpec("gan4j-fashion-mnist-lenet-v1", "gan4j-fashion-mnist features",
                    List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                            "Bag", "Ankle boot")),
            new ClassifierTraining.Settings(7, 64, 1e-3, 0, 20240601L));

    private final String key;
    private final String fileStem;
    private final ClassifierSpec spec;
    private final ClassifierTraining.Settings settings;

    ClassifierDomain(String key, String fileStem, ClassifierSpec spec, ClassifierTraining.Settings settings) {
        this.key = key;
        this.fileStem = fileStem;
        this.spec = spec;
        this.settings = settings;
    }

    /** The name users give, e.g. {@code mnist} or {@code fashion-mnist}. */
    public String key() {
        return key;
    }

    /** Base name of the weight and metadata files, e.g. {@code mnist-lenet} for mnist-lenet.zip / .json. */
    public String fileStem() {
        return fileStem;
    }

    /** Id, display name and class names of this domain's classifier. */
    public ClassifierSpec spec() {
        return spec;
    }

    /** The settings the shipped classifier was trained with. */
    public ClassifierTraining.Settings shippedSettings() {
        return settings;
    }

    /**
     * The training images, {@code [1, 28, 28]} in [-1, 1].
     *
     * @throws io.gan4j.core.data.DataException when Fashion-MNIST is not installed
     */
    public ArrayDataset trainData() {
        return this == MNIST ? new MnistData(Split.TRAIN, null, 0).load(0)
                : new FashionMnistData(null, Split.TRAIN, 0).load(0);
    }

    /**
     * The held-out images the accuracy is measured on (mnist/heldout, or Fashion-MNIST's official test set).
     *
     * @param limit only the first {@code limit} images; 0 = all
     * @throws io.gan4j.core.data.DataException when Fashion-MNIST is not installed
     */
    public ArrayDataset heldoutData(int limit) {
        return this == MNIST ? new MnistData(Split.HELDOUT, null, limit).load(0)
                : new FashionMnistData(null, Split.HELDOUT, limit).load(0);
    }

    /**
     * The metadata of the shipped classifier, read from the classpath without loading the weights.
     *
     * @return empty when the jar carries no classifier for this domain
     * @throws io.gan4j.core.data.DataException when the metadata is there but unreadable
     */
    public Optional<ClassifierMetadata> shippedMetadata() {
        String name = DomainClassifier.RESOURCE_DIR + fileStem + ".json";
        try (InputStream in = ClassifierDomain.class.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(ClassifierMetadata.read(in, "classpath:" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The classifier of a data source's declared image domain, or null for null. */
    public static ClassifierDomain of(ImageDomain domain) {
        if (domain == null) {
            return null;
        }
        return switch (domain) {
            case MNIST -> MNIST;
            case FASHION_MNIST -> FASHION_MNIST;
        };
    }

    /**
     * The domain called {@code key}.
     *
     * @throws IllegalArgumentException naming the known domains when there is none
     */
    public static ClassifierDomain of(String key) {
        for (ClassifierDomain d : values()) {
            if (d.key.equals(key == null ? null : key.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("no shipped classifier for '" + key + "'; known: "
                + Arrays.stream(values()).map(ClassifierDomain::key).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return key;
    }
}
