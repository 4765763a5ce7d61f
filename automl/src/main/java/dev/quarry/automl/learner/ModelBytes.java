package dev.quarry.automl.learner;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
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
 *
 * <p>Model files are written {@linkplain #writeCompressed compressed} (gzip at the fastest level):
 * Java serialization repeats class descriptors and boxes small numbers, so tree ensembles and k-NN
 * models shrink five- to sevenfold (an extra-trees model of phoneme: 4.7 MB raw, 0.9 MB
 * compressed); the gzip header carries no time or name, so the bytes stay a function of the model.
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

    /**
     * Writes a model compressed, as model files hold it.
     *
     * @param model a fitted model
     * @param out where to write it; the compressed stream is finished, {@code out} is neither flushed nor closed
     * @throws IOException if writing fails
     */
    public static void writeCompressed(FittedModel model, OutputStream out) throws IOException {
        var gzip = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
        // Java serialization writes in pieces of at most 1 kB; each would be a call into zlib
        var buffered = new java.io.BufferedOutputStream(gzip, 1 << 16);
        write(model, buffered);
        buffered.flush();
        gzip.finish();
    }

    /**
     * Reads a model written by {@link #writeCompressed} or, from older model files, {@link #write}:
     * the gzip magic number tells them apart.
     *
     * @param in the model's bytes; read to the end of the model, not closed
     * @return the model
     * @throws IOException if reading fails or the bytes are not a serialised object
     * @throws ClassNotFoundException if the model needs a class this build does not have
     */
    public static FittedModel read(InputStream in) throws IOException, ClassNotFoundException {
        var buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        boolean gzip = b0 == (GZIPInputStream.GZIP_MAGIC & 0xff) && b1 == (GZIPInputStream.GZIP_MAGIC >> 8);
        var objects = new ObjectInputStream(gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered);
        return (FittedModel) objects.readObject();
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
