/**
 * H2O AutoML as a benchmark contender, built and run on JDK 17 in a process of its own, outside
 * Quarry's build: H2O 3.44 runs embedded only on JDK 17 and its xgboost4j clashes with Tribuo's.
 */
package dev.quarry.examples.h2o;
