/**
 * Data guardrails: checks run on the training data before any trial (missing values, high
 * cardinality, identifier and constant columns, engineered datetime and text columns, class
 * imbalance, tiny classes for the chosen folds, target-leakage suspects, duplicate rows, and
 * train/validation shift), each with a status, the columns affected and the action taken. The
 * report is a JSON value ({@code guardrails.json}) that reports render and the CLI prints.
 */
package dev.quarry.featurize.guardrails;
