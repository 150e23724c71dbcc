package io.gan4j.core.testing.parity;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;
import java.util.stream.Stream;

/**
 * A variant's PyTorch parity, inherited by each variant module's parity test (shared through gan-core's test-jar):
 * each of its fixtures from {@code benchmarks/parity/make_fixtures.py} replays equal to PyTorch in double and in
 * float ({@link ParityReplay#check}), and each override that changes one term of the computation by about 1 percent
 * is noticed where it should be ({@link ParityReplay#assertDetects}), so the replay cannot pass by comparing too
 * little. A subclass names its fixtures and its overrides in its constructor.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class VariantParityTest {
    private final List<String> fixtures;
    private final String detectionFixture;
    private final List<Detection> detections;

    /**
     * A {@code --set} override and the first comparison of the replay that must fail with it, e.g.
     * {@code generator gradient}, {@code final discriminator}, {@code optimizer state critic}.
     */
    public record Detection(String override, String detectedIn) {
    }

    /**
     * @param fixtures         the fixtures to replay
     * @param detectionFixture the fixture the overrides are tried on
     * @param detections       the overrides, at least one
     */
    protected VariantParityTest(List<String> fixtures, String detectionFixture, Detection... detections) {
        if (fixtures.isEmpty() || detections.length == 0) {
            throw new IllegalArgumentException("a parity test needs a fixture and an override it detects");
        }
        this.fixtures = List.copyOf(fixtures);
        this.detectionFixture = detectionFixture;
        this.detections = List.of(detections);
    }

    /** {@code override} must make the replay fail first at {@code detectedIn}. */
    protected static Detection detects(String override, String detectedIn) {
        return new Detection(override, detectedIn);
    }

    Stream<Arguments> fixturesInBothPrecisions() {
        return fixtures.stream()
                .flatMap(f -> Stream.of(Arguments.of(f, DataType.DOUBLE), Arguments.of(f, DataType.FLOAT)));
    }

    Stream<Arguments> overrides() {
        return detections.stream().map(d -> Arguments.of(d.override(), d.detectedIn()));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("fixturesInBothPrecisions")
    void replayEqualsPyTorchs(String fixture, DataType type) {
        ParityReplay.check(fixture, type);
    }

    /** Each override changes one term of the computation by about 1 percent; the replay must notice. */
    @ParameterizedTest(name = "--set {0}")
    @MethodSource("overrides")
    void aOnePercentChangeIsDetected(String override, String detectedIn) {
        ParityReplay.assertDetects(detectionFixture, override, detectedIn);
    }
}
