package dev.quarry.automl.learner.tribuo;

import dev.quarry.featurize.table.FeatureMatrix;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/** Converts Quarry's features and targets to Tribuo datasets and examples. */
final class TribuoData {

    /** Tribuo logs every training run at INFO; Quarry reports trials itself. Held so it is not collected. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    /** A fixed provenance time, so that serialised models do not differ by when they were trained. */
    private static final OffsetDateTime EPOCH = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    static final LabelFactory LABELS = new LabelFactory();
    static final RegressionFactory REGRESSORS = new RegressionFactory();
    static final String DIMENSION = "y";

    private TribuoData() {
    }

    /**
     * @param features the number of features
     * @return feature names in column order, zero-padded so Tribuo's sorted order is column order
     */
    static String[] names(int features) {
        String[] out = new String[features];
        for (int j = 0; j < features; j++) {
            out[j] = String.format("f%06d", j);
        }
        return out;
    }

    static MutableDataset<Label> classification(FeatureMatrix x, int[] labels) {
        String[] names = names(x.featureCount());
        var examples = new ArrayList<Example<Label>>(x.rowCount());
        for (int i = 0; i < x.rowCount(); i++) {
            examples.add(new ArrayExample<>(new Label(Integer.toString(labels[i])), names, x.rows()[i]));
        }
        return dataset(examples, LABELS);
    }

    static MutableDataset<Regressor> regression(FeatureMatrix x, double[] values) {
        String[] names = names(x.featureCount());
        var examples = new ArrayList<Example<Regressor>>(x.rowCount());
        for (int i = 0; i < x.rowCount(); i++) {
            examples.add(new ArrayExample<>(new Regressor(DIMENSION, values[i]), names, x.rows()[i]));
        }
        return dataset(examples, REGRESSORS);
    }

    private static <T extends Output<T>> MutableDataset<T> dataset(List<Example<T>> examples, OutputFactory<T> factory) {
        return new MutableDataset<>(examples, new SimpleDataSourceProvenance("quarry", EPOCH, factory), factory);
    }

    static <T extends Output<T>> List<Example<T>> unlabelled(double[][] rows, OutputFactory<T> factory) {
        String[] names = names(rows.length == 0 ? 0 : rows[0].length);
        var out = new ArrayList<Example<T>>(rows.length);
        for (double[] row : rows) {
            out.add(new ArrayExample<>(factory.getUnknownOutput(), names, row));
        }
        return out;
    }
}
