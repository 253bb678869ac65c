package org.mosaic.web;

/** A refusal with an HTTP status: 401, 403, 404, 429 or 400 with a message safe to show (no student data). */
public final class WebError extends RuntimeException {
    private final int status;

    public WebError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static WebError forbidden(String what) {
        return new WebError(403, "your role may not see or change " + what);
    }

    public static WebError notFound(String what) {
        return new WebError(404, what + " was not found");
    }
}
