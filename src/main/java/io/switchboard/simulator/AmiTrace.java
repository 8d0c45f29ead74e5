package io.switchboard.simulator;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.pbx.asterisk.ami.AmiFrameReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The events of a raw AMI capture, timed relative to the first event's {@code Timestamp}.
 * The banner and the {@code Response:} frames that answered the capturing client are dropped.
 */
public record AmiTrace(String name, List<TimedFrame> frames) {

    public AmiTrace {
        Objects.requireNonNull(name, "name");
        frames = List.copyOf(frames);
    }

    /** Loads a capture from the classpath, e.g. {@code /simulator/asterisk/queue-calls.ami}. */
    public static AmiTrace load(String classpathResource) {
        String path = classpathResource.startsWith("/") ? classpathResource : "/" + classpathResource;
        try (InputStream in = AmiTrace.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no such classpath resource: " + path);
            }
            return load(in, path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    public static AmiTrace load(InputStream in, String name) {
        List<TimedFrame> out = new ArrayList<>();
        long[] first = {Long.MIN_VALUE};
        long[] previous = {0};
        try {
            new AmiFrameReader(in).readAll(frame -> {
                if (!frame.isEvent()) {
                    return; // answers to the capturing client's own actions
                }
                String ts = frame.get("Timestamp");
                long offset = previous[0];
                if (ts != null) {
                    long micros = AmiTime.parse(ts);
                    if (first[0] == Long.MIN_VALUE) {
                        first[0] = micros;
                    }
                    offset = micros - first[0];
                }
                previous[0] = offset;
                out.add(new TimedFrame(offset, frame));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
        return new AmiTrace(name, out);
    }

    /** Distinct {@code Linkedid} values in order of first appearance: one per call. */
    public List<String> callIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (TimedFrame tf : frames) {
            String linkedid = tf.frame().get("Linkedid");
            if (linkedid != null && !linkedid.isEmpty()) {
                ids.add(linkedid);
            }
        }
        return List.copyOf(ids);
    }

    /** Offset of the last frame: the trace's duration. */
    public long durationMicros() {
        return frames.isEmpty() ? 0 : frames.get(frames.size() - 1).offsetMicros();
    }

    public int size() {
        return frames.size();
    }

    /** The events with the given name, in trace order. */
    public List<AmiFrame> events(String eventName) {
        List<AmiFrame> out = new ArrayList<>();
        for (TimedFrame tf : frames) {
            if (eventName.equalsIgnoreCase(tf.frame().eventName())) {
                out.add(tf.frame());
            }
        }
        return out;
    }
}
