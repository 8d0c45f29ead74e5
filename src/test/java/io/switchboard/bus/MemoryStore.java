package io.switchboard.bus;

import io.switchboard.calls.CallRecord;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Records by id, stored the way the database does: a second insert of an id changes nothing. */
final class MemoryStore implements RecordStore {

    final Map<String, CallRecord> records = new ConcurrentHashMap<>();
    final AtomicInteger repeats = new AtomicInteger();
    /** Repeats that differ from the stored record: a call rebuilt from part of its events. */
    final AtomicInteger conflicts = new AtomicInteger();
    final List<String> conflicting = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void store(List<CallRecord> batch) {
        for (CallRecord r : batch) {
            CallRecord before = records.putIfAbsent(r.id(), r);
            if (before != null) {
                repeats.incrementAndGet();
                if (!before.equals(r)) {
                    conflicts.incrementAndGet();
                    conflicting.add(r.id());
                }
            }
        }
    }
}
