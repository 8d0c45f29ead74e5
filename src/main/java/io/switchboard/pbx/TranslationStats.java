package io.switchboard.pbx;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a translator did with the PBX events it read: translated, ignored (known, not needed),
 * unknown (not in its table) or invalid (a needed field missing or malformed). Each event lands in
 * exactly one of those four. Apart from them, {@code unreadable} counts fields that only refine an
 * event (a cause code, a position, a time) and could not be read: the event was still translated,
 * with that field unknown. Thread-safe.
 */
public final class TranslationStats {
    private final LongAdder translated = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final LongAdder unknown = new LongAdder();
    private final LongAdder invalid = new LongAdder();
    private final LongAdder unreadable = new LongAdder();

    public void translated() {
        translated.increment();
    }

    public void ignored() {
        ignored.increment();
    }

    public void unknown() {
        unknown.increment();
    }

    public void invalid() {
        invalid.increment();
    }

    /** A secondary field was present but unreadable; not an event count. */
    public void unreadable() {
        unreadable.increment();
    }

    public long translatedCount() {
        return translated.sum();
    }

    public long ignoredCount() {
        return ignored.sum();
    }

    public long unknownCount() {
        return unknown.sum();
    }

    public long invalidCount() {
        return invalid.sum();
    }

    public long unreadableCount() {
        return unreadable.sum();
    }
}
