package io.gan4j.core.metrics;

import io.gan4j.core.data.DataException;
import io.gan4j.core.io.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The metadata file ({@code <name>.json}) next to a classifier's weight file ({@code <name>.zip}): what the network
 * is, how it was trained, how well it does on held-out data, and the SHA-256 the weight file must have. Loading a
 * classifier checks the weight file against {@link #sha256()} before reading it.
 *
 * @param id              stable identifier including a version, e.g. {@code gan4j-mnist-lenet-v1}
 * @param displayName     name for metric labels, e.g. {@code gan4j-mnist features}
 * @param architecture    the layers in words ({@link DomainClassifier#ARCHITECTURE})
 * @param featureDim      length of a feature vector
 * @param numClasses      number of classes
 * @param classNames      class names in label order
 * @param trainData       name of the training set, e.g. {@code mnist/train}
 * @param trainSize       training examples
 * @param heldoutData     name of the held-out set the accuracy was measured on, e.g. {@code mnist/heldout}
 * @param heldoutSize     held-out examples
 * @param heldoutAccuracy fraction of held-out examples classified correctly after the last epoch, in [0, 1]
 * @param epochs          passes over the training set
 * @param batchSize       examples per update
 * @param learningRate    Adam's initial learning rate
 * @param lrSchedule      how the learning rate changes over training, in words
 * @param maxShift        largest random translation of the augmentation in pixels (0 = none)
 * @param augmentation    the augmentation in words
 * @param seed            the master seed of initialisation, shuffling, augmentation and dropout
 * @param weightsFile     file name of the weights, e.g. {@code mnist-lenet.zip}
 * @param weightsBytes    size of the weight file
 * @param sha256          lower-case hex SHA-256 of the weight file
 * @param gitCommit       gan4j commit the trainer was built from ({@code -dirty} appended for uncommitted changes)
 * @param dl4jVersion     Deeplearning4j version
 * @param trainedOn       backend, CPU count, OS and JVM of the training machine
 * @param trainingSeconds wall time of training, held-out evaluation after each epoch included
 * @param date            ISO-8601 time training finished
 * @param history         loss and held-out accuracy after each epoch
 */
public record ClassifierMetadata(String id, String displayName, String architecture, int featureDim, int numClasses,
                                 List<String> classNames, String trainData, int trainSize, String heldoutData,
                                 int heldoutSize, double heldoutAccuracy, int epochs, int batchSize,
                                 double learningRate, String lrSchedule, int maxShift, String augmentation, long seed,
                                 String weightsFile, long weightsBytes, String sha256, String gitCommit,
                                 String dl4jVersion, String trainedOn, double trainingSeconds, String date,
                                 List<ClassifierTraining.Epoch> history) {

    /** Copies the lists, so the record stays immutable. */
    public ClassifierMetadata {
        classNames = classNames == null ? null : List.copyOf(classNames);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The metadata file that belongs to weight file {@code zip}: same directory, {@code .zip} replaced by {@code .json}. */
    public static Path pathFor(Path zip) {
        String name = zip.getFileName().toString();
        String stem = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
        return zip.resolveSibling(stem + ".json");
    }

    /**
     * Reads a metadata file.
     *
     * @throws DataException naming the file when it is missing, unreadable or incomplete
     */
    public static ClassifierMetadata read(Path file) {
        try {
            return check(Json.read(file, ClassifierMetadata.class), file.toString());
        } catch (NoSuchFileException e) {
            throw new DataException("classifier metadata " + file + " not found; it must lie next to the weight file");
        } catch (IOException e) {
            throw new DataException("classifier metadata " + oneLine(e.getMessage()), e);
        }
    }

    /**
     * Reads metadata from a stream (a classpath resource).
     *
     * @param name the resource's name for error messages
     * @throws DataException naming the resource when it is unreadable or incomplete
     */
    public static ClassifierMetadata read(InputStream in, String name) {
        try {
            return check(Json.MAPPER.readValue(in, ClassifierMetadata.class), name);
        } catch (IOException e) {
            throw new DataException("classifier metadata " + name + ": " + oneLine(e.getMessage()), e);
        }
    }

    /** Writes this metadata as indented JSON, atomically. */
    public void write(Path file) throws IOException {
        Json.write(file, this);
    }

    /** The training settings this classifier was trained with, as {@link ClassifierTraining} takes them. */
    public ClassifierTraining.Settings settings() {
        return new ClassifierTraining.Settings(epochs, batchSize, learningRate, maxShift, seed);
    }

    /** The spec (id, display name, classes) recorded here. */
    public ClassifierSpec spec() {
        return new ClassifierSpec(id, displayName, classNames);
    }

    private static ClassifierMetadata check(ClassifierMetadata m, String name) {
        // A file without these cannot be verified or labelled; better to refuse it than to load unchecked weights.
        if (m.id() == null || m.displayName() == null || m.sha256() == null || m.classNames() == null
                || m.classNames().size() != m.numClasses()) {
            throw new DataException("classifier metadata " + name
                    + ": id, displayName, sha256 and classNames (numClasses of them) are required");
        }
        return m;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
