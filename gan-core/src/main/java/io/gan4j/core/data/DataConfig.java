package io.gan4j.core.data;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.gan4j.core.api.DataKind;

/**
 * The {@code data} section of an experiment: where training examples come from. The {@code source} key picks
 * the kind; each kind's record lists its fields and defaults.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "source")
@JsonSubTypes({
        @JsonSubTypes.Type(value = MnistData.class, name = "mnist"),
        @JsonSubTypes.Type(value = FashionMnistData.class, name = "fashion-mnist"),
        @JsonSubTypes.Type(value = IdxData.class, name = "idx"),
        @JsonSubTypes.Type(value = ImageFolderData.class, name = "folder"),
        @JsonSubTypes.Type(value = Ring8Data.class, name = "ring8"),
        @JsonSubTypes.Type(value = Grid25Data.class, name = "grid25"),
})
public sealed interface DataConfig permits MnistData, FashionMnistData, IdxData, ImageFolderData, Ring8Data, Grid25Data {

    /**
     * Loads the configured examples into memory.
     *
     * @param seed seed for sources that draw their examples (synthetic sets); file sources ignore it
     *
     * @throws DataException naming the file and what is wrong when data is missing or damaged
     */
    ArrayDataset load(long seed);

    /** The kind of data this source provides. */
    DataKind kind();

    /** The name that selects this source in {@code data.source}, e.g. {@code fashion-mnist} or {@code folder}. */
    static String sourceName(DataConfig data) {
        for (JsonSubTypes.Type t : DataConfig.class.getAnnotation(JsonSubTypes.class).value()) {
            if (t.value() == data.getClass()) {
                return t.name();
            }
        }
        throw new IllegalArgumentException(data.getClass().getName() + " is not registered in DataConfig");
    }
}
