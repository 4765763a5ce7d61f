package dev.quarry.automl.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.featurize.table.Task;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalog: ServiceLoader discovery, name order, look-up, task filtering and name clashes. */
class LearnerCatalogTest {

    private static final List<String> EXPECTED = List.of("smile.decision_tree", "smile.elastic_net",
            "smile.gaussian_process", "smile.gradient_boosting", "smile.lasso", "smile.lda", "smile.logistic_regression",
            "smile.mlp", "smile.naive_bayes", "smile.random_forest", "smile.rda", "smile.ridge", "smile.svm",
            "tribuo.extra_trees", "tribuo.knn", "tribuo.liblinear", "tribuo.sgd_linear", "tribuo.xgboost");

    @Test
    void loadsEveryRegisteredLearnerInNameOrder() {
        assertEquals(EXPECTED, LearnerCatalog.load().names());
    }

    @Test
    void theLearnersThatPredictFromTheirTrainingRowsSaySo() {
        // what keeps them out of ensembles on large data (EnsemblePool): a learner missing here ships slow ensembles
        assertEquals(List.of("smile.gaussian_process", "smile.svm", "tribuo.knn"), LearnerCatalog.load().all().stream()
                .filter(l -> l.capabilities().contains(Capability.PREDICTS_FROM_TRAINING_ROWS)).map(Learner::name).sorted()
                .toList());
    }

    @Test
    void everyIterativeLearnerNamesAnIntHyperparameterOfItsSpace() {
        // schedulers scale it as their resource, and the search's time estimates scale with it
        for (Learner l : LearnerCatalog.load().all()) {
            boolean iterative = l.capabilities().contains(Capability.ITERATIVE);
            assertEquals(iterative, l.iterationsParameter().isPresent(), l.name());
            l.iterationsParameter().ifPresent(name -> assertTrue(l.tasks().stream().allMatch(t -> l.space(t, 1_000).find(name)
                    .filter(h -> h.domain() instanceof dev.quarry.search.space.IntDomain).isPresent()), l.name() + ": " + name));
        }
    }

    @Test
    void findsByExactNameOnly() {
        var catalog = LearnerCatalog.load();
        assertEquals("smile.random_forest", catalog.find("smile.random_forest").orElseThrow().name());
        assertEquals(Optional.empty(), catalog.find("smile.Random_Forest"));
        assertEquals(Optional.empty(), catalog.find("random_forest"));
    }

    @Test
    void forTaskKeepsOnlyLearnersOfThatTask() {
        var catalog = LearnerCatalog.load();
        var regression = catalog.forTask(Task.REGRESSION).stream().map(Learner::name).toList();
        assertTrue(regression.contains("smile.elastic_net"), regression.toString());
        assertFalse(regression.contains("smile.logistic_regression"), regression.toString());
        var binary = catalog.forTask(Task.BINARY).stream().map(Learner::name).toList();
        assertTrue(binary.contains("smile.logistic_regression"), binary.toString());
        assertFalse(binary.contains("smile.elastic_net"), binary.toString());
        for (Task t : Task.values()) {
            var names = catalog.forTask(t).stream().map(Learner::name).toList();
            assertEquals(names.stream().sorted().toList(), names, "name order for " + t);
        }
    }

    @Test
    void forTaskLeavesOutLearnersThatCannotRunHere() {
        var catalog = LearnerCatalog.of(List.of(new Stub("a.runs", Optional.empty()),
                new Stub("b.blocked", Optional.of("needs a native library"))));
        assertEquals(List.of("a.runs", "b.blocked"), catalog.names());
        assertEquals(List.of("a.runs"), catalog.forTask(Task.BINARY).stream().map(Learner::name).toList());
        assertTrue(catalog.find("b.blocked").isPresent(), "still listed, so `quarry learners` can say why");
    }

    @Test
    void rejectsTwoLearnersWithOneName() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> LearnerCatalog.of(List.of(new Stub("x", Optional.empty()), new Stub("x", Optional.empty()))));
        assertEquals("two learners are named x", e.getMessage());
    }

    @Test
    void listsAreImmutable() {
        var catalog = LearnerCatalog.load();
        assertThrows(UnsupportedOperationException.class, () -> catalog.all().clear());
    }

    private record Stub(String name, Optional<String> unavailableReason) implements Learner {
        @Override
        public Set<Task> tasks() {
            return Set.of(Task.BINARY);
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        public LearnerSpace space(Task task, int rows) {
            return new LearnerSpace(name, List.of());
        }

        @Override
        public double costHint() {
            return 1;
        }

        @Override
        public FittedModel fit(TrainingData data, Params params, long seed) {
            throw new UnsupportedOperationException();
        }
    }
}
