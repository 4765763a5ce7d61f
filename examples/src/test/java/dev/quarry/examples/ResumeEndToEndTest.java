package dev.quarry.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runner.store.ExperimentStatus;
import dev.quarry.runner.store.SqliteRunStore;
import dev.quarry.runner.trial.TrialResult;
import dev.quarry.search.history.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./quarry run} killed with SIGKILL mid-experiment, then {@code ./quarry resume}: every child
 * run recorded before the kill is kept as it was and not run again, the trials left running are run
 * again under their numbers, none is missing or duplicated, and the model is saved; the same for an
 * ASHA experiment, whose rungs are replayed and whose finished rung runs are not run again.
 */
class ResumeEndToEndTest {

    private static final int TRIALS = 12;
    private static final Pattern TRIAL_LINE = Pattern.compile("^\\[\\s*[0-9.]+s\\] trial\\s+(\\d+) ");

    @Test
    void aKilledCoordinatorIsResumedWithoutRepeatingOrLosingChildRuns(@TempDir Path tmp) throws Exception {
        Path ws = tmp.resolve("ws");
        String id = runAndKill(tmp, "", (store, e) -> store.trials(e).stream().filter(t -> t.state() != TrialState.RUNNING)
                .count() >= 4);
        List<TrialResult> before;
        try (var store = SqliteRunStore.open(ws.resolve("quarry.db"))) {
            before = store.trials(id);
        }
        Map<Integer, TrialResult> finishedBefore = before.stream().filter(t -> t.state() != TrialState.RUNNING)
                .collect(Collectors.toMap(TrialResult::number, Function.identity()));
        assertTrue(finishedBefore.size() >= 4 && finishedBefore.size() < TRIALS, "killed mid-experiment: " + before);

        var resume = Project.quarry(tmp, 300, "resume", id, "--workspace", ws.toString(), "--no-progress");
        assertEquals(0, resume.exitCode(), resume.out() + resume.err());

        Set<Integer> ranAfterResume = new TreeSet<>();
        for (String line : resume.outLines()) {
            Matcher m = TRIAL_LINE.matcher(line);
            if (m.find()) {
                ranAfterResume.add(Integer.parseInt(m.group(1)));
            }
        }
        try (var store = SqliteRunStore.open(ws.resolve("quarry.db"))) {
            assertEquals(ExperimentStatus.COMPLETED, store.experiment(id).orElseThrow().status());
            List<TrialResult> after = store.trials(id).stream()
                    .filter(t -> !dev.quarry.automl.experiment.ExperimentLoop.isEnsemble(t.params().learner())).toList();
            assertEquals(IntStream.range(0, TRIALS).boxed().toList(), after.stream().map(TrialResult::number).toList(),
                    "every trial number once, none missing");
            for (TrialResult t : after) {
                assertTrue(t.state() != TrialState.RUNNING, "no child run left running: " + t);
                TrialResult was = finishedBefore.get(t.number());
                if (was != null) {
                    assertEquals(was, t, "a child run finished before the kill is unchanged");
                    assertTrue(!ranAfterResume.contains(t.number()), "trial " + t.number() + " finished before the kill "
                            + "and ran again: " + resume.out());
                } else {
                    assertTrue(ranAfterResume.contains(t.number()), "trial " + t.number() + " ran after the resume");
                }
            }
        }
        assertTrue(Files.isRegularFile(ws.resolve("runs").resolve(id).resolve("outputs/model/pipeline.json")),
                "the model is saved");
    }

