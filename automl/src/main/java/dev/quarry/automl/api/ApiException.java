package dev.quarry.automl.api;

/**
 * A request that cannot be served, as the one error shape {@code {"error": {"code", "message", "field"}}}
 * with an HTTP status. Thrown by handlers; the router's failure handler writes it.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;

    /**
     * @param status the HTTP status, 400 to 599
     * @param code a stable machine-readable code, e.g. {@code invalid_config}
     * @param message what was expected and what was found, for people
     * @param field the request field at fault (a JSON path such as {@code $.budget.maxTrials}, a
     *     query parameter or a row column), or null
     */
    public ApiException(int status, String code, String message, String field) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 400 to 599, got " + status);
        }
        this.status = status;
        this.code = code;
        this.field = field;
    }

    static ApiException badRequest(String code, String message, String field) {
        return new ApiException(400, code, message, field);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, null);
    }

    static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message, null);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the error code */
    public String code() {
        return code;
    }

    /** @return the field at fault, or null */
    public String field() {
        return field;
    }
}
