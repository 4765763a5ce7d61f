package dev.quarry.automl.learner;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.tribuo.provenance.EnsembleModelProvenance;
import org.tribuo.provenance.ModelProvenance;
import smile.validation.ClassificationMetrics;
import smile.validation.RegressionMetrics;

/**
 * Writes fitted models with Java serialization so that the same fit gives the same bytes: the
 * libraries record wall-clock facts inside their models, which are replaced on the way out (the
 * objects in memory are not touched). Smile's training metrics (out-of-bag scores of forests, kept
 * for diagnostics, never used to predict) are written as zeros, keeping only the row count: they
 * carry fit and score times, and their sums are taken over parallel threads in varying order, so
 * their last bits vary from fit to fit. Tribuo's model provenance carries the training instant (set to the epoch), also as text in
 * the model's cached provenance string. Nothing that
 * predicts is changed, so a model read back predicts exactly as before.
 *
 * <p>Everything else in these models is already a function of data, params and seed (Quarry
 * gives Tribuo datasets an epoch-dated provenance, and seeds every library generator).
 */
public final class ModelBytes {

    private static final OffsetDateTime EPOCH = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static final Pattern TRAINED_AT = Pattern.compile("trained-at=[0-9T:.+\\-Z]+");

    private ModelBytes() {
    }

    /**
     * @param model a fitted model
     * @param out where to write it; flushed, not closed
     * @throws IOException if writing fails
     */
    public static void write(FittedModel model, OutputStream out) throws IOException {
        var stream = new Stream(out);
        stream.writeObject(model);
        stream.flush();
    }

    /** The stream that swaps wall-clock facts for constants. */
    private static final class Stream extends ObjectOutputStream {

        Stream(OutputStream out) throws IOException {
            super(out);
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            return switch (obj) {
                // training diagnostics only; see the class comment for why they are zeroed
                case ClassificationMetrics m -> new ClassificationMetrics(0, 0, m.size(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
                case RegressionMetrics m -> new RegressionMetrics(0, 0, m.size(), 0, 0, 0, 0, 0);
                case EnsembleModelProvenance p when p.getClass() == EnsembleModelProvenance.class
                        && !EPOCH.equals(p.getTrainingTime()) -> new EnsembleModelProvenance(p.getClassName(), EPOCH,
                                p.getDatasetProvenance(), p.getTrainerProvenance(),
                                new java.util.HashMap<>(p.getInstanceProvenance().getMap()), true, p.getMemberProvenance());
                // only the plain class: other subclasses carry more state than this constructor copies
                case ModelProvenance p when p.getClass() == ModelProvenance.class && !EPOCH.equals(p.getTrainingTime()) ->
                        new ModelProvenance(p.getClassName(), EPOCH, p.getDatasetProvenance(), p.getTrainerProvenance(),
                                new java.util.HashMap<>(p.getInstanceProvenance().getMap()), true);
                // Tribuo models also keep their provenance's text (Model.provenanceOutput)
                case String text when text.contains("trained-at=") -> TRAINED_AT.matcher(text)
                        .replaceAll("trained-at=" + EPOCH);
                default -> obj;
            };
        }
    }
}
