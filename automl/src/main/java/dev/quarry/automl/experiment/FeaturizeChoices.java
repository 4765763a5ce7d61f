package dev.quarry.automl.experiment;

import dev.quarry.automl.config.FeaturizeConfig;
import dev.quarry.featurize.profile.ColumnType;
import dev.quarry.featurize.profile.TableProfile;
import dev.quarry.featurize.transform.FeaturizerSpec;
import dev.quarry.featurize.transform.HighCardinality;
import dev.quarry.search.space.CategoricalDomain;
import dev.quarry.search.space.Hyperparameter;
import dev.quarry.search.space.LearnerSpace;
import dev.quarry.search.space.Params;
import java.util.ArrayList;
import java.util.Locale;

/**
 * Featurization choices searched like hyperparameters, inside each learner's branch of the
 * conditional space ({@code featurize.search: true}), so the sampler can learn, say, that the
 * forest prefers frequency encoding while the linear model prefers target encoding. Only choices
 * that change something for this data are added; their defaults are the config's settings.
 */
final class FeaturizeChoices {

    /** The encoding of columns past the one-hot limit: {@code target} or {@code frequency}. */
    static final String ENCODING = "featurize_encoding";
    /** Whether text columns are featurized: {@code on} or {@code off}. */
    static final String TEXT = "featurize_text";

    private FeaturizeChoices() {
    }

    /**
     * @param space a learner's space
     * @param config the featurize settings
     * @param profile the column types
     * @return the space with the featurization choices that matter here, or unchanged
     */
    static LearnerSpace extend(LearnerSpace space, FeaturizeConfig config, TableProfile profile) {
        if (!config.search()) {
            return space;
        }
        var h = new ArrayList<>(space.hyperparameters());
        boolean wide = profile.columns().stream()
                .anyMatch(c -> c.type() == ColumnType.CATEGORICAL && c.distinct() > config.maxOneHotLevels());
        if (wide) {
            h.add(new Hyperparameter(ENCODING, CategoricalDomain.of("target", "frequency"),
                    config.highCardinality().name().toLowerCase(Locale.ROOT)));
        }
        boolean text = profile.columns().stream().anyMatch(c -> c.type() == ColumnType.TEXT) && config.textFeatures() > 0;
        if (text) {
            h.add(new Hyperparameter(TEXT, CategoricalDomain.of("on", "off"), "on"));
        }
        return new LearnerSpace(space.learner(), h);
    }

    /**
     * @param spec the experiment's featurization
     * @param params a trial's params
     * @return the featurization those params choose
     */
    static FeaturizerSpec apply(FeaturizerSpec spec, Params params) {
        if (params.values().containsKey(ENCODING)) {
            spec = spec.withHighCardinality(HighCardinality.valueOf(params.getString(ENCODING).toUpperCase(Locale.ROOT)));
        }
        if (params.values().containsKey(TEXT) && params.getString(TEXT).equals("off")) {
            spec = spec.withTextBuckets(0);
        }
        return spec;
    }
}
