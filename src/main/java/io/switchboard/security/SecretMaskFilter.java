package io.switchboard.security;

import io.quarkus.logging.LoggingFilter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;

import java.util.List;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Defence in depth: whatever a library or a careless line logs, a configured secret (PBX secrets,
 * the database password, the session key, alert tokens and keys, …; see {@link SecretValues})
 * leaves the process as {@value #MASK}. Masks the formatted message (so parameters too) and the
 * messages of the thrown exception and its causes. Enabled on every handler in every profile
 * ({@code quarkus.log.*.filter=secret-mask}).
 */
@LoggingFilter(name = "secret-mask")
public final class SecretMaskFilter implements Filter {

    static final String MASK = "****";

    private final List<String> secrets;

    public SecretMaskFilter() {
        this(SecretValues.collect(ConfigProvider.getConfig()));
    }

    SecretMaskFilter(List<String> secrets) {
        this.secrets = secrets;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (secrets.isEmpty()) {
            return true;
        }
        String formatted = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        String masked = mask(formatted);
        if (masked != formatted) {
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(masked);
            }
            record.setParameters(null);
        }
        Throwable thrown = record.getThrown();
        if (thrown != null && carriesSecret(thrown)) {
            record.setThrown(MaskedThrowable.of(thrown, this::mask));
        }
        return true;
    }

    /** The text with every secret replaced; the same instance when there was none. */
    String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }

    private boolean carriesSecret(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String message = c.getMessage();
            String text = c.toString();
            if (mask(message) != message || mask(text) != text) {
                return true;
            }
            for (Throwable s : c.getSuppressed()) {
                if (carriesSecret(s)) {
                    return true;
                }
            }
        }
        return false;
    }
}
