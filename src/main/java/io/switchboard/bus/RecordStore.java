package io.switchboard.bus;

import io.switchboard.calls.CallRecord;

import java.util.List;

/** Stores finished records durably before the offsets that completed them are committed. */
@FunctionalInterface
public interface RecordStore {
    /** Returns once the records are stored; storing a record id again must change nothing. */
    void store(List<CallRecord> records) throws Exception;
}
