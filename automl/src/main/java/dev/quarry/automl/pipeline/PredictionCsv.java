package dev.quarry.automl.pipeline;

import dev.quarry.automl.learner.Predictions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes predictions as CSV: a {@code prediction} column (the class label, or the value) and, for
 * classification, one {@code probability_<class>} column per class. Numbers are written with
 * {@link Double#toString(double)}, which reads back to the identical double.
 */
public final class PredictionCsv {

    private PredictionCsv() {
    }

    /**
     * @param predictions one per input row
     * @param classes class labels in probability order (empty for regression)
     * @param file the output file, replaced if present
     */
    public static void write(Predictions predictions, List<String> classes, Path file) {
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write("prediction");
            for (String c : classes) {
                out.write(',');
                out.write(quote("probability_" + c));
            }
            out.write('\n');
            for (int i = 0; i < predictions.size(); i++) {
                if (predictions.values() != null) {
                    out.write(Double.toString(predictions.values()[i]));
                } else {
                    out.write(quote(classes.get(predictions.predictedClass(i))));
                    for (double p : predictions.probabilities()[i]) {
                        out.write(',');
                        out.write(Double.toString(p));
                    }
                }
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write predictions to " + file + ": " + e.getMessage(), e);
        }
    }

    /** RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes. */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
