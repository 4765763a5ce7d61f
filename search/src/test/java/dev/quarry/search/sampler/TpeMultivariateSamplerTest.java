package dev.quarry.search.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.search.history.Direction;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.CategoricalDomain;
import dev.quarry.search.space.FloatDomain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.IntDomain;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import dev.quarry.search.space.SearchSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Multivariate TPE: the sampler contract, plus the joint model's own properties. */
class TpeMultivariateSamplerTest implements SamplerContract {

    @Override
    public Sampler sampler(long seed) {
        return new TpeSampler(seed, 5, 24, 0.1, false, false, true);
    }

    /**
     * Two learners: "planted" has a float, a log-scaled integer and a categorical with a known best
     * point; "decoy" is worse everywhere. Loss 0 exactly at the planted point.
     */
    static SearchSpace plantedSpace() {
        return new SearchSpace(List.of(
                new LearnerSpace("decoy", List.of(new Hyperparameter("z", new FloatDomain(0, 1, false), 0.5))),
                new LearnerSpace("planted", List.of(
                        new Hyperparameter("x", new FloatDomain(-5, 5, false), 0.0),
                        new Hyperparameter("y", new FloatDomain(-5, 5, false), 0.0),
                        new Hyperparameter("n", new IntDomain(1, 1000, true), 10),
                        new Hyperparameter("kind", CategoricalDomain.of("a", "b", "c", "d"), "a")))));
    }

    static double plantedLoss(Params p) {
        if (p.learner().equals("decoy")) {
            return 3 + p.getDouble("z");
        }
        double dx = (p.getDouble("x") - 3.1) / 10;
        double dy = (p.getDouble("y") + 2.2) / 10;
        double dn = (Math.log(p.getInt("n")) - Math.log(300)) / Math.log(1000);
        double kind = p.values().get("kind").equals("c") ? 0 : 0.5;
        return Math.sqrt(dx * dx + dy * dy + dn * dn) + kind;
    }

    private static List<Params> run(Sampler sampler, SearchSpace space, ToDoubleFunction<Params> loss, int n) {
        var trials = new ArrayList<TrialRecord>();
        var proposed = new ArrayList<Params>();
        for (int i = 0; i < n; i++) {
            Params p = sampler.propose(space, new SearchHistory(Direction.MINIMIZE, trials), i);
            proposed.add(p);
            trials.add(new TrialRecord(i, p, TrialState.COMPLETED, loss.applyAsDouble(p), 1));
        }
        return proposed;
    }

    @Test
    void concentratesOnAPlantedOptimum() {
        // 80 trials; the last 30 proposals should mostly be the planted learner, with the planted
        // category, and near the planted point. Random search puts 1/2 on the learner, 1/4 on the
        // category, so its median loss over 30 proposals is above 0.5; a false failure needs the
        // joint model to miss on most of the 30 proposals.
        List<Params> proposed = run(new TpeSampler(7, 10, 24, 0.1, false, false, true), plantedSpace(),
                TpeMultivariateSamplerTest::plantedLoss, 80);
        List<Params> late = proposed.subList(50, 80);
        long planted = late.stream().filter(p -> p.learner().equals("planted")).count();
        long rightKind = late.stream().filter(p -> p.learner().equals("planted") && p.values().get("kind").equals("c"))
                .count();
        double[] losses = late.stream().mapToDouble(TpeMultivariateSamplerTest::plantedLoss).sorted().toArray();
        assertTrue(planted >= 25, "planted learner chosen " + planted + " of the last 30");
        assertTrue(rightKind >= 20, "planted category chosen " + rightKind + " of the last 30");
        assertTrue(losses[15] < 0.3, "median loss of the last 30 proposals " + losses[15]);
        double best = proposed.stream().mapToDouble(TpeMultivariateSamplerTest::plantedLoss).min().orElseThrow();
        assertTrue(best < 0.1, "best loss " + best);
    }

    /** A diagonal valley: good points lie along x = y, so the good region is not a product of intervals. */
    static double diagonal(Params p) {
        double x = p.getDouble("x");
        double y = p.getDouble("y");
        return 10 * Math.abs(x - y) + Math.abs(x + y - 0.6);
    }

