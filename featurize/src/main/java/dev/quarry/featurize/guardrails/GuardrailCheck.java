package dev.quarry.featurize.guardrails;

import java.util.List;

/**
 * One check's result, as written to {@code guardrails.json}.
 *
 * @param check the check's id, e.g. {@code missing_values}
 * @param status what was found
 * @param columns the columns affected, in table order (empty when none or not per column)
 * @param message what was found, for people
 * @param action what Quarry did about it, or what the user may do
 */
public record GuardrailCheck(String check, CheckStatus status, List<String> columns, String message, String action) {

    /** Validates and copies. */
    public GuardrailCheck {
        if (check == null || !check.matches("[a-z_]+")) {
            throw new IllegalArgumentException("a check id is lower-case words joined by _, got " + check);
        }
        if (status == null || message == null || action == null) {
            throw new IllegalArgumentException("check " + check + " needs a status, a message and an action");
        }
        columns = List.copyOf(columns);
    }
}
