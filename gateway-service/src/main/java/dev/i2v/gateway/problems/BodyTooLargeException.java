package dev.i2v.gateway.problems;

import java.io.IOException;

/** A request body went past its limit while it was being read; it is answered 413, not 400. */
public class BodyTooLargeException extends IOException {

    private final long limit;

    public BodyTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
