package io.gan4j.core.nn;

import io.gan4j.core.api.GanModel;
import io.gan4j.core.api.Network;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's networks as the {@link Net}s they are. The contract ({@link GanModel#networks()}) names them by
 * {@link Network}, which {@code api} owns; code that drives the networks themselves (benchmarks, memory
 * measurements, parity and gradient tests) takes them from here.
 */
public final class Nets {
    private Nets() {
    }

    /**
     * {@code model}'s networks by name, in its order.
     *
     * @throws IllegalArgumentException when one of them is not a {@link Net}
     */
    public static Map<String, Net> of(GanModel model) {
        Map<String, Net> nets = new LinkedHashMap<>();
        model.networks().forEach((name, network) -> {
            if (!(network instanceof Net net)) {
                throw new IllegalArgumentException(model.getClass().getSimpleName() + "'s network '" + name
                        + "' is a " + network.getClass().getName() + ", not a " + Net.class.getName());
            }
            nets.put(name, net);
        });
        return Collections.unmodifiableMap(nets);
    }
}
