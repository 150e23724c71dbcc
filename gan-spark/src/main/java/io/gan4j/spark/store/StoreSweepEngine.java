package io.gan4j.spark.store;

import io.gan4j.experiments.compare.SweepEngine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep engine whose tasks publish their runs to a shared store ({@link HadoopRunStorage}), seen from the driver:
 * when the engine is done, each finished run is downloaded into a local cache, where the comparison reads it as it
 * reads any run directory. Only published checkpoints come down (see {@link SharedRunStore#download}).
 */
record StoreSweepEngine(SweepEngine engine, HadoopRunStorage storage, Path cache) implements SweepEngine {
    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public List<RunOutcome> train(List<RunSpec> runs, Options options, PrintWriter console) throws IOException {
        List<RunOutcome> local = new ArrayList<>();
        for (RunOutcome o : engine.train(runs, options, console)) {
            local.add(o.isFailed() ? o : RunOutcome.finished(o.runName(),
                    storage.download(o.runDir(), cache).toString()));
        }
        return local;
    }
}