    @Test
    void aKilledScheduledExperimentIsResumedWithoutRepeatingAFinishedRun(@TempDir Path tmp) throws Exception {
        // ASHA with two workers, killed with SIGKILL once 6 rung runs have scores: the resumed coordinator replays
        // the rungs from the run store, runs again only what was in flight, and finishes the experiment.
        Path ws = tmp.resolve("ws");
        String id = runAndKill(tmp, "search: {scheduler: {type: asha}}\n", (store, e) -> store.observations(e).size() >= 6);
        List<TrialResult> before;
        List<dev.quarry.search.history.Observation> observedBefore;
        try (var store = SqliteRunStore.open(ws.resolve("quarry.db"))) {
            before = store.trials(id);
            observedBefore = store.observations(id);
        }
        var resume = Project.quarry(tmp, 300, "resume", id, "--workspace", ws.toString(), "--no-progress");
        assertEquals(0, resume.exitCode(), resume.out() + resume.err());
        try (var store = SqliteRunStore.open(ws.resolve("quarry.db"))) {
            assertEquals(ExperimentStatus.COMPLETED, store.experiment(id).orElseThrow().status());
            List<TrialResult> after = store.trials(id).stream()
                    .filter(t -> !dev.quarry.automl.experiment.ExperimentLoop.isEnsemble(t.params().learner())).toList();
            assertEquals(IntStream.range(0, TRIALS).boxed().toList(), after.stream().map(TrialResult::number).toList(),
                    "every trial number once, none missing");
            for (TrialResult t : after) {
                assertTrue(t.state() != TrialState.RUNNING, "no child run left running: " + t);
            }
            for (TrialResult was : before) {
                if (was.state() != TrialState.RUNNING) {
                    assertEquals(was, after.get(was.number()), "a child run finished before the kill is unchanged");
                }
            }
            var observed = store.observations(id);
            assertEquals(observedBefore, observed.subList(0, observedBefore.size()), "observations before the kill kept");
            Set<String> runs = new TreeSet<>();
            for (var o : observed) {
                assertTrue(runs.add(o.trial() + "@" + o.resource()), "the run " + o + " finished twice: " + observed);
            }
            for (var r : store.rungRuns(id)) {
                assertTrue(r.ended() || observedBefore.stream().noneMatch(o -> o.trial() == r.trial()
                        && o.resource() == r.resource()), "only runs in flight at the kill are left unended: " + r);
            }
        }
        assertTrue(Files.isRegularFile(ws.resolve("runs").resolve(id).resolve("outputs/model/pipeline.json")),
                "the model is saved");
    }

    /**
     * Starts {@code ./quarry run} on credit-g (two learners, two workers, 12 trials, plus the given
     * search config), kills it with SIGKILL once {@code ready} holds for its run history, and checks
     * that it was left RUNNING.
     *
     * @return the experiment's id
     */
    private static String runAndKill(Path tmp, String search, java.util.function.BiPredicate<SqliteRunStore, String> ready)
            throws Exception {
        Path config = tmp.resolve("resume.yaml");
        Files.writeString(config, """
                data: {train: %s, target: class}
                budget: {maxTrials: %d, trialTimeout: 60s}
                validation: {type: kfold, folds: 3}
                learners: [smile.random_forest, smile.decision_tree]
                executor: {type: local, parallelism: 2}
                seed: 11
                """.formatted(Project.dataset("credit-g.csv"), TRIALS) + search);
        Path ws = tmp.resolve("ws");
        Process run = Project.start(tmp, tmp.resolve("run.txt"), "run", config.toString(), "--workspace", ws.toString(),
                "--no-progress");
        String id;
        try {
            id = await(ws, ready, run);
        } finally {
            run.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
        }
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, run.exitValue(), "killed by SIGKILL");
        try (var store = SqliteRunStore.open(ws.resolve("quarry.db"))) {
            assertEquals(ExperimentStatus.RUNNING, store.experiment(id).orElseThrow().status(), "left running");
        }
        return id;
    }

    /** Polls the run history until {@code ready} holds for its experiment; returns its id. */
    private static String await(Path ws, java.util.function.BiPredicate<SqliteRunStore, String> ready, Process run)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        Path db = ws.resolve("quarry.db");
        while (System.nanoTime() < deadline) {
            assertTrue(run.isAlive(), "quarry run ended before it could be killed");
            if (Files.isRegularFile(db)) {
                try (var store = SqliteRunStore.open(db)) {
                    var experiments = store.experiments();
                    if (!experiments.isEmpty() && ready.test(store, experiments.getFirst().id())) {
                        return experiments.getFirst().id();
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the experiment did not get far enough within 240 s");
    }
}
