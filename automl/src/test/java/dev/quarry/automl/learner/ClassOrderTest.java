package dev.quarry.automl.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.automl.evaluation.Metric;
import dev.quarry.featurize.table.FeatureMatrix;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every classifier returns probability column k for the Target's class k: with twelve classes
 * (whose index order differs from the text order "0", "1", "10", "11", "2"... that a library may sort
 * labels by), when a class is absent from the training rows (as in a cross-validation fold), and
 * when several threads predict with one model at once.
 */
class ClassOrderTest {

    static Stream<String> classifiers() {
        return LearnerCatalog.load().all().stream().filter(l -> l.tasks().contains(Task.MULTICLASS)).map(Learner::name);
    }

    /**
     * @param classes how many classes
     * @param perClass rows per class
     * @param present which classes get rows
     * @return well separated clusters on a circle of radius 5, class c at angle 2 pi c / classes
     */
    static TrainingData circle(int classes, int perClass, int[] present) {
        var rng = new SplittableRandom(42);
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int j = 0; j < perClass; j++) {
            for (int c : present) {
                double angle = 2 * Math.PI * c / classes;
                rows.add(new double[] {5 * Math.cos(angle) + 0.3 * rng.nextGaussian(),
                        5 * Math.sin(angle) + 0.3 * rng.nextGaussian()});
                labels.add(c);
            }
        }
        List<String> names = IntStream.range(0, classes).mapToObj(c -> "class" + c).toList();
        var target = new Target("y", Task.MULTICLASS, names, labels.stream().mapToInt(Integer::intValue).toArray(), null);
        return new TrainingData(new FeatureMatrix(rows.toArray(double[][]::new), List.of("a", "b")), target);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void twelveClassesComeBackInTargetOrder(String name) throws Exception {
        Learner learner = LearnerCatalog.load().find(name).orElseThrow();
        TrainingData data = circle(12, 20, IntStream.range(0, 12).toArray());
        Predictions p = learner.fit(data, learner.space(Task.MULTICLASS, data.target().size()).defaults(), 5)
                .predict(data.features().rows());
        assertEquals(12, p.probabilities()[0].length);
        double accuracy = Metric.ACCURACY.compute(data.target(), p);
        assertTrue(accuracy > 0.9, name + " training accuracy " + accuracy);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void aClassWithoutTrainingRowsGetsNoProbabilityAndTheOthersKeepTheirColumns(String name) throws Exception {
        Learner learner = LearnerCatalog.load().find(name).orElseThrow();
        // Classes 1, 2 and 4 of 5: a library that numbers the classes it saw 0..2 would shift columns.
        TrainingData data = circle(5, 30, new int[] {1, 2, 4});
        Predictions p = learner.fit(data, learner.space(Task.MULTICLASS, data.target().size()).defaults(), 5)
                .predict(data.features().rows());
        for (double[] row : p.probabilities()) {
            assertEquals(5, row.length);
            assertEquals(0.0, row[0], 1e-9, name + " probability of unseen class 0");
            assertEquals(0.0, row[3], 1e-9, name + " probability of unseen class 3");
            assertEquals(1.0, row[1] + row[2] + row[4], 1e-6);
        }
        double accuracy = Metric.ACCURACY.compute(data.target(), p);
        assertTrue(accuracy > 0.9, name + " training accuracy " + accuracy);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void predictGivesTheSameAnswerOnConcurrentThreads(String name) throws Exception {
        Learner learner = LearnerCatalog.load().find(name).orElseThrow();
        TrainingData data = circle(4, 50, new int[] {0, 1, 2, 3});
        FittedModel model = learner.fit(data, learner.space(Task.MULTICLASS, data.target().size()).defaults(), 5);
        double[][] x = data.features().rows();
        Predictions expected = model.predict(x);
        try (var pool = Executors.newFixedThreadPool(4)) {
            var tasks = new ArrayList<Callable<Predictions>>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> model.predict(x));
            }
            for (var f : pool.invokeAll(tasks)) {
                LearnerContractTest.assertPredictionsEqual(expected, f.get());
            }
        }
    }
}
