package dev.quarry.automl;

import dev.quarry.automl.learner.TrainingData;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.featurize.csv.CsvReader;
import dev.quarry.featurize.table.LabelledTable;
import dev.quarry.featurize.table.Targets;
import dev.quarry.featurize.table.Task;
import dev.quarry.featurize.transform.Featurizer;
import dev.quarry.featurize.transform.FeaturizerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

/** Real public datasets for tests, from ../shared/datasets beside the repository. */
public final class TestData {

    private TestData() {
    }

    /**
     * @param file a file name in shared/datasets
     * @return its path
     */
    public static Path path(String file) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("datasets").resolve(file);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("dataset " + file + " not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * @param file a dataset
     * @param target its target column
     * @param task the task, or null to infer
     * @param rows at most this many rows (the first ones)
     * @param scale whether to standardise numeric features
     * @return featurized training data
     */
    public static TrainingData featurized(String file, String target, Task task, int rows, boolean scale) {
        LabelledTable t = Targets.split(CsvReader.read(path(file), CsvOptions.defaults()), target, task, file);
        int n = Math.min(rows, t.target().size());
        int[] head = IntStream.range(0, n).toArray();
        var features = t.features().select(head);
        var f = Featurizer.fit(features, new FeaturizerSpec(scale, 16));
        return new TrainingData(f.transform(features), t.target().select(head));
    }
}
