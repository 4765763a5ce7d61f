package dev.quarry.runner.worker;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.runner.trial.Evaluation;
import dev.quarry.runner.trial.TrialTask;
import dev.quarry.search.history.FailureKind;
import dev.quarry.search.space.Params;
import java.time.Duration;
import java.util.Map;

/**
 * What a coordinator and a worker say to each other, one JSON object per message (one line on a
 * pipe, one body on an event bus). Small by design: a trial carries its params, never data; the
 * dataset is named by path and content hash inside the setup text.
 *
 * <p>Order on one worker: the coordinator sends {@link Setup} once; the worker answers
 * {@link Ready} or {@link SetupFailed}; then each {@link Trial} is answered by one {@link Result}
 * (while it runs, a cluster worker also sends {@link Heartbeat}s).
 *
 * <p>A cluster worker first says {@link Hello} (its name, cores and the datasets it has cached), and
 * is answered by a {@link DataSetup} naming the dataset by content hash, followed by the file in
 * {@link DataChunk}s only if the worker lacks it. Every cluster worker message carries the worker's
 * id in the event bus header {@code worker}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = WorkerMessage.Setup.class, name = "setup"),
        @JsonSubTypes.Type(value = WorkerMessage.Ready.class, name = "ready"),
        @JsonSubTypes.Type(value = WorkerMessage.SetupFailed.class, name = "setupFailed"),
        @JsonSubTypes.Type(value = WorkerMessage.Trial.class, name = "trial"),
        @JsonSubTypes.Type(value = WorkerMessage.Result.class, name = "result"),
        @JsonSubTypes.Type(value = WorkerMessage.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = WorkerMessage.Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = WorkerMessage.DataSetup.class, name = "dataSetup"),
        @JsonSubTypes.Type(value = WorkerMessage.DataChunk.class, name = "dataChunk"),
        @JsonSubTypes.Type(value = WorkerMessage.Cancel.class, name = "cancel")})
public sealed interface WorkerMessage {

    /**
     * Coordinator to worker, first: what the worker needs to build its evaluator.
     *
     * @param text opaque to the runner; see {@link WorkerSetup}
     */
    record Setup(String text) implements WorkerMessage {
    }

    /**
     * Worker to coordinator: set up, waiting for trials.
     *
     * @param pid the worker's process id, for logs
     * @param cores how many trials it can run at once
     */
    record Ready(long pid, int cores) implements WorkerMessage {
    }

    /**
     * Worker to coordinator: it cannot take part, and exits.
     *
     * @param error why, with the stack trace
     */
    record SetupFailed(String error) implements WorkerMessage {
    }

    /**
     * Coordinator to worker: run this trial.
     *
     * @param experimentId the experiment
     * @param number the trial number
     * @param learner the learner's name
     * @param params its hyperparameters
     * @param seed the trial's seed
     * @param timeoutMillis the trial's limit (the coordinator enforces it; the worker may use it)
     * @param resource the scheduler's share of the full resource for this run, in (0, 1]; null for a
     *     trial at the full resource without a scheduler (a message from an older coordinator has none)
     */
    record Trial(String experimentId, int number, String learner, Map<String, Object> params, long seed,
            long timeoutMillis, Double resource) implements WorkerMessage {

        /**
         * @param task a task
         * @return its message
         */
        public static Trial of(TrialTask task) {
            return new Trial(task.experimentId(), task.number(), task.params().learner(), task.params().values(),
                    task.seed(), task.timeout().toMillis(), Double.isNaN(task.resource()) ? null : task.resource());
        }

        /** @return the task again, at its resource: a worker runs a rung exactly as the local executor would */
        public TrialTask task() {
            return new TrialTask(experimentId, number, new Params(learner, params), seed,
                    Duration.ofMillis(Math.max(1, timeoutMillis)), resource == null ? Double.NaN : resource);
        }
    }

    /**
     * Worker to coordinator: a trial ended on the worker.
     *
     * @param number the trial number
     * @param failure null if it completed; otherwise why it failed
     * @param error the failure's text (class, message, stack), or null
     * @param score the primary metric; NaN if failed
     * @param metrics every metric; empty if failed
     * @param fitSeconds time spent fitting
     */
    record Result(int number, FailureKind failure, String error, double score, Map<String, Double> metrics,
            double fitSeconds) implements WorkerMessage {

        /** Copies the metrics. */
        public Result {
            metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        }

        /**
         * @param number the trial
         * @param e what it measured
         * @return a completed result
         */
        public static Result completed(int number, Evaluation e) {
            return new Result(number, null, null, e.score(), e.metrics(), e.fitSeconds());
        }

        /**
         * @param number the trial
         * @param kind why it failed
         * @param error what went wrong
         * @return a failed result
         */
        public static Result failed(int number, FailureKind kind, String error) {
            return new Result(number, kind, error, Double.NaN, Map.of(), 0);
        }

        /** @return the evaluation of a completed result */
        public Evaluation evaluation() {
            return new Evaluation(score, metrics, fitSeconds);
        }
    }

    /**
     * Worker to coordinator, every few seconds while trials run: still alive.
     *
     * @param worker the worker's name
     * @param running the trial numbers it is running
     */
    record Heartbeat(String worker, java.util.List<Integer> running) implements WorkerMessage {
    }

    /**
     * Cluster worker to coordinator, until it is set up: here I am.
     *
     * @param name the worker's name for logs and the run history
     * @param cores how many trials it runs at once
     * @param nodeId its cluster node id, to notice when it leaves the cluster
     * @param cached the SHA-256 of every dataset it has cached
     */
    record Hello(String name, int cores, String nodeId, java.util.List<String> cached) implements WorkerMessage {
    }

    /**
     * Coordinator to cluster worker: the setup, and the dataset it needs, by content hash.
     *
     * @param text the setup text (see {@link WorkerSetup})
     * @param sha256 the training file's content hash
     * @param size its size in bytes
     * @param coordinatorNode the coordinator's cluster node id: the worker exits when it leaves
     */
    record DataSetup(String text, String sha256, long size, String coordinatorNode) implements WorkerMessage {
    }

    /**
     * Coordinator to cluster worker: part of a dataset the worker lacks.
     *
     * @param sha256 the dataset
     * @param offset where this part starts
     * @param bytes the part
     * @param last whether it is the last part
     */
    record DataChunk(String sha256, long offset, byte[] bytes, boolean last) implements WorkerMessage {
    }

    /**
     * Coordinator to cluster worker: stop this trial (it timed out or the experiment stopped); its
     * result, if one still comes, is ignored.
     *
     * @param number the trial
     */
    record Cancel(int number) implements WorkerMessage {
    }

    /** Non-finite scores and metrics travel as the strings "NaN" and "Infinity", which Jackson reads back. */
    ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * @param message a message
     * @return it as one line of JSON
     */
    static String encode(WorkerMessage message) {
        try {
            return JSON.writerFor(WorkerMessage.class).writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param json one message as {@link #encode} wrote it
     * @return the message
     * @throws IllegalArgumentException if it is not one
     */
    static WorkerMessage decode(String json) {
        try {
            return JSON.readValue(json, WorkerMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a worker message: " + e.getOriginalMessage()
                    + " in " + (json.length() > 200 ? json.substring(0, 200) + "..." : json), e);
        }
    }
}
