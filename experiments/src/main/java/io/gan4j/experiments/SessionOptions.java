package io.gan4j.experiments;

import picocli.CommandLine.Mixin;

import java.util.List;

/**
 * The options of a training session, the same on {@code train} and {@code resume}: {@code --set}, {@code
 * --tensorboard} and {@code --serve [--port P] [--host H]}.
 */
final class SessionOptions {
    @Mixin
    Overrides overrides;

    @Mixin
    TensorBoardOption tensorBoard;

    @Mixin
    ServeOption serve;

    /** The {@code --set} overrides, with {@code train.tensorboard=true} added when {@code --tensorboard} is given. */
    List<String> configOverrides() {
        return tensorBoard.addTo(overrides.values);
    }
}
