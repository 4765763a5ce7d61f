package dev.quarry.automl.experiment;

import dev.quarry.automl.learner.Predictions;
import dev.quarry.automl.pipeline.PipelineMember;
import dev.quarry.automl.pipeline.Stacker;
import dev.quarry.automl.report.DatasetProfiles;
import dev.quarry.automl.report.DiagnosticsBuilder;
import dev.quarry.automl.report.PermutationImportance;
import dev.quarry.automl.report.ReportAssembler;
import dev.quarry.automl.report.ReportFiles;
import dev.quarry.automl.report.ReportInputs;
import dev.quarry.featurize.table.Table;
import dev.quarry.featurize.transform.FeaturizerSpec;
import dev.quarry.reports.model.Diagnostics;
import dev.quarry.runner.history.Leaderboard;
import dev.quarry.runner.store.RunStore;
import dev.quarry.runner.store.Workspace;
import dev.quarry.runner.trial.TrialResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Keeps the experiment's HTML report current: rewrites it, on a background thread of its own at
 * low priority, when the leader changes (at most once per {@link #INTERVAL}, so a burst of new
 * leaders costs one write), and once more at the end, then rewrites the workspace index. The loop's
 * thread only flags that a write is due, so reports never delay trials or the budget; once the loop
 * reaches its final steps (the first {@code phase}, or the ensemble's child run) background work
 * stops, so it does not compete with the refit. The best model's diagnostics come from the kept
 * trials' validation predictions; permutation importance is measured within
 * {@link #IMPORTANCE_LIMIT} per leader, and at the end only within the time budget that is left. A
 * report that fails to write never stops the experiment: the error goes to the experiment's
 * {@code logs/report.log}.
 */
final class LiveReport implements ExperimentListener {

    /** The least time between two reports written during a run. */
    static final Duration INTERVAL = Duration.ofSeconds(5);
    /** The most time permutation importance may take for one leader. */
    static final Duration IMPORTANCE_LIMIT = Duration.ofSeconds(3);
    /** Kept free before the deadline for assembling and writing the final report and the index. */
    static final Duration FINAL_WRITE_MARGIN = Duration.ofMillis(300);

    private final ResolvedExperiment experiment;
    private final RunStore store;
    private final Workspace workspace;
    private final RetainedModels retained;
    private final InstantSource clock;
    private final Instant deadline;
    private final ReportInputs baseInputs;
    private final ScheduledThreadPoolExecutor writer;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastWrite = System.nanoTime() - INTERVAL.toNanos();
    /** The diagnostics last computed, reused while the leader stays the same; touched by one writer at a time. */
    private volatile Diagnostics cached;
    private volatile Stack stack;

    /** A stacked ensemble child run: its members, its meta-learner and its cross-fitted fold predictions. */
    private record Stack(int trial, List<Candidate> members, Stacker stacker, List<Predictions> foldPredictions) {
    }
    /** Set when the loop reaches its final steps: background writes end early and no new ones start. */
    private volatile boolean ending;

    LiveReport(ResolvedExperiment experiment, ExperimentData data, RunStore store, Workspace workspace,
            RetainedModels retained, FeaturizerSpec featurizerSpec, InstantSource clock, Instant deadline) {
        this.experiment = experiment;
        this.store = store;
        this.workspace = workspace;
        this.retained = retained;
        this.clock = clock;
        this.deadline = deadline;
        this.baseInputs = new ReportInputs(DatasetProfiles.of(data.trainFile().toString(), data.sha256(), data.train(),
                featurizerSpec), experiment.validation(), experiment.folds().size(), null, null, null, null);
        this.writer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "quarry-report-" + experiment.id());
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        writer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public void trialFinished(TrialResult result, boolean newBest, double best, Duration elapsed) {
        if (ExperimentLoop.isEnsemble(result.params().learner())) {
            // The ensemble is built after the search: the final steps have begun.
            ending = true;
        }
        if (newBest && !ending && scheduled.compareAndSet(false, true)) {
            long wait = Math.max(0, lastWrite + INTERVAL.toNanos() - System.nanoTime());
            writer.schedule(() -> {
                scheduled.set(false);
                lastWrite = System.nanoTime();
                write(null, null, null, IMPORTANCE_LIMIT);
            }, wait, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void phase(String description) {
        ending = true;
    }

    @Override
    public void finished(ExperimentOutcome outcome) {
        ending = true;
        writer.shutdown();
        try {
            writer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Duration limit = IMPORTANCE_LIMIT;
        if (deadline != null) {
            Duration left = Duration.between(clock.instant(), deadline.minus(FINAL_WRITE_MARGIN));
            limit = left.compareTo(limit) < 0 ? left : limit;
        }
        ending = false;
        write(outcome.modelTrial(), outcome.modelFit(), outcome.modelReason(), limit);
        try {
            ReportFiles.writeIndex(workspace, store, clock.instant());
        } catch (RuntimeException e) {
            log("workspace index", e);
        }
    }

    private void write(Integer shippedTrial, String modelFit, String shippedReason, Duration importanceLimit) {
        try {
            var record = store.experiment(experiment.id()).orElseThrow();
            List<TrialResult> trials = store.trials(experiment.id());
            Optional<TrialResult> leader = Leaderboard.of(record.id(), record.metric(), record.direction(), trials).best()
                    .map(e -> e.trial());
            Diagnostics d = leader.flatMap(t -> diagnostics(t, importanceLimit)).orElse(null);
            ReportInputs inputs = baseInputs.withShipped(shippedTrial, modelFit, shippedReason).withDiagnostics(d);
            var report = ReportAssembler.assemble(record, trials, inputs,
                    ReportFiles.readGuardrails(workspace, experiment.id()), clock.instant());
            ReportFiles.write(workspace, report, inputs);
        } catch (RuntimeException e) {
            log("report", e);
        }
    }

    /**
     * Called by the loop when it has recorded a stack, before the stack can lead: the report draws
     * its diagnostics from its cross-fitted predictions.
     *
     * @param trial the stack's child-run number
     * @param members its member configurations, in the stacker's group order
     * @param stacker its meta-learner (its group sizes are ignored: fold f uses each member's fold model f)
     * @param foldPredictions its cross-fitted predictions on each fold's validation rows
     */
    void stacked(int trial, List<Candidate> members, Stacker stacker, List<Predictions> foldPredictions) {
        this.stack = new Stack(trial, List.copyOf(members), stacker, List.copyOf(foldPredictions));
    }

    /** The leader's diagnostics from its kept fold models and validation predictions, if they are kept. */
    private Optional<Diagnostics> diagnostics(TrialResult leader, Duration importanceLimit) {
        Diagnostics last = cached;
        if (last != null && last.trial() == leader.number()) {
            return Optional.of(last);
        }
        Stack s = stack;
        if (s != null && s.trial() == leader.number()) {
            var cases = new ArrayList<PermutationImportance.FoldCase>();
            for (int f = 0; f < experiment.folds().size(); f++) {
                int fold = f;
                Function<Table, Predictions> model = table -> s.stacker().combine(s.members().stream().map(c -> {
                    PipelineMember m = c.foldModels().get(fold);
                    return m.model().predict(m.featurizer().transform(table).rows());
                }).toList());
                cases.add(new PermutationImportance.FoldCase(experiment.folds().get(f).testFeatures(),
                        experiment.folds().get(f).testTarget(), model));
            }
            String name = "stack (child run " + leader.number() + ") of trials "
                    + String.join(", ", s.members().stream().map(c -> String.valueOf(c.trial())).toList());
            return Optional.of(finish(DiagnosticsBuilder.build(name, leader.number(), experiment.metric(),
                    experiment.folds().stream().map(Fold::testTarget).toList(), s.foldPredictions()), cases, importanceLimit));
        }
        List<Candidate> kept = retained.all();
        Map<Integer, Integer> counts = leader.params().learner().equals(ExperimentLoop.ENSEMBLE)
                || leader.params().learner().equals(ExperimentLoop.BEST_OF_FAMILY)
                ? ReportAssembler.ensemblePicks(leader) : Map.of(leader.number(), 1);
        var members = new ArrayList<Candidate>();
        var weights = new ArrayList<Double>();
        for (Candidate c : kept) {
            Integer n = counts.get(c.trial());
            if (n != null && n > 0) {
                members.add(c);
                weights.add(n.doubleValue());
            }
        }
        if (members.size() != counts.size()) {
            return Optional.empty();
        }
        double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        List<Fold> folds = experiment.folds();
        var predictions = new ArrayList<Predictions>();
        var cases = new ArrayList<PermutationImportance.FoldCase>();
        for (int f = 0; f < folds.size(); f++) {
            int fold = f;
            predictions.add(Predictions.blend(members.stream().map(c -> c.foldPredictions().get(fold)).toList(), w));
            Function<Table, Predictions> model = table -> Predictions.blend(members.stream().map(c -> {
                PipelineMember m = c.foldModels().get(fold);
                return m.model().predict(m.featurizer().transform(table).rows());
            }).toList(), w);
            cases.add(new PermutationImportance.FoldCase(folds.get(f).testFeatures(), folds.get(f).testTarget(), model));
        }
        String name = members.size() == 1 ? "trial " + leader.number() + " (" + leader.params().learner() + ")"
                : "ensemble (child run " + leader.number() + ") of trials "
                        + String.join(", ", members.stream().map(c -> String.valueOf(c.trial())).toList());
        return Optional.of(finish(DiagnosticsBuilder.build(name, leader.number(), experiment.metric(),
                folds.stream().map(Fold::testTarget).toList(), predictions), cases, importanceLimit));
    }

    /** Adds permutation importance within the limit, and caches the result unless the run is ending. */
    private Diagnostics finish(Diagnostics built, List<PermutationImportance.FoldCase> cases, Duration importanceLimit) {
        Diagnostics d = built;
        if (importanceLimit.isPositive()) {
            d = PermutationImportance.add(d, experiment.metric(), cases, experiment.seed(), importanceLimit, () -> ending);
        } else {
            d = d.withImportance(List.of(), "Not measured: the time budget was used up when this model was chosen.");
        }
        if (ending) {
            // Cut short by the end of the run: let the final report measure it again within what is left.
            return d;
        }
        cached = d;
        return d;
    }

    private void log(String what, RuntimeException e) {
        var text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        try {
            Files.writeString(workspace.logs(experiment.id()).resolve("report.log"),
                    clock.instant() + " cannot write the " + what + ": " + text, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException ignored) {
            // Reporting must never end the experiment; with the log unwritable too there is nowhere left to say it.
        }
    }
}
