/**
 * Renders what other modules computed: leaderboards as console text and as JSON. Renders only;
 * ranking and scoring happen in {@code runner} and {@code automl}.
 */
package dev.quarry.reports;
