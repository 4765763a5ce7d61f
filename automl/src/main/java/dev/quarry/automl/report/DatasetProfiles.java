package dev.quarry.automl.report;

import dev.quarry.featurize.table.CategoricalColumn;
import dev.quarry.featurize.table.Column;
import dev.quarry.featurize.table.LabelledTable;
import dev.quarry.featurize.table.NumericColumn;
import dev.quarry.featurize.transform.FeaturizerSpec;
import dev.quarry.reports.model.DatasetProfile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Profiles an experiment's training table for the report. */
public final class DatasetProfiles {

    private DatasetProfiles() {
    }

    /**
     * @param file the training file as given
     * @param sha256 its hash
     * @param train its rows
     * @param spec the featurization used
     * @return the profile
     */
    public static DatasetProfile of(String file, String sha256, LabelledTable train, FeaturizerSpec spec) {
        var columns = new ArrayList<DatasetProfile.ColumnProfile>();
        for (Column c : train.features().columns()) {
            // The profiler's type (datetime, text, id, ...) says more than the storage kind when there is one.
            String kind = spec.profile() != null && spec.profile().types().containsKey(c.name())
                    ? spec.profile().types().get(c.name()).name() : c.kind().name();
            columns.add(new DatasetProfile.ColumnProfile(c.name(), kind, c.missingCount(), distinct(c)));
        }
        var classes = new ArrayList<DatasetProfile.ClassCount>();
        var target = train.target();
        if (target.task().isClassification()) {
            int[] counts = new int[target.classCount()];
            for (int label : target.labels()) {
                counts[label]++;
            }
            for (int k = 0; k < counts.length; k++) {
                classes.add(new DatasetProfile.ClassCount(target.classes().get(k), counts[k]));
            }
        }
        String featurization = describe(spec);
        return new DatasetProfile(file, sha256, target.size(), train.droppedRows(), target.column(), classes,
                List.copyOf(columns), featurization);
    }

    private static String describe(FeaturizerSpec spec) {
        String rare = spec.rareLevelShare() > 0
                ? String.format(java.util.Locale.ROOT, " (levels under %.1f%% of the rows grouped as __other__)",
                        100 * spec.rareLevelShare()) : "";
        return "missing numbers imputed with the training fold's " + lower(spec.numericImputation())
                + ", missing categories as " + lower(spec.categoricalImputation()).replace('_', ' ')
                + "; categorical columns with at most " + spec.maxOneHotLevels() + " levels one-hot encoded" + rare
                + ", others " + lower(spec.highCardinality()) + " encoded"
                + (spec.highCardinality().name().equals("TARGET") ? " (out of fold, " + spec.innerFolds() + " inner folds)" : "")
                + "; " + (spec.textBuckets() > 0 ? "text columns hashed into " + spec.textBuckets() + " features"
                        : "text columns left out")
                + "; numeric features standardised for learners that need scaling; every transform fitted on each"
                + " fold's training rows only";
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static int distinct(Column c) {
        return switch (c) {
            case NumericColumn n -> {
                var seen = new HashSet<Double>();
                for (double v : n.values()) {
                    if (!Double.isNaN(v)) {
                        seen.add(v);
                    }
                }
                yield seen.size();
            }
            case CategoricalColumn k -> {
                var seen = new HashSet<Integer>();
                for (int code : k.codes()) {
                    if (code >= 0) {
                        seen.add(code);
                    }
                }
                yield seen.size();
            }
        };
    }
}
