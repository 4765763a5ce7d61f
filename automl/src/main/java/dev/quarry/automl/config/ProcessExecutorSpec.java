package dev.quarry.automl.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code type: process}: trials in worker JVMs on this machine, one trial per JVM at a time, each JVM
 * with its own heap limit, so that a trial that hangs or exhausts its heap takes only its own JVM
 * with it (it ends TIMEOUT or OUT_OF_MEMORY and a fresh JVM takes its place).
 *
 * @param workers worker JVMs, in [1, 256]; default the number of available processors
 * @param workerHeap each worker's heap limit ({@code -Xmx}): digits and a unit k, m or g; default {@code 1g}
 * @param jvmOptions further options for the worker JVMs (e.g. {@code -XX:ActiveProcessorCount=1}); default none
 * @param maxAttempts how many times a trial is tried when its worker dies under it (not for a
 *     timeout or an out-of-memory error, which are the trial's own doing), in [1, 10]; default 3
 */
public record ProcessExecutorSpec(Integer workers, String workerHeap, List<String> jvmOptions, Integer maxAttempts)
        implements ExecutorSpec {

    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]");

    /** Applies the defaults and validates. */
    public ProcessExecutorSpec {
        workers = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
        workerHeap = workerHeap == null ? "1g" : workerHeap;
        jvmOptions = jvmOptions == null ? List.of() : List.copyOf(jvmOptions);
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        if (workers < 1 || workers > 256) {
            throw new InvalidValueException("workers", "`workers` must be in [1, 256], got " + workers);
        }
        if (!HEAP.matcher(workerHeap).matches()) {
            throw new InvalidValueException("workerHeap", "`workerHeap` must be a size such as 512m or 2g, got \""
                    + workerHeap + "\"");
        }
        for (int i = 0; i < jvmOptions.size(); i++) {
            if (!jvmOptions.get(i).startsWith("-")) {
                throw new InvalidValueException("jvmOptions", "every JVM option must start with '-', got \""
                        + jvmOptions.get(i) + "\" at index " + i);
            }
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new InvalidValueException("maxAttempts", "`maxAttempts` must be in [1, 10], got " + maxAttempts);
        }
    }
}
