/**
 * The HTTP API ({@code quarry serve}): a Vert.x Web server over a workspace that starts experiments
 * and streams their progress (Server-Sent Events), reads the run history, registers models and
 * serves deployed models as scoring endpoints. Every route but {@code /health} needs the bearer
 * token kept in the workspace; every error is {@code {"error": {"code", "message", "field"}}}.
 * Handlers never block the event loop: reading data, fitting and scoring run on worker threads,
 * experiments on threads of their own.
 */
package dev.quarry.automl.api;
