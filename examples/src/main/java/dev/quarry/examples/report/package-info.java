/** The report benchmark: how big and how fast an experiment report with thousands of child runs is. */
package dev.quarry.examples.report;
