package dev.quarry.search.sampler;

import dev.quarry.search.Seeds;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import dev.quarry.search.space.SearchSpace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Bayesian optimisation with a Gaussian-process surrogate and expected improvement (Jones, Schonlau
 * and Welch 1998; Snoek, Larochelle and Adams 2012), over Quarry's conditional space: one GP per
 * learner branch, on that branch's hyperparameters in unit space (log where declared; categories
 * at their index), all on one loss scale (the scored trials' losses standardised together), so
 * expected improvements of different learners are comparable. The proposal is the branch and point
 * with the largest expected improvement over the best loss of any learner; with {@code costAware},
 * the {@link LearnerBandit} picks the learner by expected improvement per second of its measured
 * cost (FLAML's cost-frugal idea), and the GP the point within it.
 *
 * <p><b>Parallel workers.</b> Running trials enter their branch's GP as a constant liar with the
 * branch's mean loss (Ginsbourger et al. 2010): the posterior variance collapses at points being
 * evaluated, so concurrent proposals move apart; a candidate equal to any trial's params, running
 * or finished, is never proposed while another exists.
 *
 * <p><b>Start.</b> The warm-start sequence ({@link WarmStart}: every learner's defaults, then its
 * portfolio) comes first, then random search until {@code startupTrials} trials have scores.
 *
 * <p><b>Candidates.</b> Per branch, {@code candidates} uniform points plus as many Gaussian
 * perturbations of the branch's five best points (σ 0.05 and 0.2 in unit space), then three rounds
 * of shrinking perturbations around the best one; each snapped to a valid value before it is
 * scored. Deterministic: trial n draws from {@code Seeds.mix(seed, n)}.
 *
 * @param seed the experiment seed
 * @param startupTrials scored trials before the GP takes over, at least 2
 * @param candidates uniform candidates per branch and proposal, at least 1
 * @param costAware whether the {@link LearnerBandit} picks the learner (expected improvement per cost)
 */
public record GpSampler(long seed, int startupTrials, int candidates, boolean costAware) implements Sampler {

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
    /** Points per branch GP: the best ones are kept, so a fit stays well under a second. */
    private static final int MAX_POINTS = 200;

    /** Validates. */
    public GpSampler {
        if (startupTrials < 2) {
            throw new IllegalArgumentException("`startupTrials >= 2` must hold, got " + startupTrials);
        }
        if (candidates < 1) {
            throw new IllegalArgumentException("`candidates >= 1` must hold, got " + candidates);
        }
    }

    @Override
    public Params propose(SearchSpace space, SearchHistory history, int trialNumber) {
        List<Params> warm = WarmStart.sequence(space);
        if (trialNumber < warm.size()) {
            return warm.get(trialNumber);
        }
        List<TrialRecord> scored = history.scored();
        var rng = new SplittableRandom(Seeds.mix(seed, trialNumber, 0x6B));
        if (scored.size() < startupTrials) {
            return fresh(space, history, rng);
        }
        double[] losses = scored.stream().mapToDouble(t -> history.direction().toLoss(t.score())).toArray();
        double mean = java.util.Arrays.stream(losses).average().orElse(0);
        double sd = Math.sqrt(java.util.Arrays.stream(losses).map(v -> (v - mean) * (v - mean)).sum() / losses.length);
        double scale = sd > 1e-12 ? sd : 1;
        double best = (java.util.Arrays.stream(losses).min().orElse(0) - mean) / scale;
        Set<Params> taken = new HashSet<>();
        history.trials().forEach(t -> taken.add(t.params()));

        Params chosen = null;
        double chosenValue = Double.NEGATIVE_INFINITY;
        List<LearnerSpace> branches = costAware ? List.of(LearnerBandit.choose(space, history)) : space.learners();
        for (LearnerSpace branch : branches) {
            var points = new ArrayList<double[]>();
            var targets = new ArrayList<Double>();
            List<TrialRecord> own = scored.stream().filter(t -> t.params().learner().equals(branch.learner()))
                    .sorted(java.util.Comparator.comparingDouble(t -> history.direction().toLoss(t.score())))
                    .limit(MAX_POINTS).toList();
            for (TrialRecord t : own) {
                double[] u = unit(branch, t.params());
                if (u != null) {
                    points.add(u);
                    targets.add((history.direction().toLoss(t.score()) - mean) / scale);
                }
            }
            double branchMean = targets.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            for (TrialRecord t : history.trials()) {
                double[] u = t.state() == TrialState.RUNNING && t.params().learner().equals(branch.learner())
                        ? unit(branch, t.params()) : null;
                if (u != null) {
                    points.add(u);
                    targets.add(branchMean);
                }
            }
            var gp = GaussianProcess.fit(points.toArray(double[][]::new),
                    targets.stream().mapToDouble(Double::doubleValue).toArray(), branch.hyperparameters().size(), 1.0);
            var found = maximise(branch, gp, best, own, taken, rng);
            if (found != null) {
                if (found.ei() > chosenValue) {
                    chosenValue = found.ei();
                    chosen = found.params();
                }
            }
        }
        return chosen != null ? chosen : fresh(space, history, rng);
    }

    private record Found(Params params, double ei) {
    }

    private Found maximise(LearnerSpace branch, GaussianProcess gp, double best, List<TrialRecord> own,
            Set<Params> taken, SplittableRandom rng) {
        int d = branch.hyperparameters().size();
        var starts = new ArrayList<double[]>();
        for (int i = 0; i < candidates; i++) {
            starts.add(random(d, rng));
        }
        List<TrialRecord> top = own.subList(0, Math.min(5, own.size()));
        for (int i = 0; i < candidates && !top.isEmpty(); i++) {
            double[] centre = unit(branch, top.get(i % top.size()).params());
            if (centre != null) {
                starts.add(perturb(centre, i % 2 == 0 ? 0.05 : 0.2, rng));
            }
        }
        Found found = null;
        double[] bestPoint = null;
        for (double[] u : starts) {
            Found f = score(branch, gp, best, u, taken);
            if (f != null && (found == null || f.ei() > found.ei())) {
                found = f;
                bestPoint = unit(branch, f.params());
            }
        }
        for (double sigma : new double[] {0.05, 0.015, 0.005}) {
            for (int i = 0; i < 30 && bestPoint != null && d > 0; i++) {
                Found f = score(branch, gp, best, perturb(bestPoint, sigma, rng), taken);
                if (f != null && f.ei() > found.ei()) {
                    found = f;
                    bestPoint = unit(branch, f.params());
                }
            }
        }
        return found;
    }

    private static Found score(LearnerSpace branch, GaussianProcess gp, double best, double[] u, Set<Params> taken) {
        var values = new TreeMap<String, Object>();
        List<Hyperparameter> hs = branch.hyperparameters();
        for (int i = 0; i < hs.size(); i++) {
            values.put(hs.get(i).name(), hs.get(i).domain().fromUnit(u[i]));
        }
        Params p = new Params(branch.learner(), values);
        if (taken.contains(p)) {
            return null;
        }
        double[] pred = gp.predict(unit(branch, p));
        double sigma = Math.sqrt(pred[1]);
        double improvement = best - pred[0] - 0.01;
        double z = improvement / sigma;
        double ei = improvement * NORMAL.cumulativeProbability(z) + sigma * NORMAL.density(z);
        return new Found(p, Math.max(ei, 1e-300));
    }

    /** A random point not yet tried; random search's proposal if every draw is taken. */
    private static Params fresh(SearchSpace space, SearchHistory history, SplittableRandom rng) {
        Set<Params> taken = new HashSet<>();
        history.trials().forEach(t -> taken.add(t.params()));
        Params p = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            p = space.learners().get(rng.nextInt(space.learners().size())).sample(rng);
            if (!taken.contains(p)) {
                return p;
            }
        }
        return p;
    }

    /** @return the params in the branch's unit cube; null for values outside the space (an older space's trial) */
    static double[] unit(LearnerSpace branch, Params p) {
        List<Hyperparameter> hs = branch.hyperparameters();
        double[] out = new double[hs.size()];
        try {
            for (int i = 0; i < hs.size(); i++) {
                Object v = p.values().get(hs.get(i).name());
                out[i] = v == null ? 0.5 : hs.get(i).domain().toUnit(v);
            }
        } catch (IllegalArgumentException outsideTheSpaceNow) {
            return null;
        }
        return out;
    }

    private static double[] random(int d, SplittableRandom rng) {
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            out[i] = rng.nextDouble();
        }
        return out;
    }

    private static double[] perturb(double[] centre, double sigma, SplittableRandom rng) {
        double[] out = new double[centre.length];
        for (int i = 0; i < centre.length; i++) {
            double u1 = 1 - rng.nextDouble();
            double u2 = rng.nextDouble();
            out[i] = Math.clamp(centre[i] + sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2), 0, 1);
        }
        return out;
    }
}
