package dev.quarry.examples.search;

import dev.quarry.search.history.Direction;
import dev.quarry.search.history.Observation;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.sampler.RandomSampler;
import dev.quarry.search.sampler.Sampler;
import dev.quarry.search.scheduler.Decision;
import dev.quarry.search.scheduler.Scheduler;
import dev.quarry.search.space.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One strategy minimising one test function with one worker, through the search module alone.
 * Cost is counted in full evaluations: a run at fidelity r costs r. The curve records, after each
 * run, the cost so far and the best full-fidelity value so far (low-fidelity values never count as
 * found).
 */
final class SyntheticRun {

    /**
     * @param cost cumulative cost in full evaluations
     * @param best best full-fidelity value so far
     * @param proposeMillis the sampler's time for this run's params (0 for a promotion, which asks none)
     */
    record Point(double cost, double best, double proposeMillis) {
    }

    private SyntheticRun() {
    }

    /**
     * @param f the function
     * @param sampler the sampler
     * @param scheduler a scheduler, or null for full evaluations only
     * @param maxCost stop once this many full evaluations are spent
     * @return the curve
     */
    static List<Point> run(TestFunctions f, Sampler sampler, Scheduler scheduler, double maxCost) {
        var trials = new TreeMap<Integer, TrialRecord>();
        var observations = new ArrayList<Observation>();
        var curve = new ArrayList<Point>();
        double cost = 0;
        double best = Double.POSITIVE_INFINITY;
        // Random search reads no history (its proposals depend on the seed and trial number only), so it
        // gets an empty one: rebuilding a 100,000-trial history per proposal would dominate the run.
        boolean readsHistory = !(sampler instanceof RandomSampler);
        int proposals = 0;
        while (cost < maxCost - 1e-9) {
            double millis = 0;
            var history = readsHistory
                    ? new SearchHistory(Direction.MINIMIZE, List.copyOf(trials.values()), observations)
                    : SearchHistory.empty(Direction.MINIMIZE);
            if (scheduler == null) {
                int n = proposals++;
                long t0 = System.nanoTime();
                Params p = sampler.propose(f.space(), history, n);
                millis = (System.nanoTime() - t0) / 1e6;
                double v = f.value(p);
                if (readsHistory) {
                    trials.put(n, new TrialRecord(n, p, TrialState.COMPLETED, v, 1));
                }
                cost += 1;
                best = Math.min(best, v);
            } else {
                Decision d = scheduler.next(history, true);
                int n;
                double r;
                if (d instanceof Decision.Promote pr) {
                    n = pr.trial();
                    r = pr.resource();
                } else {
                    n = trials.size();
                    r = ((Decision.Start) d).resource();
                    long t0 = System.nanoTime();
                    Params p = sampler.propose(f.space(), history.atModelledResource(10), n);
                    millis = (System.nanoTime() - t0) / 1e6;
                    trials.put(n, new TrialRecord(n, p, TrialState.RUNNING, Double.NaN, 0, r));
                }
                TrialRecord t = trials.get(n);
                double v = f.valueAt(t.params(), r);
                observations.add(new Observation(n, r, v));
                trials.put(n, t.with(TrialState.COMPLETED, v, r, r));
                cost += r;
                if (scheduler.ladder().indexOf(r) == scheduler.ladder().top()) {
                    best = Math.min(best, f.value(t.params()));
                }
            }
            curve.add(new Point(cost, best, millis));
        }
        return curve;
    }

    /**
     * @param curve a curve
     * @param target the value to reach
     * @return the cost at which the best first reached the target, or NaN if never
     */
    static double costToReach(List<Point> curve, double target) {
        for (Point p : curve) {
            if (p.best() <= target) {
                return p.cost();
            }
        }
        return Double.NaN;
    }
}
