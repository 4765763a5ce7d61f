/**
 * Fitted transforms from raw columns to numeric features: imputation, missing indicators, scaling,
 * one-hot and frequency encoding. A {@link dev.quarry.featurize.transform.Featurizer} is fitted on
 * training rows only; the resulting {@link dev.quarry.featurize.transform.FittedFeaturizer} is a
 * JSON-serialisable value that transforms any rows identically before and after a round trip.
 */
package dev.quarry.featurize.transform;
