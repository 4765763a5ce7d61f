package dev.quarry.automl.config;

import dev.quarry.featurize.csv.CsvOptions;
import dev.quarry.featurize.table.Task;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code data}: where the rows are and what to predict.
 *
 * @param train the training CSV (relative paths resolve against the config file's folder)
 * @param target the column to predict
 * @param task the task, or null to infer it from the target
 * @param validation a separate validation CSV, or null
 * @param missingValues tokens read as missing; default {@code ["", "NA", "?"]}
 * @param delimiter the CSV delimiter; default {@code ,}
 */
public record DataConfig(Path train, String target, Task task, Path validation, List<String> missingValues,
        Character delimiter) {

    /** Applies defaults and validates. */
    public DataConfig {
        if (train == null) {
            throw new InvalidValueException("train", "expected the training CSV file, got nothing");
        }
        if (target == null || target.isBlank()) {
            throw new InvalidValueException("target", "expected the name of the column to predict, got "
                    + (target == null ? "nothing" : "\"" + target + "\""));
        }
        if (missingValues == null) {
            missingValues = CsvOptions.DEFAULT_MISSING.stream().sorted().toList();
        } else {
            // Not indexOf(null): immutable lists reject the query itself.
            for (int i = 0; i < missingValues.size(); i++) {
                if (missingValues.get(i) == null) {
                    throw new InvalidValueException("missingValues[" + i + "]",
                            "expected a string (\"\" for empty cells), got null");
                }
            }
            missingValues = List.copyOf(missingValues);
        }
        delimiter = delimiter == null ? ',' : delimiter;
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new InvalidValueException("delimiter", "`delimiter` cannot be a quote or a line break, got "
                    + (delimiter == '"' ? "'\"'" : "a line break"));
        }
    }

    /**
     * @param base the config file's folder
     * @return this config with relative paths resolved against it
     */
    DataConfig resolvedAgainst(Path base) {
        return new DataConfig(base.resolve(train).normalize(), target, task,
                validation == null ? null : base.resolve(validation).normalize(), missingValues, delimiter);
    }
}
