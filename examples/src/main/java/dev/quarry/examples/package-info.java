/**
 * Runnable examples and the benchmark harness. The example configs live in the module's folder
 * (quickstart.yaml, credit-g.yaml, vehicle.yaml, abalone.yaml) and run in CI with a tiny budget.
 */
package dev.quarry.examples;
