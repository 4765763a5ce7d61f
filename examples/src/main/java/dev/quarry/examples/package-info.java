/** Placeholder. */
package dev.quarry.examples;
