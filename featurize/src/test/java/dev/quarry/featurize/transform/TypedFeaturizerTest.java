package dev.quarry.featurize.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.featurize.profile.ColumnOverride;
import dev.quarry.featurize.profile.Profiler;
import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.FeatureMatrix;
import dev.quarry.featurize.table.NumericColumn;
import dev.quarry.featurize.table.Table;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The featurizer driven by column types: datetime parts, text hashing, target encoding, rare levels, indicators. */
class TypedFeaturizerTest {

    private static Featurized fit(Table t, Target y, FeaturizerSpec spec, Map<String, ColumnOverride> overrides) {
        return Featurizer.fitTransform(t, y, spec.withProfile(Profiler.profile(t, overrides)));
    }

    private static Target binary(int[] labels) {
        return new Target("y", Task.BINARY, List.of("0", "1"), labels, null);
    }

    @Test
    void datetimePartsAreCalendarFieldsAndMissingTakesTheMedian() {
        var when = new CategoricalColumn("when", new int[] {0, 1, -1},
                List.of("2024-03-09 17:05:00", "2024-03-11 08:00:00"));
        Table t = new Table(List.of(when));
        var f = fit(t, binary(new int[] {0, 1, 0}), FeaturizerSpec.defaults(), Map.of("when", ColumnOverride.DATETIME));
        assertEquals(List.of("when__year", "when__month", "when__day", "when__weekday", "when__hour", "when__elapsed",
                "when__missing"), f.featurizer().featureNames());
        assertArrayEquals(new double[] {2024, 3, 9, 6, 17, 0, 0}, f.train().rows()[0], 0.0, "9 March 2024 was a Saturday");
        assertArrayEquals(new double[] {2024, 3, 11, 1, 8, (14 * 60 + 55) / 1440.0 + 1, 0}, f.train().rows()[1], 1e-12);
        assertEquals(1, f.train().rows()[2][6], 0.0, "missing indicator");
        Table later = new Table(List.of(new CategoricalColumn("when", new int[] {0, 1}, List.of("not a date", "2025-01-01 00:00:00"))));
        double[][] rows = f.featurizer().transform(later).rows();
        assertEquals(1, rows[0][6], 0.0, "an unparseable value at prediction counts as missing");
        assertEquals(2025, rows[1][0], 0.0);
    }

    @Test
    void textIsHashedFromWordsAndBigramsWithoutAVocabulary() {
        var text = new CategoricalColumn("msg", new int[] {0, 1, 0, -1},
                List.of("Refund NOW, please!", "please refund now"));
        Table t = new Table(List.of(text));
        var spec = new FeaturizerSpec(false, 16, HighCardinality.TARGET, NumericImputation.MEDIAN,
                CategoricalImputation.MISSING_LEVEL, 0.005, 8, 5, null, 0);
        var f = fit(t, binary(new int[] {1, 0, 1, 0}), spec, Map.of("msg", ColumnOverride.TEXT));
        assertEquals(9, f.featurizer().featureNames().size(), "word count and 8 buckets");
        double[][] rows = f.train().rows();
        assertEquals(3, rows[0][0], 0.0);
        assertArrayEquals(rows[0], rows[2], 0.0, "same text, same features");
        assertNotEquals(List.of(rows[0]), List.of(rows[1]), "word order changes the bigrams");
        double unigramShare = 0;
        for (int k = 1; k <= 8; k++) {
            unigramShare += rows[0][k];
        }
        assertEquals(1.0, unigramShare, 1e-12, "buckets hold shares of the 5 n-grams");
        assertArrayEquals(new double[9], rows[3], 0.0, "missing text gives zeros");
        assertEquals(List.of("refund", "now", "please"), TextHashTransform.words("Refund NOW, please!"));
    }

    @Test
    void targetEncodingOfTrainingRowsIsOutOfFoldAndValidationRowsUseAllTrainingRows() {
        var random = new Random(2);
        int n = 400;
        int[] codes = new int[n];
        int[] labels = new int[n];
        var levels = new ArrayList<String>();
        for (int l = 0; l < 40; l++) {
            levels.add("s" + l);
        }
        for (int i = 0; i < n; i++) {
            codes[i] = random.nextInt(40);
            labels[i] = random.nextDouble() < (codes[i] < 20 ? 0.8 : 0.2) ? 1 : 0;
        }
        Table t = new Table(List.of(new CategoricalColumn("store", codes, levels)));
        Featurized f = fit(t, binary(labels), FeaturizerSpec.defaults(), Map.of());
        assertEquals(List.of("store__te"), f.featurizer().featureNames());
        FeatureMatrix inSample = f.featurizer().transform(t);
        int differ = 0;
        for (int i = 0; i < n; i++) {
            differ += f.train().rows()[i][0] != inSample.rows()[i][0] ? 1 : 0;
        }
        assertEquals(n, differ, "no training row gets the encoding its own target helped compute");
        var te = (TargetEncodingTransform) f.featurizer().transforms().getFirst();
        double prior = te.prior().getFirst();
        Table unseen = new Table(List.of(new CategoricalColumn("store", new int[] {0, -1}, List.of("new store"))));
        assertArrayEquals(new double[] {prior}, f.featurizer().transform(unseen).rows()[0], 0.0, "unseen level: the prior");
        assertArrayEquals(new double[] {prior}, f.featurizer().transform(unseen).rows()[1], 0.0, "no missing in training");
        double high = 0;
        double low = 0;
        for (int l = 0; l < 20; l++) {
            high += te.encodings().get("s" + l).getFirst() / 20;
            low += te.encodings().get("s" + (l + 20)).getFirst() / 20;
        }
        assertTrue(high > prior + 0.1 && low < prior - 0.1, "the encoding follows the target: " + high + ", " + low);
    }

