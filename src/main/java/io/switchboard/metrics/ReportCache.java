package io.switchboard.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers computed once per published version and named window, as of the version's time: many
 * readers cost one computation, and one version means the same numbers on every channel.
 * Arbitrary from/to ranges are computed each time (not worth keeping).
 */
final class ReportCache {

    private record Entry(long version, Map<String, Object> answers) {
    }

    private final Function<MetricsView, Reports> reports;
    private volatile Entry entry;

    ReportCache(Function<MetricsView, Reports> reports) {
        this.reports = reports;
    }

    @SuppressWarnings("unchecked")
    <T> T get(MetricsView view, String what, MetricsWindow w, Function<Reports, T> compute) {
        if ("range".equals(w.name())) {
            return compute.apply(reports.apply(view));
        }
        Entry e = entry;
        if (e == null || e.version != view.version()) {
            e = new Entry(view.version(), new ConcurrentHashMap<>());
            entry = e;
        }
        return (T) e.answers.computeIfAbsent(what + ':' + w.fromUs() + ':' + w.toUs() + ':' + w.name(),
                k -> compute.apply(reports.apply(view)));
    }
}
