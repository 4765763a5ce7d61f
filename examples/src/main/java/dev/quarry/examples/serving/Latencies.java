package dev.quarry.examples.serving;

import java.util.Arrays;

/**
 * What one load phase measured.
 *
 * @param requests requests (or in-process calls) completed in the measured window
 * @param rowsPerRequest rows per request
 * @param seconds the measured window
 * @param p50Millis median latency
 * @param p99Millis 99th-percentile latency
 * @param errors requests that did not return 200
 */
record Latencies(long requests, int rowsPerRequest, double seconds, double p50Millis, double p99Millis, long errors) {

    static Latencies of(long[] nanos, int count, int rowsPerRequest, double seconds, long errors) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return new Latencies(count, rowsPerRequest, seconds, percentile(sorted, 0.50), percentile(sorted, 0.99), errors);
    }

    /** Nearest-rank percentile, in milliseconds; NaN with no samples. */
    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    double rowsPerSecond() {
        return requests * (double) rowsPerRequest / seconds;
    }

    double requestsPerSecond() {
        return requests / seconds;
    }
}
