package dev.quarry.automl.config;

/**
 * {@code type: auto}: 10-fold CV below 1,000 rows, 5-fold up to 20,000, else a 10% holdout;
 * stratified for classification.
 */
public record AutoValidation() implements ValidationSpec {
}
