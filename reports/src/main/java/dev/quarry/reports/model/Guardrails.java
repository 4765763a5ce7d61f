package dev.quarry.reports.model;

import java.util.List;

/**
 * The data guardrails' findings, as read from the experiment's {@code outputs/guardrails.json}.
 *
 * @param checks one entry per check, in the order recorded
 */
public record Guardrails(List<Check> checks) {

    /** Copies the list. */
    public Guardrails {
        checks = List.copyOf(checks);
    }

    /**
     * @param check the check's name
     * @param status PASSED, FIXED or WARNING
     * @param columns the columns concerned
     * @param message what was found
     * @param action what was done, or null
     */
    public record Check(String check, String status, List<String> columns, String message, String action) {

        /** Copies the columns (null reads as none). */
        public Check {
            columns = columns == null ? List.of() : List.copyOf(columns);
        }
    }
}
