package io.gan4j.core.model;

import io.gan4j.core.api.ConfigProblem;
import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.DataSpec;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.GanVariant;
import io.gan4j.core.api.ModelConfig;
import io.gan4j.core.api.ModelContext;
import io.gan4j.core.api.ModelFootprint;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link GanVariant} whose config record is {@code C}: the name, config type, defaults, model constructor and data
 * kinds are given once to the constructor, and the config checks and the memory footprint receive the config as
 * {@code C} (the registry only ever passes this variant its own config type). A subclass gives its description and
 * paper to the constructor too, or writes them as methods, and writes {@link #check} and {@link #footprintOf} where it
 * has them. It must keep a public no-argument constructor for {@link java.util.ServiceLoader}.
 *
 * @param <C> the variant's config record
 */
public abstract class TypedVariant<C extends ModelConfig> implements GanVariant {
    private final String name;
    private final Class<C> configType;
    private final Supplier<C> defaults;
    private final Function<ModelContext, ? extends GanModel> model;
    private final Set<DataKind> dataKinds;
    /** Null when the subclass overrides {@link #description()} and {@link #paper()}. */
    private final String description;
    private final String paper;

    /**
     * For a subclass that writes {@link #description()} and {@link #paper()} as methods (gan-vanilla's provider
     * does: {@code gan4j new-variant} copies it and marks those methods for the new variant's author).
     *
     * @param name       the registry name, which configs give as {@code model.type}
     * @param configType the config record
     * @param defaults   the config a file's {@code model} section is merged onto
     * @param model      builds the model for a validated config and its data, e.g. {@code VanillaGanModel::new}
     * @param dataKinds  the kinds of data the model trains on
     */
    protected TypedVariant(String name, Class<C> configType, Supplier<C> defaults,
                           Function<ModelContext, ? extends GanModel> model, Set<DataKind> dataKinds) {
        this(name, configType, defaults, model, dataKinds, null, null);
    }

    /**
     * @param name        the registry name, which configs give as {@code model.type}
     * @param configType  the config record
     * @param defaults    the config a file's {@code model} section is merged onto
     * @param model       builds the model for a validated config and its data, e.g. {@code DcganModel::new}
     * @param dataKinds   the kinds of data the model trains on
     * @param description one line for {@code gan4j list}: what the variant is, with its paper's arXiv number
     * @param paper       the paper it implements: authors (year), title
     */
    protected TypedVariant(String name, Class<C> configType, Supplier<C> defaults,
                           Function<ModelContext, ? extends GanModel> model, Set<DataKind> dataKinds,
                           String description, String paper) {
        this.name = name;
        this.configType = configType;
        this.defaults = defaults;
        this.model = model;
        this.dataKinds = Set.copyOf(dataKinds);
        this.description = description;
        this.paper = paper;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public String description() {
        return given(description, "description");
    }

    @Override
    public String paper() {
        return given(paper, "paper");
    }

    private String given(String text, String what) {
        if (text == null) {
            throw new IllegalStateException(getClass().getName() + " gives no " + what + " to TypedVariant's"
                    + " constructor and does not override " + what + "()");
        }
        return text;
    }

    @Override
    public final Class<C> configType() {
        return configType;
    }

    @Override
    public final C defaultConfig() {
        return defaults.get();
    }

    @Override
    public final Set<DataKind> dataKinds() {
        return dataKinds;
    }

    /** The model the constructor's model constructor builds for this context. */
    @Override
    public final GanModel create(ModelContext context) {
        return model.apply(context);
    }

    @Override
    public final void validate(ModelConfig config, DataSpec data, List<ConfigProblem> problems) {
        check(configType.cast(config), data, problems);
    }

    /** Cross-checks of the config against the data; the default has none. */
    protected void check(C config, DataSpec data, List<ConfigProblem> problems) {
    }

    @Override
    public final ModelFootprint footprint(ModelConfig config, DataSpec data) {
        return footprintOf(configType.cast(config), data);
    }

    /**
     * Parameter count and activation memory of the model this config builds for this data, so a model too large
     * for memory is refused before it is built; the default is {@link ModelFootprint#NONE} (not estimated).
     */
    protected ModelFootprint footprintOf(C config, DataSpec data) {
        return ModelFootprint.NONE;
    }
}
