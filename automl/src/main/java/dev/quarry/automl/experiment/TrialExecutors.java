package dev.quarry.automl.experiment;

import dev.quarry.automl.config.ClusterExecutorSpec;
import dev.quarry.automl.config.ExecutorSpec;
import dev.quarry.automl.config.LocalExecutorSpec;
import dev.quarry.automl.config.ProcessExecutorSpec;
import dev.quarry.runner.cluster.ClusterNode;
import dev.quarry.runner.cluster.ClusterTrialExecutor;
import dev.quarry.runner.local.LocalTrialExecutor;
import dev.quarry.runner.process.ProcessTrialExecutor;
import dev.quarry.runner.process.WorkerJvm;
import dev.quarry.runner.store.Workspace;
import dev.quarry.runner.trial.TrialEvaluator;
import dev.quarry.runner.trial.TrialExecutor;
import java.time.InstantSource;
import java.util.List;

/** Builds the executor an experiment's {@code executor} config asks for. */
public final class TrialExecutors {

    /** The worker JVM's entry point: {@code quarry worker --stdio}. */
    static final String WORKER_MAIN = "dev.quarry.automl.cli.QuarryCli";

    private TrialExecutors() {
    }

    /**
     * @param experiment the experiment
     * @param data its data (its hash goes to worker JVMs, which read it themselves)
     * @param evaluator the in-process evaluator, for local threads
     * @param retained where fold models go; told to read them from files when trials run elsewhere
     * @param workspace the workspace
     * @param clock the time source
     * @return a fresh executor; the caller closes it
     */
    static TrialExecutor open(ResolvedExperiment experiment, ExperimentData data, TrialEvaluator evaluator,
            RetainedModels retained, Workspace workspace, InstantSource clock) {
        return switch (experiment.config().executor()) {
            case LocalExecutorSpec local -> new LocalTrialExecutor(local.parallelism(), evaluator, clock);
            case ProcessExecutorSpec p -> {
                retained.readingFrom(new FoldFiles(workspace, experiment.id()));
                yield new ProcessTrialExecutor(p.workers(), WorkerJvm.sameJava(p.workerHeap(), p.jvmOptions(),
                        WORKER_MAIN, List.of("worker", "--stdio")), WorkerSetupText.of(experiment, data, workspace),
                        p.maxAttempts(), new ChildRunLogs(workspace, experiment.id()), clock);
            }
            case ClusterExecutorSpec c -> new ClusterTrialExecutor(ClusterNode.start(c.bindHost(), c.port(), false,
                    List.of(c.joinAddress())), WorkerSetupText.of(experiment, data, workspace), data.trainFile(),
                    data.sha256(), c.maxAttempts(), c.heartbeatTimeout(), new ChildRunLogs(workspace, experiment.id()), clock);
        };
    }

    /**
     * @param spec an executor config
     * @param parallelism the resolved parallelism
     * @return what it is, for the console
     */
    public static String describe(ExecutorSpec spec, int parallelism) {
        return switch (spec) {
            case LocalExecutorSpec l -> parallelism + " local threads";
            case ProcessExecutorSpec p -> p.workers() + " worker processes (" + p.workerHeap() + " heap each)";
            case ClusterExecutorSpec c -> "cluster workers joining " + c.joinAddress() + " (start each with: quarry worker --join "
                    + c.joinAddress() + ")";
        };
    }
}
