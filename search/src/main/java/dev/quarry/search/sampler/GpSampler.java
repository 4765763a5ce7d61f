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
import java.util.Optional;
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
 * <p><b>Failed trials</b> (the branch's latest {@value #MAX_FAILED_POINTS}) enter its GP with the
 * worst loss scored so far (SMAC's cost for a crashed run), so a part of the space whose fits fail is not proposed again and again: on
 * credit-g a random forest whose subsample was just under 1 drew every row and predicted NaN, and
 * the search, which left failures out of the GP, proposed that corner 27 times in a row, until 25
 * consecutive failures stopped the experiment.
 *
 * <p><b>Start.</b> The warm start ({@link WarmStart}) comes first: without {@code costAware} every
 * learner's defaults, then the portfolios; with it, every learner's defaults, after which a learner
 * the bandit picks runs its next portfolio entry before the GP proposes for it. Then random search
 * until {@code startupTrials} trials have scores.
 *
 * <p><b>Model.</b> {@link GaussianProcess}: Matérn 5/2 with one length scale per dimension and a
 * noise ratio, all fitted by maximising the marginal likelihood (BOBYQA with random restarts), and
 * a mean trend fitted by generalised least squares that keeps the search out of the cube's corners.
 *
 * <p><b>Acquisition.</b> Per branch, log expected improvement (so that regions where EI underflows
 * still rank) is maximised over {@code candidates} uniform points plus as many Gaussian
 * perturbations of the branch's five best points (σ 0.02, 0.08 and 0.25 in unit space, reflected
 * at the faces), then by a local search (shrinking perturbations, σ 0.1 to 0.003) from the five
 * best candidates and from the two best points; each candidate is snapped to a valid value before
 * it is scored.
 *
 * <p><b>Exploration.</b> Every third proposal descends a secondary basin instead: the branch's
 * best points are grouped into basins by the hill-valley test on the GP's mean, and that proposal
 * maximises expected improvement over the predicted loss of the next basin in turn, searched
 * around it. Expected improvement over the best point alone polishes the best basin and, once that
 * is flat, samples far from all data; on Hartmann-6 it sat in the −3.20 local optimum on three
 * seeds of five, where a descent of the second basin finds the −3.32 one.
 *
 * <p>Deterministic: trial n draws from {@code Seeds.mix(seed, n)}, so a proposal is a pure
 * function of the history, the seed and the trial number.
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
    /** A branch's latest failed trials that enter its GP (at the worst loss), so a fit stays small. */
    private static final int MAX_FAILED_POINTS = 50;
    /** Expected improvement is over the best standardised loss less this margin (a little exploration). */
    private static final double XI = 0.01;
    /** The best points of a branch that anchor perturbed candidates. */
    private static final int INCUMBENTS = 5;
    private static final double[] POOL_SIGMAS = {0.02, 0.08, 0.25};
    private static final int LOCAL_STARTS = 5;
    private static final double[] LOCAL_SIGMAS = {0.1, 0.03, 0.01, 0.003};
    private static final int LOCAL_STEPS = 15;
    /** Every this many proposals, one improves on a secondary basin instead of the best point overall. */
    private static final int BASIN_PERIOD = 3;
    /** Secondary basins taken in turn. */
    private static final int BASINS = 3;
    /** The best points of a branch searched for basins. */
    private static final int BASIN_SCAN = 40;
    /** How far (in standard deviations of the loss) the mean must rise between two points to part their basins. */
    private static final double BASIN_RIDGE = 0.1;
    private static final double[] BASIN_SIGMAS = {0.03, 0.08, 0.15};

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
        List<LearnerSpace> banditRanking = null;
        if (costAware) {
            List<Params> defaults = WarmStart.defaults(space);
            if (trialNumber < defaults.size()) {
                return defaults.get(trialNumber);
            }
            banditRanking = LearnerBandit.ranking(space, history);
            Set<Params> tried = new HashSet<>();
            history.trials().forEach(t -> tried.add(t.params()));
            Optional<Params> portfolio = WarmStart.nextFor(banditRanking.getFirst(), tried);
            if (portfolio.isPresent()) {
                return portfolio.get();
            }
        } else {
            List<Params> warm = WarmStart.sequence(space);
            if (trialNumber < warm.size()) {
                return warm.get(trialNumber);
            }
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
        double worst = (java.util.Arrays.stream(losses).max().orElse(0) - mean) / scale;
        Set<Params> taken = new HashSet<>();
        history.trials().forEach(t -> taken.add(t.params()));

        Params chosen = null;
        double chosenValue = Double.NEGATIVE_INFINITY;
        // Cost-aware: the bandit's first learner, or, when nothing new can be proposed for it, the next.
        List<LearnerSpace> branches = costAware ? banditRanking : space.learners();
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
            // running trials at the branch's mean, its latest failed ones at the worst loss, in history order
            long failed = history.trials().stream()
                    .filter(t -> t.state() == TrialState.FAILED && t.params().learner().equals(branch.learner())).count();
            long skipFailed = Math.max(0, failed - MAX_FAILED_POINTS);
            for (TrialRecord t : history.trials()) {
                boolean running = t.state() == TrialState.RUNNING;
                if (!(running || t.state() == TrialState.FAILED) || !t.params().learner().equals(branch.learner())) {
                    continue;
                }
                if (!running && skipFailed > 0) {
                    skipFailed--;
                    continue;
                }
                double[] u = unit(branch, t.params());
                if (u != null) {
                    points.add(u);
                    targets.add(running ? branchMean : worst);
                }
            }
            var gp = GaussianProcess.fit(points.toArray(double[][]::new),
                    targets.stream().mapToDouble(Double::doubleValue).toArray(), branch.hyperparameters().size(), 1.0, rng);
            double[] anchor = basinAnchor(branch, gp, own, trialNumber);
            Found found;
            if (anchor != null) {
                found = maximise(branch, gp, best, List.of(), anchor, taken, rng);
            } else {
                found = maximise(branch, gp, best, own, null, taken, rng);
            }
            if (found != null) {
                if (costAware) {
                    return found.params();
                }
                if (found.logEi() > chosenValue) {
                    chosenValue = found.logEi();
                    chosen = found.params();
                }
            }
        }
        return chosen != null ? chosen : fresh(space, history, rng);
    }

    private record Found(Params params, double logEi) {
    }

    /**
     * On every {@value #BASIN_PERIOD}rd proposal, one of the branch's next-best basins, whose
     * neighbourhood that proposal improves upon; null for the other proposals, or when the branch
     * has one basin so far. Basins are told apart by the hill-valley test (Ursem 1999) on the GP's
     * mean: two points share a basin unless the mean rises above both somewhere on the segment
     * between them. Expected improvement over the best point alone keeps refining the best basin
     * (or the cube's far corners); this keeps a share of the budget descending the others, which is
     * how a search leaves a local optimum whose value is close to the global one's.
     */
    private double[] basinAnchor(LearnerSpace branch, GaussianProcess gp, List<TrialRecord> own, int trialNumber) {
        if (trialNumber % BASIN_PERIOD != BASIN_PERIOD - 1 || branch.hyperparameters().isEmpty()) {
            return null;
        }
        var anchors = new ArrayList<double[]>();
        for (TrialRecord t : own.subList(0, Math.min(BASIN_SCAN, own.size()))) {
            double[] u = unit(branch, t.params());
            if (u != null && anchors.stream().noneMatch(a -> sameBasin(gp, a, u))) {
                anchors.add(u);
                if (anchors.size() > BASINS) {
                    break;
                }
            }
        }
        if (anchors.size() < 2) {
            return null;
        }
        return anchors.get(1 + (trialNumber / BASIN_PERIOD) % (anchors.size() - 1));
    }

    private static boolean sameBasin(GaussianProcess gp, double[] a, double[] b) {
        double ceiling = Math.max(gp.predict(a)[0], gp.predict(b)[0]) + BASIN_RIDGE;
        double[] m = new double[a.length];
        for (double t : new double[] {0.25, 0.5, 0.75}) {
            for (int i = 0; i < a.length; i++) {
                m[i] = a[i] + t * (b[i] - a[i]);
            }
            if (gp.predict(m)[0] > ceiling) {
                return false;
            }
        }
        return true;
    }

    private Found maximise(LearnerSpace branch, GaussianProcess gp, double best, List<TrialRecord> own,
            double[] anchor, Set<Params> taken, SplittableRandom rng) {
        int d = branch.hyperparameters().size();
        var pool = new ArrayList<double[]>();
        if (anchor != null) {
            double[] centre = anchor;
            // Improvement on the anchor's own predicted loss: the basin is worth descending even while its
            // best point is worse than the best overall.
            best = gp.predict(centre)[0];
            for (int i = 0; i < candidates; i++) {
                pool.add(perturb(centre, BASIN_SIGMAS[i % BASIN_SIGMAS.length], rng));
            }
        }
        for (int i = 0; i < candidates && anchor == null; i++) {
            pool.add(random(d, rng));
        }
        List<TrialRecord> top = own.subList(0, Math.min(INCUMBENTS, own.size()));
        for (int i = 0; i < candidates && !top.isEmpty(); i++) {
            double[] centre = unit(branch, top.get(i % top.size()).params());
            if (centre != null) {
                pool.add(perturb(centre, POOL_SIGMAS[i % POOL_SIGMAS.length], rng));
            }
        }
        var scoredPool = new ArrayList<Found>();
        for (double[] u : pool) {
            Found f = score(branch, gp, best, u, taken);
            if (f != null) {
                scoredPool.add(f);
            }
        }
        if (scoredPool.isEmpty()) {
            return null;
        }
        scoredPool.sort(java.util.Comparator.comparingDouble(Found::logEi).reversed());
        // Local search from the pool's best few and from the incumbents themselves: expected improvement is
        // multi-modal, and its best mode is often a small step from a good point, which no uniform draw finds.
        var starts = new ArrayList<Found>(scoredPool.subList(0, Math.min(LOCAL_STARTS, scoredPool.size())));
        Found found = starts.getFirst();
        for (TrialRecord t : top.subList(0, Math.min(2, top.size()))) {
            double[] u = unit(branch, t.params());
            if (u != null) {
                Found f = score(branch, gp, best, perturb(u, 0.01, rng), taken);
                if (f != null) {
                    starts.add(f);
                }
            }
        }
        for (Found start : starts) {
            Found local = start;
            double[] point = unit(branch, start.params());
            for (double sigma : LOCAL_SIGMAS) {
                for (int i = 0; i < LOCAL_STEPS && d > 0; i++) {
                    Found f = score(branch, gp, best, perturb(point, sigma, rng), taken);
                    if (f != null && f.logEi() > local.logEi()) {
                        local = f;
                        point = unit(branch, f.params());
                    }
                }
            }
            if (local.logEi() > found.logEi()) {
                found = local;
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
        return new Found(p, logExpectedImprovement(best - XI - pred[0], Math.sqrt(pred[1])));
    }

    /**
     * The logarithm of expected improvement {@code σ (z Φ(z) + φ(z))}, {@code z = improvement / σ},
     * with the asymptote {@code σ φ(z) / z² (1 − 3/z² + 15/z⁴)} far in the lower tail, so that regions whose EI
     * underflows still rank (a flat zero would stall the local search there).
     */
    static double logExpectedImprovement(double improvement, double sigma) {
        double z = improvement / sigma;
        if (z > -6) {
            double ei = sigma * (z * NORMAL.cumulativeProbability(z) + NORMAL.density(z));
            return Math.log(Math.max(ei, 1e-300));
        }
        double z2 = z * z;
        return Math.log(sigma) - 0.5 * z2 - 0.5 * Math.log(2 * Math.PI) - Math.log(z2) + Math.log1p(-3 / z2 + 15 / (z2 * z2));
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

    /** A Gaussian step from the centre, reflected at the cube's faces (clamping would pile points onto them). */
    private static double[] perturb(double[] centre, double sigma, SplittableRandom rng) {
        double[] out = new double[centre.length];
        for (int i = 0; i < centre.length; i++) {
            double u1 = 1 - rng.nextDouble();
            double u2 = rng.nextDouble();
            double v = centre[i] + sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            v = Math.abs(v) % 2;
            out[i] = v > 1 ? 2 - v : v;
        }
        return out;
    }
}
