package dev.quarry.search.scheduler;

import dev.quarry.search.history.Direction;
import dev.quarry.search.history.Observation;
import dev.quarry.search.history.SearchHistory;
import dev.quarry.search.history.TrialRecord;
import dev.quarry.search.history.TrialState;
import dev.quarry.search.space.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * A deterministic discrete-event run of a scheduler (and optionally a policy) with N workers: a run
 * at resource r takes r time units; ties finish in start order. Scores come from a script.
 */
final class Simulation {

    /** A trial's score at a resource. */
    interface Script {
        double score(int trial, double resource);
    }

    private record Running(double end, long order, int trial, double resource) {
    }

    final List<Decision> decisions = new ArrayList<>();
    final List<SearchHistory> before = new ArrayList<>();
    final TreeMap<Integer, TrialRecord> trials = new TreeMap<>();
    final List<Observation> observations = new ArrayList<>();
    final Set<Integer> stopped = new java.util.TreeSet<>();

    SearchHistory history() {
        return new SearchHistory(Direction.MAXIMIZE, List.copyOf(trials.values()), observations);
    }

    static Simulation run(Scheduler scheduler, StoppingPolicy policy, int workers, int maxTrials, Script script,
            IntPredicate fails) {
        var sim = new Simulation();
        var queue = new PriorityQueue<Running>((a, b) -> a.end != b.end ? Double.compare(a.end, b.end)
                : Long.compare(a.order, b.order));
        double now = 0;
        long order = 0;
        while (true) {
            while (queue.size() < workers) {
                boolean mayStart = sim.trials.size() < maxTrials;
                SearchHistory h = sim.history();
                Decision d = scheduler.next(h, mayStart);
                if (d instanceof Decision.Wait) {
                    break;
                }
                sim.before.add(h);
                sim.decisions.add(d);
                switch (d) {
                    case Decision.Start s -> {
                        int n = sim.trials.size();
                        sim.trials.put(n, new TrialRecord(n, new Params("fake", Map.of("x", n)), TrialState.RUNNING,
                                Double.NaN, 0, s.resource()));
                        queue.add(new Running(now + s.resource(), order++, n, s.resource()));
                    }
                    case Decision.Promote p -> {
                        TrialRecord t = sim.trials.get(p.trial());
                        sim.trials.put(p.trial(), t.with(TrialState.RUNNING, t.score(), 0, p.resource()));
                        queue.add(new Running(now + p.resource(), order++, p.trial(), p.resource()));
                    }
                    case Decision.Wait w -> throw new AssertionError();
                }
            }
            Running r = queue.poll();
            if (r == null) {
                return sim;
            }
            now = r.end;
            TrialRecord t = sim.trials.get(r.trial);
            if (fails.test(r.trial)) {
                sim.trials.put(r.trial, t.with(TrialState.FAILED, Double.NaN, r.resource, r.resource));
                continue;
            }
            double score = script.score(r.trial, r.resource);
            sim.observations.add(new Observation(r.trial, r.resource, score));
            boolean stop = policy != null && policy.shouldStop(sim.history(), r.trial);
            sim.trials.put(r.trial, t.with(stop ? TrialState.PRUNED : TrialState.COMPLETED, score, r.resource, r.resource));
            if (stop) {
                sim.stopped.add(r.trial);
            }
        }
    }
}
