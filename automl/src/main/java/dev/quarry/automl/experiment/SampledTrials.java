package dev.quarry.automl.experiment;

import dev.quarry.runner.trial.TrialResult;
import dev.quarry.runner.trial.TrialTask;
import dev.quarry.search.Seeds;
import dev.quarry.search.history.Direction;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.sampler.Sampler;
import dev.quarry.search.space.Params;
import dev.quarry.search.space.SearchSpace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Every trial proposed by the sampler and run once at the full resource. */
final class SampledTrials implements TrialPlan {

    private final String experimentId;
    private final long seed;
    private final SearchSpace space;
    private final Direction direction;
    private final Sampler sampler;
    private final java.util.Map<String, String> iterationParameters;
    private final TreeMap<Integer, TrialRecord> trials = new TreeMap<>();
    private final java.util.ArrayDeque<TrialResult> rerun = new java.util.ArrayDeque<>();

    /**
     * @param experimentId the experiment
     * @param seed its seed
     * @param space what the sampler proposes from
     * @param direction the metric's direction
     * @param sampler the sampler
     * @param iterationParameters each iterative learner's iterations hyperparameter, by learner name,
     *     for {@link TrialTimeFit}'s estimates
     */
    SampledTrials(String experimentId, long seed, SearchSpace space, Direction direction, Sampler sampler,
            java.util.Map<String, String> iterationParameters) {
        this.iterationParameters = java.util.Map.copyOf(iterationParameters);
        this.experimentId = experimentId;
        this.seed = seed;
        this.space = space;
        this.direction = direction;
        this.sampler = sampler;
    }

    /**
     * Puts a child run recorded by an earlier coordinator of the same experiment into the history.
     * A RUNNING one (its coordinator died under it) is queued to run again, before any new trial,
     * under its own number, params and seed. Called in trial-number order before the first
     * {@link #next}.
     *
     * @param recorded a child run as the run store has it
     */
    void replay(TrialResult recorded) {
        trials.put(recorded.number(), new TrialRecord(recorded.number(), recorded.params(), recorded.state(),
                recorded.score(), recorded.duration().toMillis() / 1000.0));
        if (recorded.state() == TrialState.RUNNING) {
            rerun.add(recorded);
        }
    }

    /**
     * Takes back the replayed RUNNING child runs not yet run again, because the experiment is stopping.
     *
     * @return them, in trial-number order; afterwards none is left
     */
    List<TrialResult> leftovers() {
        List<TrialResult> left = List.copyOf(rerun);
        rerun.clear();
        return left;
    }

    @Override
    public Optional<TrialTask> next(boolean mayStart, Duration timeout, Duration searchLeft) {
        TrialResult again = rerun.poll();
        if (again != null) {
            return Optional.of(new TrialTask(experimentId, again.number(), again.params(), again.seed(), timeout));
        }
        // After a resume, a trial proposed but never started by the dead coordinator leaves a gap; numbers go on after it.
        int number = nextNumber();
        if (!mayStart || sampler.exhausted(space, history(), number)) {
            return Optional.empty();
        }
        TrialTimeFit fit = searchLeft == null ? null : TrialTimeFit.of(history(), iterationParameters);
        var leftOut = new java.util.HashSet<String>(fit == null ? java.util.Set.of() : fit.tooSlow(searchLeft).keySet());
        Params params;
        while (true) {
            var open = space.learners().stream().filter(l -> !leftOut.contains(l.learner())).toList();
            if (open.isEmpty()) {
                return Optional.empty();
            }
            params = sampler.propose(open.size() == space.learners().size() ? space : new SearchSpace(open), history(),
                    number);
            if (fit == null || fit.fits(params, searchLeft)) {
                break;
            }
            leftOut.add(params.learner()); // e.g. an extra-trees proposal with many trees: another learner then
        }
        trials.put(number, new TrialRecord(number, params, TrialState.RUNNING, Double.NaN, 0));
        return Optional.of(new TrialTask(experimentId, number, params, Seeds.mix(seed, number), timeout));
    }

    @Override
    public List<TrialResult> finished(TrialResult r) {
        trials.put(r.number(), new TrialRecord(r.number(), r.params(), r.state(), r.score(),
                r.duration().toMillis() / 1000.0));
        return List.of(r);
    }

    @Override
    public List<TrialResult> close(Instant now) {
        return List.of();
    }

    @Override
    public java.util.Map<String, Double> tooSlow(Duration searchLeft) {
        return TrialTimeFit.of(history(), iterationParameters).tooSlow(searchLeft);
    }

    @Override
    public int started() {
        return trials.size();
    }

    @Override
    public boolean exhausted() {
        return sampler.exhausted(space, history(), nextNumber());
    }

    private int nextNumber() {
        return trials.isEmpty() ? 0 : trials.lastKey() + 1;
    }

    @Override
    public SearchHistory history() {
        return new SearchHistory(direction, List.copyOf(trials.values()));
    }
}
