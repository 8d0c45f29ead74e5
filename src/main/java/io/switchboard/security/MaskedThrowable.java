package io.switchboard.security;

import java.util.function.UnaryOperator;

/**
 * Stands in the log for an exception whose message carried a secret: same class name (in the
 * text), masked message, same stack trace, causes and suppressed exceptions masked the same way.
 * Only the log record gets it; the exception itself is untouched.
 */
final class MaskedThrowable extends Throwable {

    private final String text;

    private MaskedThrowable(String text, String message, Throwable cause) {
        super(message, cause);
        this.text = text;
    }

    static MaskedThrowable of(Throwable original, UnaryOperator<String> mask) {
        return of(original, mask, 0);
    }

    private static MaskedThrowable of(Throwable original, UnaryOperator<String> mask, int depth) {
        String message = mask.apply(original.getMessage());
        String className = original.getClass().getName();
        Throwable cause = original.getCause();
        MaskedThrowable maskedCause = cause != null && cause != original && depth < 32 ? of(cause, mask, depth + 1) : null;
        MaskedThrowable m = new MaskedThrowable(message == null ? className : className + ": " + message, message,
                maskedCause);
        m.setStackTrace(original.getStackTrace());
        for (Throwable s : original.getSuppressed()) {
            if (depth < 32) {
                m.addSuppressed(of(s, mask, depth + 1));
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return text;
    }
}
