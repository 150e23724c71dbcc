package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Bridge for a Deeplearning4j 1.0.0-M2.1 bug that keeps the oneDNN layer helpers off even when they are allowed:
 * {@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled()} looks up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.isUseMKLDNN()} by reflection, but M2.1 ships the environment as
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} with {@code isUseONEDNN()}. This class
 * answers the old name with the new method's value.
 *
 * <p>Not gan4j API. It only has an effect when DL4J's helpers are allowed
 * ({@code -Dorg.eclipse.deeplearning4j.helpers.disable=false}, which {@code ./gan4j} sets) and can be switched
 * off with {@code -Dgan4j.onednn.helpers=false}.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** Stands in for the environment class DL4J looks for. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        /** Called reflectively by DL4J. */
        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether the native library uses oneDNN; false when switched off or not on the CPU backend. */
        public boolean isUseMKLDNN() {
            if (!Boolean.parseBoolean(System.getProperty("gan4j.onednn.helpers", "true"))) {
                return false;
            }
            try {
                Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                Method getInstance = env.getMethod("getInstance");
                Method isUseOneDnn = env.getMethod("isUseONEDNN");
                return (boolean) isUseOneDnn.invoke(getInstance.invoke(null));
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