    @Test
    void jointModelBeatsIndependentModelsOnACorrelatedValley() {
        // Good points of a narrow diagonal valley share no interval per axis; drawing whole points
        // keeps x and y together. 15 seeds, 60 evaluations: the multivariate median best must be
        // below the univariate one.
        var space = new SearchSpace(List.of(new LearnerSpace("valley", List.of(
                new Hyperparameter("x", new FloatDomain(-1, 1, false), -1.0),
                new Hyperparameter("y", new FloatDomain(-1, 1, false), 1.0)))));
        double[] joint = new double[15];
        double[] independent = new double[15];
        for (int s = 0; s < 15; s++) {
            joint[s] = best(run(new TpeSampler(s, 10, 24, 0.1, false, false, true), space,
                    TpeMultivariateSamplerTest::diagonal, 60));
            independent[s] = best(run(new TpeSampler(s, 10, 24, 0.1, false, false, false), space,
                    TpeMultivariateSamplerTest::diagonal, 60));
        }
        Arrays.sort(joint);
        Arrays.sort(independent);
        assertTrue(joint[7] < independent[7], "multivariate median " + joint[7] + " vs univariate " + independent[7]);
    }

    private static double best(List<Params> proposed) {
        return proposed.stream().mapToDouble(TpeMultivariateSamplerTest::diagonal).min().orElseThrow();
    }

    @Test
    void jointDensityDrawsWholePointsAndIsNormalised() {
        // Ten good points at (0.2, 0.8) and ten at (0.8, 0.2): a draw from a component stays near its
        // point in both dimensions at once.
        List<Hyperparameter> hs = List.of(new Hyperparameter("x", new FloatDomain(0, 1, false), 0.5),
                new Hyperparameter("y", new FloatDomain(0, 1, false), 0.5));
        var points = new ArrayList<Params>();
        for (int i = 0; i < 10; i++) {
            points.add(new Params("l", java.util.Map.of("x", 0.2, "y", 0.8)));
            points.add(new Params("l", java.util.Map.of("x", 0.8, "y", 0.2)));
        }
        JointParzen l = JointParzen.of(hs, points);
        var rng = new SplittableRandom(1);
        int mixed = 0;
        for (int i = 0; i < 2000; i++) {
            double[] u = l.sample(rng);
            // mixing coordinates of the two points (x and y both low or both high) is what the
            // univariate product would do half the time; the joint mixture only via its prior
            // (weight 1/21, about 1.5% of draws) and the kernels' tails
            if ((u[0] < 0.4 && u[1] < 0.4) || (u[0] > 0.6 && u[1] > 0.6)) {
                mixed++;
            }
        }
        assertTrue(mixed < 2000 * 0.06, "draws mixing the two points' coordinates: " + mixed);
        // the density integrates to 1 over the unit square (midpoint rule)
        double total = 0;
        int grid = 200;
        for (int i = 0; i < grid; i++) {
            for (int j = 0; j < grid; j++) {
                total += Math.exp(l.logDensity(new double[] {(i + 0.5) / grid, (j + 0.5) / grid}));
            }
        }
        assertEquals(1.0, total / (grid * grid), 0.01);
    }

    @Test
    void categoricalKernelSumsToOneAndFavoursTheObservedChoice() {
        List<Hyperparameter> hs = List.of(new Hyperparameter("kind", CategoricalDomain.of("a", "b", "c"), "a"));
        JointParzen l = JointParzen.of(hs, List.of(new Params("l", java.util.Map.of("kind", "b")),
                new Params("l", java.util.Map.of("kind", "b")), new Params("l", java.util.Map.of("kind", "b"))));
        double a = Math.exp(l.logDensity(new double[] {0.0}));
        double b = Math.exp(l.logDensity(new double[] {0.5}));
        double c = Math.exp(l.logDensity(new double[] {1.0}));
        assertEquals(1.0, a + b + c, 1e-9);
        assertTrue(b > 2 * a && a == c, "p(a)=" + a + " p(b)=" + b + " p(c)=" + c);
    }
}
