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
            columns.add(new DatasetProfile.ColumnProfile(c.name(), c.kind().name(), c.missingCount(), distinct(c)));
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
        String featurization = "numeric columns: missing values imputed with the training fold's median"
                + " (plus a missing indicator where the training fold has missing values); categorical columns with at most " + spec.maxOneHotLevels()
                + " levels one-hot encoded, others frequency encoded; numeric features standardised for learners"
                + " that need scaling; every transform fitted on each fold's training rows only";
        return new DatasetProfile(file, sha256, target.size(), train.droppedRows(), target.column(), classes,
                List.copyOf(columns), featurization);
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
