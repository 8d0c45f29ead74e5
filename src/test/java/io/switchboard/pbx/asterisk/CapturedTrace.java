package io.switchboard.pbx.asterisk;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.pbx.asterisk.ami.AmiFrameReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A real AMI capture from the classpath, with what its own queue events say about each call. */
public record CapturedTrace(String name, List<AmiFrame> events) {

    public static CapturedTrace load(String name) {
        try (InputStream in = CapturedTrace.class.getResourceAsStream("/simulator/asterisk/" + name + ".ami")) {
            if (in == null) {
                throw new IllegalArgumentException("no trace " + name);
            }
            List<AmiFrame> events = new ArrayList<>();
            new AmiFrameReader(in).readAll(f -> {
                if (f.isEvent()) {
                    events.add(f);
                }
            });
            return new CapturedTrace(name, events);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Per Linkedid: what the trace's AgentConnect / AgentComplete / QueueCallerAbandon report. */
    public Map<String, Expected> expectations() {
        Map<String, Expected> out = new LinkedHashMap<>();
        for (AmiFrame f : events) {
            String linked = f.get("Linkedid");
            if (linked == null) {
                continue;
            }
            Expected e = out.computeIfAbsent(linked, Expected::new);
            switch (f.eventName()) {
                case "QueueCallerJoin" -> e.queue = f.get("Queue");
                case "AgentConnect" -> {
                    e.agent = f.get("MemberName");
                    e.agentInterface = f.get("Interface");
                    e.waitSeconds = Integer.parseInt(f.get("HoldTime"));
                }
                case "AgentComplete" -> e.talkSeconds = Integer.parseInt(f.get("TalkTime"));
                case "QueueCallerAbandon" -> {
                    e.abandoned = true;
                    e.waitSeconds = Integer.parseInt(f.get("HoldTime"));
                }
                default -> {
                }
            }
        }
        return out;
    }

    public static final class Expected {
        public final String linkedId;
        public String queue;
        public String agent;
        public String agentInterface;
        public Integer waitSeconds;
        public Integer talkSeconds;
        public boolean abandoned;

        Expected(String linkedId) {
            this.linkedId = linkedId;
        }
    }
}
