package dev.quarry.automl.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.quarry.automl.learner.ModelBytes;
import dev.quarry.featurize.table.Table;
import dev.quarry.runner.history.CostMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What deploying a set of pipeline members costs: per-row prediction latency, measured by scoring
 * single rows one at a time through featurizer and model (as a service scoring requests would), and
 * the serialised size. Latency is a wall-clock measurement on a possibly busy machine: comparable
 * between entries of one run, not across machines.
 *
 * @param p50Millis median milliseconds per row
 * @param p99Millis 99th-percentile milliseconds per row
 * @param bytes serialised bytes: each member's model (Java serialization) and featurizer (JSON)
 * @param writeMillis milliseconds serialising and compressing those bytes took (measured where the
 *     bytes were counted; NaN when unknown)
 */
public record DeploymentCost(double p50Millis, double p99Millis, long bytes, double writeMillis) {

    /** Rows scored one at a time, at most. */
    static final int SAMPLE_ROWS = 100;
    /** Predictions made first and not counted, so class loading and the first JIT tiers are not measured. */
    static final int WARM_UP = 5;
    /** Stop sampling after this long, so a slow model (k-NN on many rows) does not stall its trial. */
    static final long MAX_MEASURE_NANOS = 200_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param members the members a deployed model would hold (one fitted model, or an ensemble's)
     * @param rows raw rows to score, e.g. a fold's validation rows; at least one
     * @return the measured cost
     */
    public static DeploymentCost measure(List<PipelineMember> members, Table rows) {
        return measure(members, null, rows, size(members));
    }

    /**
     * The serialised size of a set of members and the time writing it takes.
     *
     * @param bytes serialised bytes
     * @param writeMillis milliseconds to serialise and compress them, NaN when unknown
     */
    public record Size(long bytes, double writeMillis) {

        /**
         * @param other another set of members' size
         * @return both together (the time is unknown if either's is)
         */
        public Size plus(Size other) {
            return new Size(bytes + other.bytes, writeMillis + other.writeMillis);
        }

        /**
         * @param n how many copies (a trial's fold models, sized from one of them)
         * @return n of these
         */
        public Size times(int n) {
            return new Size(bytes * n, writeMillis * n);
        }
    }

    /**
     * @param members the members a deployed model would hold
     * @param rows raw rows to score; at least one
     * @param size their serialised size and write time, when the caller knows them (an ensemble's
     *     members are its trials' fold models, whose sizes were measured one per trial)
     * @return the measured latency with that size
     */
    public static DeploymentCost measure(List<PipelineMember> members, Table rows, Size size) {
        return measure(members, null, rows, size);
    }

    /**
     * @param members the members a deployed model would hold
     * @param stacker the meta-learner over groups of them, or null when they are averaged
     * @param rows raw rows to score; at least one
     * @param size their serialised size and write time
     * @return the measured latency with that size
     */
    public static DeploymentCost measure(List<PipelineMember> members, Stacker stacker, Table rows, Size size) {
        int n = Math.min(SAMPLE_ROWS, rows.rowCount());
        // evenly spaced rows, so the sample does not depend on the time or on a random generator
        int[] sample = new int[n];
        for (int i = 0; i < n; i++) {
            sample[i] = (int) ((long) i * rows.rowCount() / n);
        }
        for (int i = 0; i < Math.min(WARM_UP, n); i++) {
            Pipeline.predict(members, stacker, rows.select(new int[] {sample[i]}));
        }
        double[] millis = new double[n];
        int measured = 0;
        long begin = System.nanoTime();
        while (measured < n && (measured == 0 || System.nanoTime() - begin < MAX_MEASURE_NANOS)) {
            Table one = rows.select(new int[] {sample[measured]});
            long start = System.nanoTime();
            Pipeline.predict(members, stacker, one);
            millis[measured++] = (System.nanoTime() - start) / 1e6;
        }
        double[] sorted = Arrays.copyOf(millis, measured);
        Arrays.sort(sorted);
        return new DeploymentCost(quantile(sorted, 0.5), quantile(sorted, 0.99), size.bytes(), size.writeMillis());
    }

    /**
     * @param members pipeline members
     * @return their serialised size ({@link #bytes}) and the time measuring it took, which is the
     *     time writing them takes
     */
    public static Size size(List<PipelineMember> members) {
        long start = System.nanoTime();
        long bytes = bytes(members);
        return new Size(bytes, (System.nanoTime() - start) / 1e6);
    }

    /**
     * @param members pipeline members
     * @return their serialised size in bytes, as {@link PipelineArtifact} writes them (models with
     *     Java serialization, compressed; featurizers as indented JSON)
     */
    public static long bytes(List<PipelineMember> members) {
        var counter = new CountingStream();
        try {
            for (PipelineMember m : members) {
                ModelBytes.writeCompressed(m.model(), counter);
                counter.count += JSON.writeValueAsBytes(m.featurizer()).length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise a model to measure it: " + e.getMessage(), e);
        }
        return counter.count;
    }

    /** Nearest-rank quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    /** @return the cost under the {@link CostMetrics} keys (the write time only when known) */
    public Map<String, Double> asMetrics() {
        var metrics = new java.util.HashMap<String, Double>(Map.of(CostMetrics.PREDICT_P50_MS, p50Millis,
                CostMetrics.PREDICT_P99_MS, p99Millis, CostMetrics.ARTIFACT_BYTES, (double) bytes));
        if (Double.isFinite(writeMillis)) {
            metrics.put(CostMetrics.ARTIFACT_WRITE_MS, writeMillis);
        }
        return metrics;
    }

    /** Counts bytes and keeps none; close() does nothing, so one counter serves many streams. */
    private static final class CountingStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
