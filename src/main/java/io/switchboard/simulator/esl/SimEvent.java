package io.switchboard.simulator.esl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A FreeSWITCH event as the simulator holds it: headers in wire order with decoded values (not
 * url-encoded), and an optional body ({@code null} when the event has none). Array headers keep
 * FreeSWITCH's internal form {@code ARRAY::a|:b}, which the plain encoding sends as is and the
 * JSON encoding turns into a JSON array.
 */
public record SimEvent(List<Map.Entry<String, String>> headers, String body) {

    public SimEvent {
        Objects.requireNonNull(headers, "headers");
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers.size());
        for (Map.Entry<String, String> h : headers) {
            copy.add(Map.entry(h.getKey(), h.getValue()));
        }
        headers = List.copyOf(copy);
    }

    /** An event without body from name/value pairs: {@code of("Event-Name", "HEARTBEAT", ...)}. */
    public static SimEvent of(String... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("name/value pairs expected");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>(nameValuePairs.length / 2);
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            headers.add(Map.entry(nameValuePairs[i], nameValuePairs[i + 1]));
        }
        return new SimEvent(headers, null);
    }

    /** First value of the header, compared case-insensitively like {@code switch_event_get_header}. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    public boolean has(String name) {
        return header(name) != null;
    }

    public String eventName() {
        return header("Event-Name");
    }

    /** {@code Event-Subclass} of CUSTOM events, e.g. {@code callcenter::info}. */
    public String subclass() {
        return header("Event-Subclass");
    }

    public String uniqueId() {
        return header("Unique-ID");
    }

    public int size() {
        return headers.size();
    }

    /** A copy with the header's first occurrence replaced, or the header appended when absent. */
    public SimEvent withHeader(String name, String value) {
        List<Map.Entry<String, String>> out = new ArrayList<>(headers);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).getKey().equalsIgnoreCase(name)) {
                out.set(i, Map.entry(out.get(i).getKey(), value));
                return new SimEvent(out, body);
            }
        }
        out.add(Map.entry(name, value));
        return new SimEvent(out, body);
    }

    public SimEvent withBody(String newBody) {
        return new SimEvent(headers, newBody);
    }
}
