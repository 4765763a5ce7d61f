package dev.quarry.runner.trial;

import java.io.PrintWriter;
import java.io.StringWriter;

/** How a trial's exception is written into its child run: class, message, then the stack trace. */
public final class Failures {

    private Failures() {
    }

    /**
     * @param error what a trial threw
     * @return {@code <class>: <message>} on the first line, then the stack trace
     */
    public static String describe(Throwable error) {
        var text = new StringWriter();
        text.append(error.getClass().getName()).append(": ").append(String.valueOf(error.getMessage())).append('\n');
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
