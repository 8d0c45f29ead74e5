package io.switchboard.pbx.freeswitch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Background jobs in flight, by Job-UUID. The BACKGROUND_JOB result and the reply naming the
 * Job-UUID come on different paths, so either may be seen first: an early result waits here
 * (bounded) for its job to be registered.
 */
final class EslJobs {

    private static final int MAX_EARLY_RESULTS = 1_000;

    private final Map<String, CompletableFuture<String>> pending = new LinkedHashMap<>();
    private final Map<String, String> early = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_EARLY_RESULTS;
        }
    };

    synchronized void register(String jobUuid, CompletableFuture<String> result) {
        String done = early.remove(jobUuid);
        if (done != null) {
            result.complete(done);
            return;
        }
        pending.put(jobUuid, result);
        result.whenComplete((r, e) -> forget(jobUuid));
    }

    synchronized void completed(String jobUuid, String body) {
        CompletableFuture<String> f = pending.remove(jobUuid);
        if (f != null) {
            f.complete(body);
        } else if (jobUuid != null) {
            early.put(jobUuid, body);
        }
    }

    private synchronized void forget(String jobUuid) {
        pending.remove(jobUuid);
    }

    synchronized int inFlight() {
        return pending.size();
    }
}
