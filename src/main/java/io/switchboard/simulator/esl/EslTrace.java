package io.switchboard.simulator.esl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a raw inbound-socket capture ({@code event plain ALL} or {@code event json ALL}) as timed
 * events. Replies to the capturing client (auth/request, command/reply, api/response, the
 * disconnect notice) are dropped. Events keep capture order: FreeSWITCH's {@code Event-Sequence}
 * is neither gap-free nor monotonic, so neither it nor the timestamp may be used to sort.
 */
public final class EslTrace {

    private EslTrace() {
    }

    /** Loads from the classpath, e.g. {@code /simulator/freeswitch/callcenter-plain.esl}. */
    public static List<TimedEslEvent> load(String classpathResource) {
        String path = classpathResource.startsWith("/") ? classpathResource : "/" + classpathResource;
        try (InputStream in = EslTrace.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no such classpath resource: " + path);
            }
            return load(in, path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Offsets come from {@code Event-Date-Timestamp} (epoch microseconds) relative to the first
     * event; an event without one inherits its predecessor's offset.
     */
    public static List<TimedEslEvent> load(InputStream in, String name) {
        List<TimedEslEvent> out = new ArrayList<>();
        long first = Long.MIN_VALUE;
        long previous = 0;
        EslFrameReader reader = new EslFrameReader(in);
        try {
            for (EslFrame frame = reader.next(); frame != null; frame = reader.next()) {
                SimEvent event = decode(frame);
                if (event == null) {
                    continue;
                }
                long offset = previous;
                Long micros = timestampMicros(event);
                if (micros != null) {
                    if (first == Long.MIN_VALUE) {
                        first = micros;
                    }
                    offset = micros - first;
                }
                previous = offset;
                out.add(new TimedEslEvent(offset, event));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " after " + out.size() + " events", e);
        }
        return out;
    }

    /** The event carried by a frame, or null for frames that are not events. */
    static SimEvent decode(EslFrame frame) {
        String type = frame.contentType();
        if (EslWire.PLAIN.equals(type)) {
            return EslWire.parsePlainEvent(frame.body());
        }
        if (EslWire.JSON.equals(type)) {
            return EslJson.parse(new String(frame.body(), StandardCharsets.UTF_8));
        }
        return null;
    }

    static Long timestampMicros(SimEvent event) {
        String ts = event.header("Event-Date-Timestamp");
        if (ts == null) {
            return null;
        }
        try {
            return Long.parseLong(ts.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
