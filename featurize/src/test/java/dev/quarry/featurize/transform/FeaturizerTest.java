package dev.quarry.featurize.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.featurize.DataException;
import dev.quarry.featurize.Datasets;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.featurize.csv.CsvReader;
import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.FeatureMatrix;
import dev.quarry.featurize.table.NumericColumn;
import dev.quarry.featurize.table.Table;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturizerTest {

    private static final double NA = Double.NaN;

    private static Table table(double[] x, int[] codes, List<String> levels) {
        return new Table(List.of(new NumericColumn("x", x), new CategoricalColumn("c", codes, levels)));
    }

    @Test
    void imputationUsesOnlyTheRowsItWasFittedOn() {
        Table all = table(new double[] {1, 2, 3, 100, 200, NA}, new int[] {0, 0, 1, 1, 1, 0}, List.of("a", "b"));
        Table train = all.select(new int[] {0, 1, 2, 5});
        FittedFeaturizer f = Featurizer.fit(train, FeaturizerSpec.defaults());
        assertEquals(List.of("x", "x__missing", "c=a", "c=b"), f.featureNames());
        FeatureMatrix m = f.transform(all);
        // training median of {1, 2, 3} is 2, not the full data's 3
        assertArrayEquals(new double[] {2, 1, 1, 0}, m.rows()[5]);
        assertArrayEquals(new double[] {200, 0, 0, 1}, m.rows()[4]);
    }

    @Test
    void unseenLevelsAndMissingGiveZerosOrTheMissingLevel() {
        Table train = table(new double[] {1, 2, 3}, new int[] {0, 1, -1}, List.of("a", "b"));
        FittedFeaturizer f = Featurizer.fit(train, FeaturizerSpec.defaults());
        assertEquals(List.of("x", "c=a", "c=b", "c=__missing__"), f.featureNames());
        Table test = table(new double[] {4, 5}, new int[] {0, 1}, List.of("zzz", "a"));
        FeatureMatrix m = f.transform(test);
        assertArrayEquals(new double[] {4, 0, 0, 0}, m.rows()[0], "unseen level: all zeros");
        assertArrayEquals(new double[] {5, 1, 0, 0}, m.rows()[1], "levels match by text, not by code");
    }

    @Test
    void highCardinalityColumnsAreFrequencyEncoded() {
        int[] codes = {0, 0, 1, 2, 3};
        Table train = table(new double[] {1, 2, 3, 4, 5}, codes, List.of("a", "b", "c", "d"));
        FittedFeaturizer f = Featurizer.fit(train, new FeaturizerSpec(false, 3));
        assertEquals(List.of("x", "c__freq"), f.featureNames());
        assertEquals(0.4, f.transform(train).rows()[0][1], 1e-15);
        assertEquals(0.2, f.transform(train).rows()[2][1], 1e-15);
    }

    @Test
    void scalingStandardisesWithTrainingStatistics() {
        Table train = table(new double[] {1, 3}, new int[] {0, 1}, List.of("a", "b"));
        FittedFeaturizer f = Featurizer.fit(train, new FeaturizerSpec(true, 16));
        assertEquals(-1.0, f.transform(train).rows()[0][0], 1e-15);
        assertEquals(1.0, f.transform(train).rows()[1][0], 1e-15);
    }

    @Test
    void constantAndEmptyColumnsAreDroppedButStillRequired() {
        Table train = new Table(List.of(new NumericColumn("k", new double[] {7, 7}),
                new NumericColumn("e", new double[] {NA, NA}), new NumericColumn("x", new double[] {1, 2})));
        FittedFeaturizer f = Featurizer.fit(train, FeaturizerSpec.defaults());
        assertEquals(List.of("x"), f.featureNames());
        var e = assertThrows(DataException.class,
                () -> f.transform(new Table(List.of(new NumericColumn("x", new double[] {1})))));
        assertTrue(e.getMessage().contains("k, e"), e.getMessage());
    }

    @Test
    void jsonRoundTripGivesIdenticalFeaturesOnRealData(@TempDir Path dir) {
        Table t = CsvReader.read(Datasets.path("titanic.csv"), CsvOptions.defaults()).drop(List.of("Survived"));
        FittedFeaturizer f = Featurizer.fit(t, new FeaturizerSpec(true, 16));
        Path file = dir.resolve("f.json");
        f.write(file);
        FittedFeaturizer back = FittedFeaturizer.read(file);
        assertEquals(f, back);
        double[][] a = f.transform(t).rows();
        double[][] b = back.transform(t).rows();
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0);
            for (double v : a[i]) {
                assertTrue(Double.isFinite(v));
            }
        }
        assertTrue(f.featureNames().contains("Name__freq"), "891 distinct names are frequency encoded");
        assertTrue(f.featureNames().contains("Age__missing"));
    }
}
