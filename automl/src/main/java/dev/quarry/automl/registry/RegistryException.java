package dev.quarry.automl.registry;

/** A registry request that cannot be done: the message says why, the kind how a caller should treat it. */
public final class RegistryException extends RuntimeException {

    /** What went wrong, as a caller maps it (HTTP 400, 404, 409). */
    public enum Kind {
        /** A bad name, version or request value. */
        INVALID,
        /** No such experiment, child run or model. */
        NOT_FOUND,
        /** The experiment has no model to register. */
        CONFLICT
    }

    private final Kind kind;
    private final String field;

    /**
     * @param kind what went wrong
     * @param message for people
     * @param field the request field at fault, or null
     */
    public RegistryException(Kind kind, String message, String field) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    /** @return what went wrong */
    public Kind kind() {
        return kind;
    }

    /** @return the field at fault, or null */
    public String field() {
        return field;
    }
}
