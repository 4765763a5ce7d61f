package dev.quarry.featurize.guardrails;

/** The outcome of one guardrail check. */
public enum CheckStatus {
    /** Nothing found. */
    PASSED,
    /** Something found and handled automatically (the action says how). */
    FIXED,
    /** Something found that needs a person's judgement. */
    WARNING
}
