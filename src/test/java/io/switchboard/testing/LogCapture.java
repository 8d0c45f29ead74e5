package io.switchboard.testing;

import org.jboss.logmanager.ExtLogRecord;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Everything logged while it is open (all loggers and levels), as text: messages and exceptions. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Queue<String> lines = new ConcurrentLinkedQueue<>();

    public static LogCapture start() {
        LogCapture c = new LogCapture();
        c.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(c);
        return c;
    }

    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public void publish(LogRecord r) {
        String msg = r instanceof ExtLogRecord e ? e.getFormattedMessage() : r.getMessage();
        lines.add(r.getLevel() + " " + r.getLoggerName() + " " + msg + (r.getThrown() == null ? "" : " " + r.getThrown()));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
