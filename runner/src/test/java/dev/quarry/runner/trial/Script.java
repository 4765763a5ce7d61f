package dev.quarry.runner.trial;

import java.nio.file.Path;

/**
 * A named test behaviour for {@link ScriptedEvaluator}, with a scratch folder through which it
 * reports what happened (and is released), so that the same behaviour can run in this JVM or in a
 * worker JVM.
 *
 * @param name which behaviour
 * @param scratch a folder the evaluator and the test share
 */
public record Script(String name, Path scratch) {

    /** @return the setup text a worker JVM reads back with {@link #parse} */
    public String text() {
        return name + "\n" + scratch.toAbsolutePath();
    }

    /**
     * @param text what {@link #text()} wrote
     * @return the script
     */
    public static Script parse(String text) {
        int nl = text.indexOf('\n');
        return new Script(text.substring(0, nl), Path.of(text.substring(nl + 1)));
    }
}
