package dev.quarry.search.sampler;

import dev.quarry.search.Seeds;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.CategoricalDomain;
import dev.quarry.search.space.Domain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import dev.quarry.search.space.SearchSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Tree-structured Parzen estimator (Bergstra, Bardenet, Bengio and Kégl 2011), univariate, over
 * Quarry's conditional space: the learner is a categorical choice, and each hyperparameter is
 * modelled only from the trials of its own learner.
 *
 * <p>Scored trials are split into the best {@code γ(n) = min(ceil(gamma·n), 25)} ("good", density
 * l) and the rest ("bad", density g), as Optuna does. Numbers are modelled in each domain's unit
 * space (log where declared) as a mixture of truncated Gaussians around the observations plus a
 * uniform prior; categories as smoothed frequencies. {@code candidates} points are drawn from l and
 * the one maximising l/g is proposed. Running trials count as bad observations (a constant liar),
 * so parallel workers are steered away from points already being evaluated, and so do failed ones,
 * so that a part of the space whose fits fail next to the best scores is not drawn again and again
 * (a forest with a subsample just under 1 failed 27 times in a row on credit-g before that, and
 * stopped the experiment).
 *
 * <p>Until {@code startupTrials} trials have scores, proposals come from random search (library
 * defaults first; with {@code warmStart}, the whole {@link WarmStart} sequence: defaults, then each
 * learner's portfolio, or with {@code costAware} too, the defaults and then each learner's
 * portfolio entries whenever the bandit picks it). With {@code costAware}, the learner is chosen by the {@link LearnerBandit}
 * (expected improvement per second of measured cost) instead of by l/g, and TPE picks the point
 * within it; when no draw is new for that learner (a finite space, such as a small integer and
 * categorical grid, whose configurations have all had trials) it goes down the bandit's
 * {@link LearnerBandit#ranking}. It never proposes a point a trial has had while a draw finds a new
 * one; when every draw from l repeats one, it draws uniformly until a new point turns up (or gives
 * up after {@value #FALLBACK_DRAWS} draws and repeats one: the space is used up). Deterministic: trial n
 * draws from {@code Seeds.mix(seed, n)}.
 *
 * <p>With {@code multivariate} (Falkner et al. 2018; Optuna's {@code multivariate=True}), l and g
 * within the chosen learner are {@link JointParzen} mixtures of product kernels centred on whole
 * good and bad points, candidates are drawn from l as whole points and ranked by l/g; the learner is
 * still chosen first, so each learner's parameters are modelled only from its own trials. Modelling
 * the parameters jointly keeps a draw near one good point in every dimension, which is what lets it
 * leave a local optimum whose good points share some coordinates with the global one's.
 *
 * @param seed the experiment seed
 * @param startupTrials scored trials before TPE takes over, at least 1
 * @param candidates points drawn from l per proposal, at least 1
 * @param gamma the share of trials called good, in (0, 1)
 * @param warmStart whether the learners' portfolios follow their defaults before random startup
 * @param costAware whether the learner bandit chooses the learner
 * @param multivariate whether each learner's parameters are modelled jointly instead of one by one
 */
public record TpeSampler(long seed, int startupTrials, int candidates, double gamma, boolean warmStart,
        boolean costAware, boolean multivariate) implements Sampler {

    /** Whether TPE models a learner's parameters jointly unless told otherwise (measured: README, Search). */
    public static final boolean DEFAULT_MULTIVARIATE = false;

    /** Uniform draws tried when every draw from l repeats a trial. */
    private static final int FALLBACK_DRAWS = 256;

    /** Validates. */
    public TpeSampler {
        if (startupTrials < 1) {
            throw new IllegalArgumentException("`startupTrials >= 1` must hold, got " + startupTrials);
        }
        if (candidates < 1) {
            throw new IllegalArgumentException("`candidates >= 1` must hold, got " + candidates);
        }
        if (!(gamma > 0 && gamma < 1)) {
            throw new IllegalArgumentException("`gamma` must be in (0, 1), got " + gamma);
        }
    }

    /**
     * TPE as Bergstra et al. describe it: defaults first, no portfolio, l/g over learners.
     *
     * @param seed the experiment seed
     * @param startupTrials scored trials before TPE takes over
     * @param candidates points drawn from l per proposal
     * @param gamma the share of trials called good
     */
    public TpeSampler(long seed, int startupTrials, int candidates, double gamma) {
        this(seed, startupTrials, candidates, gamma, false, false);
    }

    /**
     * TPE with the default modelling ({@link #DEFAULT_MULTIVARIATE}).
     *
     * @param seed the experiment seed
     * @param startupTrials scored trials before TPE takes over
     * @param candidates points drawn from l per proposal
     * @param gamma the share of trials called good
     * @param warmStart whether the learners' portfolios follow their defaults before random startup
     * @param costAware whether the learner bandit chooses the learner
     */
    public TpeSampler(long seed, int startupTrials, int candidates, double gamma, boolean warmStart,
            boolean costAware) {
        this(seed, startupTrials, candidates, gamma, warmStart, costAware, DEFAULT_MULTIVARIATE);
    }

    @Override
    public Params propose(SearchSpace space, SearchHistory history, int trialNumber) {
        List<TrialRecord> scored = history.scored();
        // the points trials have had and the bandit's ranking, computed once per proposal
        var taken = new HashSet<Params>();
        history.trials().forEach(t -> taken.add(t.params()));
        List<LearnerSpace> ranking = costAware ? LearnerBandit.ranking(space, history) : List.of();
        if (warmStart && costAware) {
            // defaults first; then a learner the bandit picks runs its next portfolio entry
            List<Params> defaults = WarmStart.defaults(space);
            if (trialNumber < defaults.size()) {
                return defaults.get(trialNumber);
            }
            var portfolio = WarmStart.nextFor(ranking.getFirst(), taken);
            if (portfolio.isPresent()) {
                return portfolio.get();
            }
        } else if (warmStart) {
            List<Params> warm = WarmStart.sequence(space);
            if (trialNumber < warm.size()) {
                return warm.get(trialNumber);
            }
        }
        if (scored.size() < startupTrials) {
            return new RandomSampler(seed, true).propose(space, history, trialNumber);
        }
        var rng = new SplittableRandom(Seeds.mix(seed, trialNumber, 0x7BE));
        List<TrialRecord> sorted = scored.stream()
                .sorted(Comparator.comparingDouble((TrialRecord t) -> history.direction().toLoss(t.score()))
                        .thenComparingInt(TrialRecord::number))
                .toList();
        int nGood = Math.min((int) Math.ceil(gamma * sorted.size()), 25);
        nGood = Math.clamp(nGood, 1, sorted.size());
        List<Params> good = sorted.subList(0, nGood).stream().map(TrialRecord::params).toList();
        var bad = new ArrayList<Params>(sorted.subList(nGood, sorted.size()).stream().map(TrialRecord::params).toList());
        history.trials().stream().filter(t -> t.state() == TrialState.RUNNING || t.state() == TrialState.FAILED)
                .forEach(t -> bad.add(t.params()));

        List<String> learners = space.learners().stream().map(LearnerSpace::learner).toList();
        double[] learnerGood = frequencies(learners, good.stream().map(Params::learner).toList());
        double[] learnerBad = frequencies(learners, bad.stream().map(Params::learner).toList());

        var model = new Model(space, good, bad, learnerGood, learnerBad, taken);
        if (costAware) {
            // the bandit's first learner, or, when no draw is new for it (a finite space used up), the next
            for (LearnerSpace branch : ranking) {
                Params p = best(model, space.learners().indexOf(branch), rng);
                if (p != null) {
                    return p;
                }
            }
        } else {
            Params p = best(model, -1, rng);
            if (p != null) {
                return p;
            }
        }
        // every draw from l repeats a trial: the space is nearly used up; a uniform draw that no trial
        // has had, if one turns up, else any
        Params any = null;
        for (int attempt = 0; attempt < FALLBACK_DRAWS; attempt++) {
            LearnerSpace branch = space.learners().get(rng.nextInt(space.learners().size()));
            any = branch.sample(rng);
            if (!taken.contains(any)) {
                return any;
            }
        }
        return any;
    }

    /** What one proposal knows: the good and bad points, the learners' frequencies among them, the points taken. */
    private record Model(SearchSpace space, List<Params> good, List<Params> bad, double[] learnerGood,
            double[] learnerBad, Set<Params> taken) {
    }

    /**
     * Draws {@code candidates} points from l and keeps the one with the best l/g that no trial has had.
     *
     * @param model the proposal's good and bad points
     * @param learner the learner's index to draw in, or -1 to draw the learner from l too
     * @return the point, or null when every draw repeats a trial
     */
    private Params best(Model model, int learner, SplittableRandom rng) {
        Params best = null;
        double bestRatio = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates; c++) {
            int li = learner >= 0 ? learner : draw(model.learnerGood(), rng);
            LearnerSpace branch = model.space().learners().get(li);
            List<Params> goodHere = model.good().stream().filter(p -> p.learner().equals(branch.learner())).toList();
            List<Params> badHere = model.bad().stream().filter(p -> p.learner().equals(branch.learner())).toList();
            double ratio = Math.log(model.learnerGood()[li]) - Math.log(model.learnerBad()[li]);
            var values = new TreeMap<String, Object>();
            if (multivariate) {
                ratio += jointCandidate(branch, goodHere, badHere, values, rng);
            } else {
                for (Hyperparameter h : branch.hyperparameters()) {
                    Estimator l = Estimator.of(h.domain(), observed(goodHere, h));
                    Estimator g = Estimator.of(h.domain(), observed(badHere, h));
                    double u = l.sample(rng);
                    values.put(h.name(), h.domain().fromUnit(u));
                    double snapped = h.domain().toUnit(values.get(h.name()));
                    ratio += Math.log(l.density(snapped)) - Math.log(g.density(snapped));
                }
            }
            var candidate = new Params(branch.learner(), values);
            if (ratio > bestRatio && !model.taken().contains(candidate)) {
                bestRatio = ratio;
                best = candidate;
            }
        }
        return best;
    }

    /**
     * Draws one whole point from the joint l of a learner into {@code values}.
     *
     * @return its log l/g
     */
    private static double jointCandidate(LearnerSpace branch, List<Params> goodHere, List<Params> badHere,
            TreeMap<String, Object> values, SplittableRandom rng) {
        List<Hyperparameter> hs = branch.hyperparameters();
        JointParzen l = JointParzen.of(hs, goodHere);
        JointParzen g = JointParzen.of(hs, badHere);
        double[] u = l.sample(rng);
        double[] snapped = new double[u.length];
        for (int j = 0; j < u.length; j++) {
            Hyperparameter h = hs.get(j);
            values.put(h.name(), h.domain().fromUnit(u[j]));
            snapped[j] = h.domain().toUnit(values.get(h.name()));
        }
        return l.logDensity(snapped) - g.logDensity(snapped);
    }

    private static List<Double> observed(List<Params> params, Hyperparameter h) {
        var out = new ArrayList<Double>();
        for (Params p : params) {
            Object v = p.values().get(h.name());
            if (v != null) {
                try {
                    out.add(h.domain().toUnit(v));
                } catch (IllegalArgumentException outsideTheDomainNow) {
                    // a value recorded under an older space; it says nothing about this one
                }
            }
        }
        return out;
    }

    /** Smoothed frequencies of each choice: (count + 1) / (n + k). */
    private static double[] frequencies(List<String> choices, List<String> observed) {
        double[] out = new double[choices.size()];
        java.util.Arrays.fill(out, 1.0);
        for (String o : observed) {
            int i = choices.indexOf(o);
            if (i >= 0) {
                out[i]++;
            }
        }
        double total = java.util.Arrays.stream(out).sum();
        for (int i = 0; i < out.length; i++) {
            out[i] /= total;
        }
        return out;
    }

    private static int draw(double[] probabilities, SplittableRandom rng) {
        double u = rng.nextDouble();
        for (int i = 0; i < probabilities.length; i++) {
            u -= probabilities[i];
            if (u < 0) {
                return i;
            }
        }
        return probabilities.length - 1;
    }

    /** A density over one domain's unit interval, fitted to observations in unit space. */
    private sealed interface Estimator {

        static Estimator of(Domain domain, List<Double> observations) {
            if (domain instanceof CategoricalDomain c) {
                int k = c.choices().size();
                double[] weights = new double[k];
                java.util.Arrays.fill(weights, 1.0);
                for (double u : observations) {
                    weights[(int) Math.round(u * Math.max(1, k - 1))]++;
                }
                double total = java.util.Arrays.stream(weights).sum();
                for (int i = 0; i < k; i++) {
                    weights[i] /= total;
                }
                return new Categories(weights);
            }
            return Parzen.of(observations);
        }

        double sample(SplittableRandom rng);

        double density(double unit);
    }

    /**
     * Smoothed category frequencies over choices 0..k-1, mapped to unit space as i/(k-1).
     *
     * @param weights probabilities per choice
     */
    private record Categories(double[] weights) implements Estimator {
        @Override
        public double sample(SplittableRandom rng) {
            int i = draw(weights, rng);
            return weights.length == 1 ? 0.5 : i / (double) (weights.length - 1);
        }

        @Override
        public double density(double unit) {
            int i = weights.length == 1 ? 0 : (int) Math.round(unit * (weights.length - 1));
            return weights[Math.clamp(i, 0, weights.length - 1)];
        }
    }

    /**
     * A mixture of Gaussians truncated to [0, 1], one per observation plus a uniform prior with the
     * weight of one observation. Bandwidths follow Bergstra's rule: the larger distance to a
     * neighbour, clipped to [1/min(100, 1+n), 1].
     *
     * @param mus the observations
     * @param sigmas their bandwidths
     */
    private record Parzen(double[] mus, double[] sigmas) implements Estimator {

        static Parzen of(List<Double> observations) {
            double[] sorted = observations.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            double[] sigmas = new double[n];
            double min = 1.0 / Math.min(100, 1 + n);
            for (int i = 0; i < n; i++) {
                double left = i > 0 ? sorted[i] - sorted[i - 1] : sorted[i];
                double right = i < n - 1 ? sorted[i + 1] - sorted[i] : 1 - sorted[i];
                sigmas[i] = Math.clamp(Math.max(left, right), min, 1.0);
            }
            return new Parzen(sorted, sigmas);
        }

        @Override
        public double sample(SplittableRandom rng) {
            int component = rng.nextInt(mus.length + 1);
            if (component == mus.length) {
                return rng.nextDouble();
            }
            for (int attempt = 0; attempt < 64; attempt++) {
                double x = mus[component] + sigmas[component] * JointParzen.gaussian(rng);
                if (x >= 0 && x <= 1) {
                    return x;
                }
            }
            return Math.clamp(mus[component], 0, 1);
        }

        @Override
        public double density(double unit) {
            double total = 1.0; // the uniform prior's density on [0, 1]
            for (int i = 0; i < mus.length; i++) {
                double z = (unit - mus[i]) / sigmas[i];
                double mass = JointParzen.phi((1 - mus[i]) / sigmas[i]) - JointParzen.phi(-mus[i] / sigmas[i]);
                total += Math.exp(-0.5 * z * z) / (sigmas[i] * Math.sqrt(2 * Math.PI) * Math.max(mass, 1e-12));
            }
            return total / (mus.length + 1);
        }
    }
}