    @Test
    void rareLevelsAreGroupedAndUnseenLevelsJoinThem() {
        int n = 1000;
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            codes[i] = i < 900 ? i % 3 : 3 + (i - 900) % 25;
        }
        var levels = new ArrayList<String>();
        for (int l = 0; l < 28; l++) {
            levels.add("v" + l);
        }
        Table t = new Table(List.of(new CategoricalColumn("c", codes, levels)));
        var f = Featurizer.fitTransform(t, null, FeaturizerSpec.defaults());
        assertEquals(List.of("c=v0", "c=v1", "c=v2", "c=__other__"), f.featurizer().featureNames(),
                "25 levels of 4 rows each (0.4%) are grouped; 90% of rows keep their level");
        Table test = new Table(List.of(new CategoricalColumn("c", new int[] {0, 1}, List.of("v5", "never seen"))));
        assertArrayEquals(new double[] {0, 0, 0, 1}, f.featurizer().transform(test).rows()[0], 0.0);
        assertArrayEquals(new double[] {0, 0, 0, 1}, f.featurizer().transform(test).rows()[1], 0.0);
    }

    @Test
    void aMissingIndicatorIsAddedOnlyWhereMissingnessPredictsTheTarget() {
        var random = new Random(4);
        int n = 600;
        double[] informative = new double[n];
        double[] random1 = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(2);
            informative[i] = labels[i] == 1 && random.nextDouble() < 0.3 ? Double.NaN : random.nextGaussian();
            random1[i] = random.nextDouble() < 0.15 ? Double.NaN : random.nextGaussian();
        }
        Table t = new Table(List.<Column>of(new NumericColumn("a", informative), new NumericColumn("b", random1)));
        var f = fit(t, binary(labels), FeaturizerSpec.defaults(), Map.of());
        assertEquals(List.of("a", "a__missing", "b"), f.featurizer().featureNames());
        var mean = fit(t, binary(labels), new FeaturizerSpec(false, 16, HighCardinality.TARGET, NumericImputation.MEAN,
                CategoricalImputation.MISSING_LEVEL, 0.005, 32, 5, null, 0), Map.of());
        double sum = 0;
        int present = 0;
        for (double v : random1) {
            if (!Double.isNaN(v)) {
                sum += v;
                present++;
            }
        }
        assertEquals(sum / present, ((NumericTransform) mean.featurizer().transforms().get(1)).fill(), 1e-12);
    }

    @Test
    void mostFrequentImputationFillsTheTopLevel() {
        Table t = new Table(List.of(new CategoricalColumn("c", new int[] {0, 0, 1, -1}, List.of("a", "b"))));
        var spec = new FeaturizerSpec(false, 16, HighCardinality.TARGET, NumericImputation.MEDIAN,
                CategoricalImputation.MOST_FREQUENT, 0.005, 32, 5, null, 0);
        var f = Featurizer.fitTransform(t, null, spec);
        assertEquals(List.of("c=a", "c=b", "c=__missing__"), f.featurizer().featureNames(), "no target: indicator kept");
        assertArrayEquals(new double[] {1, 0, 1}, f.train().rows()[3], 0.0);
    }

    @Test
    void everyTransformRoundTripsThroughJsonBitForBit(@TempDir Path dir) {
        var random = new Random(9);
        int n = 300;
        int[] store = new int[n];
        int[] day = new int[n];
        int[] msg = new int[n];
        int[] labels = new int[n];
        double[] amount = new double[n];
        for (int i = 0; i < n; i++) {
            store[i] = random.nextInt(30);
            day[i] = random.nextInt(10);
            msg[i] = random.nextInt(50);
            labels[i] = random.nextInt(3);
            amount[i] = random.nextDouble() < 0.1 ? Double.NaN : random.nextInt(100);
        }
        var stores = new ArrayList<String>();
        for (int s = 0; s < 30; s++) {
            stores.add("store " + s);
        }
        var days = new ArrayList<String>();
        for (int d = 0; d < 10; d++) {
            days.add("2024-05-" + (10 + d) + "T09:3" + d + ":00");
        }
        var msgs = new ArrayList<String>();
        for (int m = 0; m < 50; m++) {
            msgs.add("message number " + m + " says hello " + (m % 7));
        }
        Table t = new Table(List.of(new CategoricalColumn("store", store, stores), new CategoricalColumn("day", day, days),
                new CategoricalColumn("msg", msg, msgs), new NumericColumn("amount", amount)));
        var target = new Target("y", Task.MULTICLASS, List.of("a", "b", "c"), labels, null);
        var f = fit(t, target, FeaturizerSpec.defaults().withScale(true), Map.of("msg", ColumnOverride.TEXT));
        assertTrue(f.featurizer().featureNames().containsAll(List.of("store__te=a", "store__te=c", "day__hour", "msg__h31")),
                f.featurizer().featureNames().toString());
        Path file = dir.resolve("f.json");
        f.featurizer().write(file);
        FittedFeaturizer back = FittedFeaturizer.read(file);
        assertEquals(f.featurizer(), back);
        double[][] a = f.featurizer().transform(t).rows();
        double[][] b = back.transform(t).rows();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < a[i].length; j++) {
                assertTrue(Double.isFinite(a[i][j]));
                assertEquals(Double.doubleToRawLongBits(a[i][j]), Double.doubleToRawLongBits(b[i][j]));
            }
        }
    }
}
