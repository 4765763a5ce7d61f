package dev.quarry.reports.model;

import java.util.List;

/**
 * The series the report's charts draw; computed by the assembler, drawn as they are.
 *
 * @param bestOverTime the running best score, one point per new leader
 * @param byLearner every scored child run's score, grouped by learner
 * @param params the most influential hyperparameters against score, most influential first
 * @param workers each worker's child runs over time
 */
public record Charts(List<BestPoint> bestOverTime, List<LearnerScores> byLearner, List<ParamEffect> params,
        List<WorkerLane> workers) {

    /** Copies the lists. */
    public Charts {
        bestOverTime = List.copyOf(bestOverTime);
        byLearner = List.copyOf(byLearner);
        params = List.copyOf(params);
        workers = List.copyOf(workers);
    }

    /**
     * @param seconds when the leader finished, after the experiment started
     * @param score the best score from then on
     * @param trial the new leader
     */
    public record BestPoint(double seconds, double score, int trial) {
    }

    /**
     * @param learner a learner
     * @param scores its scored child runs' scores
     * @param best the best of them
     */
    public record LearnerScores(String learner, List<Double> scores, double best) {

        /** Copies the scores. */
        public LearnerScores {
            scores = List.copyOf(scores);
        }
    }

    /**
     * A hyperparameter of one learner against the score of that learner's child runs.
     *
     * @param learner the learner
     * @param param the hyperparameter
     * @param numeric whether {@code x} (numeric) or {@code label} (categorical) holds the value
     * @param influence how strongly the score depends on it, in [0, 1] (|Spearman rho| or eta squared)
     * @param points one per scored child run
     */
    public record ParamEffect(String learner, String param, boolean numeric, double influence, List<ParamPoint> points) {

        /** Copies the points. */
        public ParamEffect {
            points = List.copyOf(points);
        }
    }

    /**
     * @param x the numeric value, or null
     * @param label the categorical value, or null
     * @param score the child run's score
     */
    public record ParamPoint(Double x, String label, double score) {
    }

    /**
     * @param worker a worker
     * @param spans its child runs, in start order
     */
    public record WorkerLane(String worker, List<Span> spans) {

        /** Copies the spans. */
        public WorkerLane {
            spans = List.copyOf(spans);
        }
    }

    /**
     * @param trial the trial
     * @param start seconds after the experiment started
     * @param end seconds after the experiment started, at least {@code start}
     * @param status COMPLETED, PRUNED, FAILED or RUNNING
     */
    public record Span(int trial, double start, double end, String status) {
    }
}
