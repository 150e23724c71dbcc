package io.gan4j.core.model;

import io.gan4j.core.api.DataKind;
import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.ModelConfig;
import io.gan4j.core.api.ModelContext;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where {@link TypedVariant}'s description and paper come from: the constructor, or the subclass's own methods. */
class TypedVariantTest {
    record Config() implements ModelConfig {
    }

    /** Gives its texts to the constructor. */
    static final class Given extends TypedVariant<Config> {
        Given() {
            super("given", Config.class, Config::new, TypedVariantTest::untrainable, Set.of(DataKind.UNLABELLED),
                    "a test variant", "Nobody (2026)");
        }
    }

    /** Neither gives its texts nor writes description() or paper(): a programming error named on first use. */
    static final class Forgotten extends TypedVariant<Config> {
        Forgotten() {
            super("forgotten", Config.class, Config::new, TypedVariantTest::untrainable, Set.of(DataKind.UNLABELLED));
        }
    }

    private static GanModel untrainable(ModelContext context) {
        throw new UnsupportedOperationException("not trained");
    }

    @Test
    void textsGivenToTheConstructorAreTheVariantsDescriptionAndPaper() {
        Given v = new Given();
        assertEquals("a test variant", v.description());
        assertEquals("Nobody (2026)", v.paper());
    }

    @Test
    void aVariantWithoutTextsNamesItselfAndWhatIsMissing() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Forgotten().paper());
        assertTrue(e.getMessage().contains(Forgotten.class.getName()) && e.getMessage().contains("paper"),
                e.getMessage());
    }
}
