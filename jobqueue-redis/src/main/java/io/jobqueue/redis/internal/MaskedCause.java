package io.jobqueue.redis.internal;

import java.util.function.UnaryOperator;

/**
 * A stand-in for an exception of the client library whose text (or a cause's) holds a secret: the
 * same class name in {@link #toString()}, the message masked, the same stack trace, and masked
 * stand-ins for its causes and suppressed exceptions, so a log that prints the whole chain shows
 * what happened and never the secret. An exception whose chain holds no secret is kept as it is
 * ({@link #of}), so its type stays visible to code that inspects causes.
 */
final class MaskedCause extends RuntimeException {

    private static final int MAX_DEPTH = 16;

    private final String originalClass;

    private MaskedCause(String originalClass, String maskedMessage) {
        super(maskedMessage, null, true, true);
        this.originalClass = originalClass;
    }

    /** {@code error} itself when masking changes nothing in its chain, else a masked stand-in. */
    static Throwable of(Throwable error, UnaryOperator<String> mask) {
        return error == null || isClean(error, mask, 0) ? error : copy(error, mask, 0);
    }

    private static boolean isClean(Throwable error, UnaryOperator<String> mask, int depth) {
        if (error == null || depth > MAX_DEPTH) {
            return true;
        }
        String text = error.toString();
        if (!text.equals(mask.apply(text))) {
            return false;
        }
        for (Throwable suppressed : error.getSuppressed()) {
            if (!isClean(suppressed, mask, depth + 1)) {
                return false;
            }
        }
        return error.getCause() == error || isClean(error.getCause(), mask, depth + 1);
    }

    private static MaskedCause copy(Throwable error, UnaryOperator<String> mask, int depth) {
        MaskedCause copy = new MaskedCause(error.getClass().getName(), mask.apply(error.getMessage()));
        copy.setStackTrace(error.getStackTrace());
        if (depth < MAX_DEPTH) {
            Throwable cause = error.getCause();
            if (cause != null && cause != error) {
                copy.initCause(copy(cause, mask, depth + 1));
            }
            for (Throwable suppressed : error.getSuppressed()) {
                copy.addSuppressed(copy(suppressed, mask, depth + 1));
            }
        }
        return copy;
    }

    /** The original class name and the masked message, as {@link Throwable#toString()} prints an exception. */
    @Override
    public String toString() {
        String message = getMessage();
        return message == null ? originalClass : originalClass + ": " + message;
    }
}
