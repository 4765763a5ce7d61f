/**
 * The default executor: trials on local platform threads, with a watchdog that reports timeouts on
 * time even when a learner ignores interruption.
 */
package dev.quarry.runner.local;
