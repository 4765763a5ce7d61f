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
import dev.quarry.featurize.table.ColumnKind;
import dev.quarry.featurize.table.FeatureMatrix;
import dev.quarry.featurize.table.NumericColumn;
import dev.quarry.featurize.table.Table;
import java.nio.file.Files;
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
            for (int j = 0; j < a[i].length; j++) {
                assertTrue(Double.isFinite(a[i][j]));
                assertEquals(Double.doubleToRawLongBits(a[i][j]), Double.doubleToRawLongBits(b[i][j]),
                        "row " + i + " feature " + f.featureNames().get(j));
            }
        }
        assertTrue(f.featureNames().contains("Name__freq"), "891 distinct names are frequency encoded");
        assertTrue(f.featureNames().contains("Age__missing"));
    }

    @Test
    void oneHotLevelsAreOrderedByCountThenText() {
        Table train = table(new double[] {1, 2, 3, 4, 5, 6}, new int[] {0, 1, 1, 2, 2, 3}, List.of("d", "c", "b", "a"));
        FittedFeaturizer f = Featurizer.fit(train, FeaturizerSpec.defaults());
        assertEquals(List.of("x", "c=b", "c=c", "c=a", "c=d"), f.featureNames());
    }

    @Test
    void frequencyEncodingCountsMissingRowsInTheShareAndGivesUnseenAndMissingZero() {
        Table train = table(new double[] {1, 2, 3, 4}, new int[] {0, 0, 1, -1}, List.of("a", "b"));
        FittedFeaturizer f = Featurizer.fit(train, new FeaturizerSpec(false, 2));
        assertEquals(List.of("x", "c=a", "c=b", "c=__missing__"), f.featureNames(), "2 levels fit the one-hot limit");
        FittedFeaturizer moreB = Featurizer.fit(train.select(new int[] {0, 2, 3, 2}), new FeaturizerSpec(false, 2));
        assertEquals(List.of("x", "c=b", "c=a", "c=__missing__"), moreB.featureNames(), "counts come from the rows given");

        Table wide = table(new double[] {1, 2, 3, 4}, new int[] {0, 1, 2, -1}, List.of("a", "b", "c"));
        FittedFeaturizer g = Featurizer.fit(wide, new FeaturizerSpec(false, 2));
        assertEquals(List.of("x", "c__freq"), g.featureNames());
        FeatureMatrix m = g.transform(table(new double[] {1, 1, 1}, new int[] {0, 1, -1}, List.of("a", "new")));
        assertEquals(0.25, m.rows()[0][1], 0.0, "a is 1 of 4 training rows");
        assertEquals(0.0, m.rows()[1][1], 0.0, "unseen level");
        assertEquals(0.0, m.rows()[2][1], 0.0, "missing");
    }

    @Test
    void scalingUsesTrainingStatisticsOnlyAndAZeroSpreadDividesByOne() {
        Table all = new Table(List.of(new NumericColumn("x", new double[] {1, 3, 101}),
                new NumericColumn("k", new double[] {5, NA, 9})));
        FittedFeaturizer f = Featurizer.fit(all.select(new int[] {0, 1}), new FeaturizerSpec(true, 16));
        assertEquals(List.of("x", "k", "k__missing"), f.featureNames(), "one value and a missing one is not constant");
        FeatureMatrix m = f.transform(all);
        assertEquals(99.0, m.rows()[2][0], 0.0, "(101 - 2) / 1 with the training mean 2 and sd 1");
        assertArrayEquals(new double[] {1, 0, 1}, m.rows()[1], 0.0, "k is 5 after imputation, its sd 0 is taken as 1");
        assertEquals(4.0, m.rows()[2][1], 0.0);
    }

    @Test
    void fittingIsDeterministicAndExtraColumnsAreIgnored() {
        Table t = CsvReader.read(Datasets.path("credit-g.csv"), CsvOptions.defaults());
        Table features = t.drop(List.of("class"));
        FittedFeaturizer a = Featurizer.fit(features, FeaturizerSpec.defaults());
        FittedFeaturizer b = Featurizer.fit(features, FeaturizerSpec.defaults());
        assertEquals(a, b);
        assertEquals(features.columnNames(), List.copyOf(a.inputKinds().keySet()), "training column order");
        assertEquals(ColumnKind.CATEGORICAL, a.inputKinds().get("checking_status"));
        double[][] withTarget = a.transform(t).rows();
        double[][] without = a.transform(features).rows();
        for (int i = 0; i < withTarget.length; i++) {
            assertArrayEquals(without[i], withTarget[i], 0.0);
        }
        assertTrue(a.featureNames().stream().noneMatch(n -> n.startsWith("class")));
    }

    @Test
    void infinitiesAreTreatedAsMissing() {
        Table train = new Table(List.of(new NumericColumn("x", new double[] {1, Double.POSITIVE_INFINITY, 3})));
        FittedFeaturizer f = Featurizer.fit(train, FeaturizerSpec.defaults());
        assertEquals(List.of("x", "x__missing"), f.featureNames());
        assertArrayEquals(new double[] {2, 1}, f.transform(train).rows()[1], 0.0);
    }

    @Test
    void aColumnOfTheWrongKindAtTransformTimeIsNamed() {
        FittedFeaturizer f = Featurizer.fit(table(new double[] {1, 2}, new int[] {0, 1}, List.of("a", "b")),
                FeaturizerSpec.defaults());
        Table swapped = new Table(List.of(new CategoricalColumn("x", new int[] {0}, List.of("1")),
                new CategoricalColumn("c", new int[] {0}, List.of("a"))));
        var e = assertThrows(DataException.class, () -> f.transform(swapped));
        assertTrue(e.getMessage().contains("'x' must hold numbers"), e.getMessage());
    }

    @Test
    void theJsonFormNamesTransformTypesAndBadFilesAreDataErrors(@TempDir Path dir) throws Exception {
        FittedFeaturizer f = Featurizer.fit(table(new double[] {1, 2}, new int[] {0, 1}, List.of("a", "b")),
                FeaturizerSpec.defaults());
        Path file = dir.resolve("f.json");
        f.write(file);
        String json = Files.readString(file);
        assertTrue(json.contains("\"numeric\"") && json.contains("\"one_hot\""), json);

        Files.writeString(file, "{ not json");
        var broken = assertThrows(DataException.class, () -> FittedFeaturizer.read(file));
        assertTrue(broken.getMessage().startsWith(file + " is not a fitted featurizer"), broken.getMessage());

        Files.writeString(file, json.replace("\"x\" : \"NUMERIC\"", "\"x\" : \"CATEGORICAL\""));
        var mismatch = assertThrows(DataException.class, () -> FittedFeaturizer.read(file));
        assertTrue(mismatch.getMessage().contains("column 'x' needs a NUMERIC input"), mismatch.getMessage());
    }

    @Test
    void specRejectsTooFewOneHotLevels() {
        var e = assertThrows(IllegalArgumentException.class, () -> new FeaturizerSpec(false, 1));
        assertEquals("`maxOneHotLevels >= 2` must hold, got 1", e.getMessage());
    }
}
