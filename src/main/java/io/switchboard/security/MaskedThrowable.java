package io.switchboard.security;

import java.util.function.UnaryOperator;

/**
 * Stands in the log for an exception whose message carried a secret: same class name (in the
 * text), masked message, same stack trace, causes and suppressed exceptions masked the same way.
 * Only the log record gets it; the exception itself is untouched.
 */
final class MaskedThrowable extends Throwable {

    private final String text;

    private MaskedThrowable(String text, String message) {
        super(message, null, true, true);
        this.text = text;
    }

    static MaskedThrowable of(Throwable original, UnaryOperator<String> mask) {
        return of(original, mask, 0);
    }

    private static MaskedThrowable of(Throwable original, UnaryOperator<String> mask, int depth) {
        String message = mask.apply(original.getMessage());
        String className = original.getClass().getName();
        MaskedThrowable m = new MaskedThrowable(message == null ? className : className + ": " + message, message);
        m.setStackTrace(original.getStackTrace());
        Throwable cause = original.getCause();
        if (cause != null && cause != original && depth < 32) {
            m.initCause(of(cause, mask, depth + 1));
        }
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
