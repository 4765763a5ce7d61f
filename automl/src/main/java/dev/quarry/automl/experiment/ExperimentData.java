package dev.quarry.automl.experiment;

import dev.quarry.featurize.DataException;
import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.featurize.csv.CsvReader;
import dev.quarry.featurize.table.LabelledTable;
import dev.quarry.featurize.table.Target;
import dev.quarry.featurize.table.Targets;
import dev.quarry.featurize.table.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An experiment's data as read from disk: the training table split into features and target, an
 * optional separate validation table whose target uses the training class indices, and the
 * training file's content hash for lineage.
 *
 * @param trainFile the training CSV
 * @param sha256 the training file's SHA-256, hex
 * @param csv how the files were read
 * @param train the training rows
 * @param validation the validation file's rows, or null when validation splits the training rows
 */
public record ExperimentData(Path trainFile, String sha256, CsvOptions csv, LabelledTable train,
        LabelledTable validation) {

    /**
     * Reads and checks the data.
     *
     * @param trainFile the training CSV
     * @param validationFile a validation CSV, or null
     * @param target the target column
     * @param task the task, or null to infer it from the target
     * @param csv how to read the files
     * @return the data
     * @throws DataException naming the file, line or column at fault
     */
    public static ExperimentData load(Path trainFile, Path validationFile, String target, Task task, CsvOptions csv) {
        return load(trainFile, validationFile, target, task, csv, java.util.Map.of());
    }

    /**
     * Reads and checks the data, forcing the storage of some columns (e.g. a numeric-looking code
     * forced categorical by config).
     *
     * @param trainFile the training CSV
     * @param validationFile a validation CSV, or null
     * @param target the target column
     * @param task the task, or null to infer it from the target
     * @param csv how to read the files
     * @param forced storage kinds by column name; names the files lack are ignored
     * @return the data
     * @throws DataException naming the file, line or column at fault
     */
    public static ExperimentData load(Path trainFile, Path validationFile, String target, Task task, CsvOptions csv,
            java.util.Map<String, dev.quarry.featurize.table.ColumnKind> forced) {
        if (!Files.isRegularFile(trainFile)) {
            throw new DataException("training file " + trainFile + " does not exist or is not a file");
        }
        LabelledTable train = Targets.split(CsvReader.read(trainFile, csv, forced), target, task,
                trainFile.getFileName().toString());
        LabelledTable validation = null;
        if (validationFile != null) {
            if (!Files.isRegularFile(validationFile)) {
                throw new DataException("validation file " + validationFile + " does not exist or is not a file");
            }
            var kinds = new java.util.LinkedHashMap<String, dev.quarry.featurize.table.ColumnKind>();
            train.features().columns().forEach(c -> kinds.put(c.name(), c.kind()));
            LabelledTable raw = Targets.split(CsvReader.read(validationFile, csv, kinds), target,
                    train.target().task(), validationFile.getFileName().toString());
            var missing = new LinkedHashSet<>(train.features().columnNames());
            missing.removeAll(new HashSet<>(raw.features().columnNames()));
            if (!missing.isEmpty()) {
                throw new DataException("validation file " + validationFile.getFileName()
                        + " lacks feature columns of the training file: " + String.join(", ", missing));
            }
            validation = new LabelledTable(raw.features(), remap(raw.target(), train.target(), validationFile),
                    raw.droppedRows());
        }
        return new ExperimentData(trainFile, sha256(trainFile), csv, train, validation);
    }

    /**
     * @param columns feature columns to leave out of the training and validation rows
     * @return the data without them
     */
    public ExperimentData without(java.util.List<String> columns) {
        if (columns.isEmpty()) {
            return this;
        }
        return new ExperimentData(trainFile, sha256, csv,
                new LabelledTable(train.features().drop(columns), train.target(), train.droppedRows()),
                validation == null ? null : new LabelledTable(validation.features().drop(columns), validation.target(),
                        validation.droppedRows()));
    }

    /** Re-expresses a validation target's labels as indices into the training classes. */
    private static Target remap(Target validation, Target train, Path file) {
        if (!train.task().isClassification()) {
            return validation;
        }
        int[] labels = new int[validation.size()];
        Set<String> unknown = new LinkedHashSet<>();
        for (int i = 0; i < labels.length; i++) {
            String label = validation.classes().get(validation.labels()[i]);
            labels[i] = train.classes().indexOf(label);
            if (labels[i] < 0) {
                unknown.add(label);
            }
        }
        if (!unknown.isEmpty()) {
            throw new DataException("validation file " + file.getFileName() + " has target classes the training data lacks: "
                    + String.join(", ", unknown));
        }
        return new Target(train.column(), train.task(), train.classes(), labels, null);
    }

    /**
     * @param file a file
     * @return its SHA-256 as lower-case hex
     */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
