package io.gan4j.core.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VariantRegistryTest {

    /** A variant that only has a name. */
    static class Named implements GanVariant {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public String paper() {
            return "none";
        }

        @Override
        public Class<? extends ModelConfig> configType() {
            return ModelConfig.class;
        }

        @Override
        public ModelConfig defaultConfig() {
            return null;
        }

        @Override
        public Set<DataKind> dataKinds() {
            return Set.of(DataKind.UNLABELLED);
        }

        @Override
        public GanModel create(ModelContext context) {
            throw new UnsupportedOperationException();
        }
    }

    static final class Other extends Named {
        Other(String name) {
            super(name);
        }
    }

    @Test
    void namesAreSortedAndLookedUp() {
        VariantRegistry r = new VariantRegistry(List.of(new Named("wgan"), new Named("dcgan")));
        assertEquals(List.of("dcgan", "wgan"), r.names());
        assertEquals("wgan", r.get("wgan").name());
    }

    @Test
    void unknownNameListsTheValidOnes() {
        VariantRegistry r = new VariantRegistry(List.of(new Named("wgan"), new Named("dcgan")));
        ConfigException e = assertThrows(ConfigException.class, () -> r.get("gan"));
        assertEquals("$.model.type must name a known variant, found 'gan' (one of dcgan, wgan)", e.getMessage());
    }

    @Test
    void duplicateNameNamesBothClasses() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new VariantRegistry(List.of(new Named("dcgan"), new Other("dcgan"))));
        assertTrue(e.getMessage().contains("two variants are named 'dcgan'"), e.getMessage());
        assertTrue(e.getMessage().contains(Named.class.getName()) && e.getMessage().contains(Other.class.getName()),
                e.getMessage());
    }

    @Test
    void invalidNameIsRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new VariantRegistry(List.of(new Named("My GAN"))));
        assertTrue(e.getMessage().contains("invalid name 'My GAN'"), e.getMessage());
    }

    @Test
    void emptyRegistrySaysSo() {
        ConfigException e = assertThrows(ConfigException.class, () -> new VariantRegistry(List.of()).get("x"));
        assertTrue(e.getMessage().contains("none are on the class path"), e.getMessage());
    }
}
