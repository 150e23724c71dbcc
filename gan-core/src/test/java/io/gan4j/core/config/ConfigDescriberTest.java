package io.gan4j.core.config;

import io.gan4j.core.config.ConfigDescriber.Field;
import io.gan4j.core.config.Fakes.LabelConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigDescriberTest {

    /** {@code expected} is among {@code fields}: the field of its path and condition equals it in every column. */
    private static void assertListed(List<Field> fields, Field expected) {
        assertEquals(expected, find(fields, expected.path(), expected.condition()));
    }

    private static Field find(List<Field> fields, String path, String condition) {
        return fields.stream().filter(f -> f.path().equals(path) && f.condition().equals(condition)).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + path + " [" + condition + "] in " + fields));
    }

    @Test
    void scalarFieldsCarryTypeDefaultRangeAndDoc() {
        List<Field> fields = ConfigDescriber.variant(Fakes.VANILLA);
        assertEquals(new Field("model.type", "string", "\"vanilla\"", "", "The variant: Fake vanilla for config tests", ""),
                fields.get(0));
        assertListed(fields, new Field("model.latentDim", "int", "64", ">= 1", "Size of the latent code", ""));
        assertListed(fields, new Field("model.steps", "long", "1", ">= 1", "Discriminator steps per generator step",
                ""));
        assertListed(fields, new Field("model.hidden", "list of int", "[256,256]", ">= 1", "Hidden layer sizes", ""));
        assertListed(fields, new Field("model.activation", "one of relu, leaky_relu, tanh", "\"leaky_relu\"", "",
                "Hidden activation", ""));
        assertListed(fields, new Field("model.label", "string", "null", "", "Free-text label; null = none", ""));
        assertListed(fields, new Field("model.weights", "map of string to double", "{}", "", "Loss weight per class name",
                ""));
    }

    @Test
    void nestedRecordsAreExpandedWithTheVariantsDefaults() {
        List<Field> fields = ConfigDescriber.variant(Fakes.DCGAN);
        assertListed(fields, new Field("model.head", "object", "", "", "Output head", ""));
        assertListed(fields, new Field("model.head.units", "int", "256", ">= 1", "Units in the layer", ""));
        assertListed(fields, new Field("model.head.dropout", "double", "0.0", "in [0, 1)", "Dropout probability", ""));
    }

    @Test
    void aNullNestedRecordShowsItsOwnDefaultsBelowIt() {
        List<Field> fields = ConfigDescriber.describe("model", LabelConfig.class, null);
        assertEquals(new Field("model.classes", "int", "(required)", "", "Number of classes", ""), fields.get(0));
        assertEquals(new Field("model.smoothing", "float", "0.9", "in (0, 1]", "Label smoothing", ""), fields.get(1));
        assertEquals("null", find(fields, "model.projection", "").defaultValue());
        assertEquals("128", find(fields, "model.projection.units", "").defaultValue());
    }

    @Test
    void everySubtypeIsExpandedWithTheDefaultsTheLoaderWouldUse() {
        List<Field> fields = ConfigDescriber.variant(Fakes.DCGAN);
        assertEquals("object by \"type\": adam, rmsprop, sgd", find(fields, "model.discriminatorOptimizer", "").type());
        Field type = find(fields, "model.discriminatorOptimizer.type", "");
        assertEquals("one of adam, rmsprop, sgd", type.type());
        assertEquals("\"sgd\"", type.defaultValue());
        assertTrue(type.doc().contains("rmsprop = RMSProp (Tieleman & Hinton 2012)"), type.doc());
        // The default subtype shows the variant's values; the others their own defaults().
        assertEquals("0.01", find(fields, "model.discriminatorOptimizer.lr",
                "model.discriminatorOptimizer.type = sgd").defaultValue());
        assertEquals("0.001", find(fields, "model.discriminatorOptimizer.lr",
                "model.discriminatorOptimizer.type = adam").defaultValue());
        assertEquals("2.0E-4", find(fields, "model.generatorOptimizer.lr",
                "model.generatorOptimizer.type = adam").defaultValue());
        assertListed(fields, new Field("model.generatorOptimizer.decay", "double", "0.99", "in [0, 1)",
                "Decay of the squared-gradient average (PyTorch's alpha)", "model.generatorOptimizer.type = rmsprop"));
    }

    @Test
    void theTopLevelSectionsAreDescribedTheSameWay() {
        List<Field> data = ConfigDescriber.data();
        assertEquals(new Field("data.source", "one of mnist, fashion-mnist, idx, folder, cifar10, ring8, grid25, paired, aligned-folder, unpaired, unaligned-folder", "\"mnist\"", "",
                data.get(0).doc(), ""), data.get(0));
        assertListed(data, new Field("data.images", "string", "(required)", "",
                "Path of the IDX image file (unsigned bytes, [N,H,W] or [N,H,W,C])", "data.source = idx"));
        assertEquals("50000", find(data, "data.size", "data.source = ring8").defaultValue());
        List<Field> train = ConfigDescriber.train();
        assertListed(train, new Field("train.sampleGrid", "int", "5", "in [1, 32]",
                "Rows and columns of the sample grid", ""));
        assertListed(train, new Field("train.precision", "one of float, double", "\"float\"", "",
                "Floating-point precision of the networks: float or double", ""));
        List<Field> all = ConfigDescriber.experiment(Fakes.VANILLA);
        assertEquals(List.of("name", "seed", "model.type"), all.subList(0, 3).stream().map(Field::path).toList());
        List<Field> eval = ConfigDescriber.eval();
        assertListed(eval, new Field("eval.every", "int", "0", ">= 0",
                "Evaluate every N iterations during training and keep the best checkpoint; 0 = never", ""));
        assertEquals(3 + ConfigDescriber.variant(Fakes.VANILLA).size() - 1 + data.size() + train.size() + eval.size(),
                all.size());
    }

    @Test
    void textRendersTwoLinesPerField() {
        String text = ConfigDescriber.text(ConfigDescriber.train());
        assertTrue(text.startsWith("train.iterations: int, default 10000, >= 1\n"
                + "    Training iterations (each ends with one generator update)\n"
                + "train.batchSize: int, default 64, >= 1\n    Examples per batch\n"), text);
        String optimizer = ConfigDescriber.text(ConfigDescriber.variant(Fakes.VANILLA));
        assertTrue(optimizer.contains("model.generatorOptimizer.momentum: double, default 0.0, in [0, 1),"
                + " when model.generatorOptimizer.type = sgd\n    Nesterov momentum; 0 = plain SGD\n"), optimizer);
    }

    @Test
    void markdownRendersATableWithEscapedCells() {
        String md = ConfigDescriber.markdown(ConfigDescriber.experiment(Fakes.VANILLA));
        List<String> lines = List.of(md.split("\n"));
        assertEquals("| Key | Type | Default | Allowed | Description |", lines.get(0));
        assertEquals("|---|---|---|---|---|", lines.get(1));
        assertTrue(lines.contains("| `train.batchSize` | int | `64` | &gt;= 1 | Examples per batch |"), md);
        assertTrue(lines.contains("| `data.images` | string | (required) |  | *When `data.source = idx`:* Path of the IDX"
                + " image file (unsigned bytes, [N,H,W] or [N,H,W,C]) |"), md);
        assertTrue(lines.contains("| `train.outputDir` | string | `\"runs\"` |  | Directory under which runs are created as"
                + " &lt;outputDir&gt;/&lt;name&gt;/&lt;timestamp&gt;/ |"), md);
        assertTrue(lines.stream().skip(2).allMatch(l -> l.startsWith("| `") && l.endsWith(" |")
                && l.replace("\\|", "").chars().filter(c -> c == '|').count() == 6), md);
    }

    @Test
    void onlyRecordsAndPolymorphicTypesCanBeDescribed() {
        assertThrows(IllegalArgumentException.class, () -> ConfigDescriber.describe("x", String.class, "a"));
    }
}
