package io.gan4j.serve;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes run directories as gan4j lays them out (see io.gan4j.core.run.RunDirectory), with chosen logs. */
final class RunFixture {
    private RunFixture() {
    }

    /**
     * A finished run {@code <root>/<name>/<stamp>/} of {@code steps} logged steps (every {@code every}): d_loss = step
     * / 1000, g_loss = 1 - step / 1000; an evaluation with fid = 100000 / step every {@code 10 * every} steps; a
     * grid at each evaluation, each a different shade; a checkpoint at the last step.
     */
    static Path run(Path root, String name, String stamp, int steps, int every) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name).resolve(stamp));
        Files.createDirectories(dir.resolve("samples"));
        Files.createDirectories(dir.resolve("checkpoints"));
        Files.writeString(dir.resolve("config.json"), "{\"name\": \"" + name + "\"}\n");
        Files.writeString(dir.resolve("config.resolved.json"), "{\"name\": \"" + name + "\", \"variant\": \"vanilla\","
                + " \"train\": {\"iterations\": " + (long) steps * every + "}}\n");
        manifest(dir, name, "completed", (long) steps * every, (long) steps * every);
        StringBuilder metrics = new StringBuilder("step,elapsed_s,ms_per_step,d_loss,g_loss\n");
        StringBuilder eval = new StringBuilder("step,eval_seconds,fid\n");
        for (int i = 1; i <= steps; i++) {
            long step = (long) i * every;
            metrics.append(step).append(',').append(step * 0.01).append(",12.5,").append(step / 1000.0).append(',')
                    .append(1 - step / 1000.0).append('\n');
            if (i % 10 == 0) {
                eval.append(step).append(",1.5,").append(100000.0 / step).append('\n');
                Files.write(dir.resolve("samples").resolve(String.format("step-%08d.png", step)), png(i / 10));
            }
        }
        Files.writeString(dir.resolve("metrics.csv"), metrics);
        Files.writeString(dir.resolve("eval.csv"), eval);
        String last = String.format("step-%08d", (long) steps * every);
        Files.createDirectories(dir.resolve("checkpoints").resolve(last));
        Files.writeString(dir.resolve("checkpoints").resolve("latest"), last + "\n");
        return dir;
    }

    /** Writes manifest.json with one session of {@code status} that reached {@code toStep} (null: still running). */
    static void manifest(Path dir, String name, String status, Long toStep, long iterations) throws IOException {
        Files.writeString(dir.resolve("manifest.json"), "{\"format\": 1, \"name\": \"" + name + "\","
                + " \"variant\": \"vanilla\", \"configSource\": \"x.json\", \"configSha256\": \"ab\","
                + " \"masterSeed\": 42, \"seeds\": {}, \"data\": \"d\", \"deterministic\": true,"
                + " \"sessions\": [{\"command\": \"train\", \"overrides\": [], \"fromStep\": 0, \"toStep\": " + toStep
                + ", \"iterations\": " + iterations + ", \"startedAt\": \"2026-12-06T00:00:00Z\", \"endedAt\": null,"
                + " \"status\": \"" + status + "\", \"message\": null, \"pid\": 1, \"host\": \"h\"}]}\n",
                StandardCharsets.UTF_8);
    }

    /**
     * Makes a {@link #run} (checkpoint at step 300 with steps=30, every=10; training time 3 s) a run compare would
     * table: resolved config {@code model.loss=LOSS}, master seed {@code seed}, and an eval.json of {@code evalStep}
     * with FID {@code fid}, precision {@code precision} (left out when NaN) and metrics version {@code version}.
     */
    static void evaluated(Path dir, String name, String loss, long seed, long evalStep, double fid, double precision,
                          int version) throws IOException {
        Files.writeString(dir.resolve("config.resolved.json"), "{\"name\": \"" + name + "\", \"seed\": " + seed
                + ", \"model\": {\"type\": \"vanilla\", \"loss\": \"" + loss + "\"},"
                + " \"train\": {\"iterations\": 300, \"outputDir\": \"out" + seed + "\"}}\n");
        String manifest = Files.readString(dir.resolve("manifest.json")).replace("\"masterSeed\": 42",
                "\"masterSeed\": " + seed);
        Files.writeString(dir.resolve("manifest.json"), manifest);
        String summary = "\"fid\": " + fid + (Double.isNaN(precision) ? "" : ", \"precision\": " + precision);
        Files.writeString(dir.resolve("eval.json"), "{\"format\": 1, \"metricsVersion\": " + version
                + ", \"createdAt\": \"now\", \"gan4jVersion\": \"test\", \"source\": {\"kind\": \"run\","
                + " \"path\": \"x\", \"variant\": \"vanilla\", \"step\": " + evalStep + ", \"configSha256\": \"ab\","
                + " \"data\": \"mnist/train\"}, \"reference\": \"mnist/heldout\", \"referenceCount\": 2000,"
                + " \"generatedCount\": 10000, \"sampleSeed\": 1, \"features\": {\"id\": \"f\", \"displayName\":"
                + " \"f features\", \"sha256\": \"abc\", \"dimension\": 128}, \"summary\": {" + summary + "},"
                + " \"details\": {}}\n");
    }

    /** A 4x4 grey PNG of the given shade, so each grid's bytes differ. */
    static byte[] png(int shade) throws IOException {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                image.getRaster().setSample(x, y, 0, (shade * 37) % 256);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
