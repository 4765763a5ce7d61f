package dev.quarry.automl.experiment;

import dev.quarry.automl.learner.Capability;
import dev.quarry.automl.learner.Learner;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which kept trials may join the ensembles. A model that predicts from its training rows
 * ({@link Capability#PREDICTS_FROM_TRAINING_ROWS}: k-NN, kernel SVM, Gaussian process) does work in
 * proportion to its training rows times its features for every row it predicts, where a tree
 * ensemble's work grows with neither: in the full benchmark one k-NN member (1 of 17 picks) made
 * adult's 30-second ensemble take 80 s to predict 16,281 rows, and electricity's 17-43 s for 15,104,
 * for validation gains of 0.01-0.03 % of AUC. Such a trial joins ensembles only while its training rows
 * times features stay within {@link #MAX_ROW_FEATURES}, or when it is the best kept trial (shipping it
 * alone costs as much). Decided from declared capabilities and the data's shape, never from measured
 * time, so that the choice, and with it the leaderboard, is reproducible; the ensembles' nested
 * estimates are made on the admitted trials, so they score what can be shipped.
 */
final class EnsemblePool {

    /**
     * Training rows times features up to which a model that predicts from its training rows may join
     * an ensemble: about 0.1 ms a predicted row for Tribuo's brute-force k-NN on this machine (about
     * 1 ns a row-feature, measured on electricity with 5,000 and 30,000 training rows), some five times a
     * default 200-tree random forest's and twenty times a default XGBoost model's on the same rows.
     */
    static final long MAX_ROW_FEATURES = 100_000;

    private final Set<String> rowBound;
    private final Map<Integer, String> learners;
    private final int rows;
    private final int bestTrial;

    private EnsemblePool(Set<String> rowBound, Map<Integer, String> learners, int rows, int bestTrial) {
        this.rowBound = Set.copyOf(rowBound);
        this.learners = Map.copyOf(learners);
        this.rows = rows;
        this.bestTrial = bestTrial;
    }

    /**
     * @param catalog the experiment's learners (their capabilities)
     * @param learners each kept trial's learner, by trial number
     * @param rows the training rows a shipped member is refitted on
     * @param kept the kept trials, best first (the first is always admitted)
     * @return the pool rule for this experiment
     */
    static EnsemblePool of(List<Learner> catalog, Map<Integer, String> learners, int rows, List<Candidate> kept) {
        Set<String> rowBound = catalog.stream().filter(l -> l.capabilities().contains(Capability.PREDICTS_FROM_TRAINING_ROWS))
                .map(Learner::name).collect(Collectors.toSet());
        return new EnsemblePool(rowBound, learners, rows, kept.isEmpty() ? -1 : kept.getFirst().trial());
    }

    /**
     * @param candidates kept trials, in any order
     * @return those that may join an ensemble, in the same order
     */
    List<Candidate> admitted(List<Candidate> candidates) {
        return candidates.stream().filter(this::admits).toList();
    }

    /**
     * @param candidates kept trials
     * @return a line for people naming the trials left out and why, if any is
     */
    Optional<String> note(List<Candidate> candidates) {
        var left = candidates.stream().filter(c -> !admits(c)).map(c -> String.format(Locale.ROOT, "trial %d (%s, %,d features)",
                c.trial(), learners.get(c.trial()), features(c))).toList();
        if (left.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "ensembles leave out %s: such a model predicts each row from all its "
                + "%,d training rows, and more than %,d rows x features would make an ensemble slow to deploy",
                String.join(", ", left), rows, MAX_ROW_FEATURES));
    }

    /**
     * @param c a kept trial
     * @return whether it may join an ensemble
     */
    boolean admits(Candidate c) {
        return c.trial() == bestTrial || !rowBound.contains(learners.get(c.trial()))
                || (long) rows * features(c) <= MAX_ROW_FEATURES;
    }

    /** The features the trial's model sees (after featurizing), 0 without fold models. */
    private static int features(Candidate c) {
        return c.foldModels().isEmpty() ? 0 : c.foldModels().getFirst().featurizer().featureNames().size();
    }
}
