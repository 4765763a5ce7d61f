package dev.quarry.automl.experiment;

import dev.quarry.runner.history.CostMetrics;
import java.time.Duration;
import java.util.Map;

/**
 * How long writing a model folder will take, kept free before the deadline: the shipped model can be
 * an ensemble of tens of fold models, and serialising and compressing a forest runs at only 2 to 5 MB
 * a second of compressed bytes on one core (on wine-quality-white a 36 MB stack of extra-trees fold
 * models took about 14 s on one thread, and a run with a 2-minute budget ended at 124 s). The estimate starts from the time a trial's worker
 * took to serialise one fold model while it measured its size ({@link CostMetrics#ARTIFACT_WRITE_MS};
 * ensembles sum their members'), spread over the threads
 * {@link dev.quarry.automl.pipeline.PipelineArtifact} writes members on, with {@value #SAFETY} times
 * headroom: on wine-quality-white, members took 3 s each on the coordinator's two writing threads
 * against 1.7 s on the worker that measured them, and members may be uneven. Runs recorded before write times were kept fall back to
 * {@value #BYTES_PER_SECOND} compressed bytes a second. Pure.
 */
final class ModelWriteTime {

    /** Compressed bytes written per second on one thread when no write time was measured. */
    static final double BYTES_PER_SECOND = 5e6;

    /** Headroom over the even split of the measured time between the writing threads. */
    static final double SAFETY = 2;

    private ModelWriteTime() {
    }

    /**
     * @param metrics a child run's metrics, with {@link CostMetrics#ARTIFACT_BYTES} and, since this
     *     class, {@link CostMetrics#ARTIFACT_WRITE_MS}
     * @param copies how many times those bytes are written (a single trial's figures are one fold
     *     model's, and its fold models may be shipped; 1 for an ensemble, whose figures cover all its members)
     * @param files how many model files the folder holds, which bounds how many threads write at once
     * @param cores the processors available
     * @return the time, zero when neither the write time nor the size is known
     */
    static Duration of(Map<String, Double> metrics, int copies, int files, int cores) {
        int writers = Math.max(1, Math.min(files, cores));
        double millis = metrics.getOrDefault(CostMetrics.ARTIFACT_WRITE_MS, Double.NaN);
        if (!(millis >= 0)) {
            double bytes = metrics.getOrDefault(CostMetrics.ARTIFACT_BYTES, Double.NaN);
            millis = bytes > 0 ? 1000 * bytes / BYTES_PER_SECOND : 0;
        }
        return Duration.ofMillis((long) Math.ceil(millis * copies * SAFETY / writers));
    }
}
