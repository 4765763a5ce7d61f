/** Placeholder. */
package dev.quarry.reports;
