package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.simulator.ScenarioSpec.Outcome;
import io.switchboard.simulator.ScenarioSpec.Transfer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ScenarioGeneratorTest {

    private final ScenarioGenerator generator = new ScenarioGenerator(7);

    /** Finds events in a generated call, in order. */
    private record Events(GeneratedCall call) {
        List<AmiFrame> frames() {
            return call.frames().stream().map(TimedFrame::frame).toList();
        }

        List<AmiFrame> named(String event) {
            return frames().stream().filter(f -> event.equals(f.eventName())).toList();
        }

        AmiFrame one(String event) {
            assertThat(named(event)).as(event).hasSize(1);
            return named(event).get(0);
        }

        int index(String event, Predicate<AmiFrame> match) {
            List<AmiFrame> all = frames();
            for (int i = 0; i < all.size(); i++) {
                if (event.equals(all.get(i).eventName()) && match.test(all.get(i))) {
                    return i;
                }
            }
            throw new AssertionError("no " + event + " matching in call " + call.linkedId());
        }

        int index(String event) {
            return index(event, f -> true);
        }

        long offset(String event, Predicate<AmiFrame> match) {
            return call.frames().get(index(event, match)).offsetMicros();
        }

        long offset(String event) {
            return offset(event, f -> true);
        }

        void inOrder(int... indexes) {
            for (int i = 1; i < indexes.length; i++) {
                assertThat(indexes[i]).as("event %d after event %d", i, i - 1).isGreaterThan(indexes[i - 1]);
            }
        }
    }

    private static Predicate<AmiFrame> on(String channelPattern) {
        return f -> f.get("Channel") != null && f.get("Channel").matches(channelPattern);
    }

    private static final String CALLER1 = "Local/s@inbound-[0-9a-f]{8};1";
    private static final String CALLER2 = "Local/s@inbound-[0-9a-f]{8};2";

    private static void assertWellFormed(GeneratedCall call) {
        Events e = new Events(call);
        long previous = 0;
        for (TimedFrame tf : call.frames()) {
            assertThat(tf.offsetMicros()).isGreaterThanOrEqualTo(previous);
            previous = tf.offsetMicros();
            AmiFrame f = tf.frame();
            assertThat(f.name(0)).isEqualTo("Event");
            assertThat(f.name(1)).isEqualTo("Privilege");
            assertThat(f.name(2)).isEqualTo("Timestamp");
            assertThat(f.value(2)).matches("\\d+\\.\\d{6}");
            if (f.has("Linkedid")) {
                assertThat(f.get("Linkedid")).isEqualTo(call.linkedId());
            }
        }
        assertThat(call.frames().get(0).offsetMicros()).isPositive().isLessThan(100);
        assertThat(e.named("Newchannel").get(0).get("Uniqueid")).isEqualTo(call.linkedId());
        Set<String> opened = new HashSet<>();
        e.named("Newchannel").forEach(f -> opened.add(f.get("Uniqueid")));
        Set<String> closed = new HashSet<>();
        e.named("Hangup").forEach(f -> closed.add(f.get("Uniqueid")));
        assertThat(closed).as("every channel hangs up once").isEqualTo(opened).hasSize(e.named("Hangup").size());
    }

    @Test
    void answeredCallFollowsTheCapturedSequence() {
        Map<String, String> ivr = Map.of("INTENT", "billing", "CUSTOMER_ID", "4711", "LANGUAGE", "de");
        GeneratedCall call = generator.generate(
                ScenarioSpec.answered("4930123", "Erika Muster", 2, 12_000, 45_000).withIvrVars(ivr));
        assertWellFormed(call);
        Events e = new Events(call);

        e.inOrder(e.index("Newchannel", on(CALLER1)), e.index("Newchannel", on(CALLER2)),
                e.index("NewCallerid"), e.index("LocalBridge"), e.index("Newstate"),
                e.index("VarSet", f -> "INTENT".equals(f.get("Variable"))), e.index("QueueCallerJoin"),
                e.index("Newchannel", on("Local/agent2@agents-[0-9a-f]{8};1")), e.index("AgentCalled"),
                e.index("DialBegin", f -> f.has("Channel")), e.index("Newstate", f -> "Ringing".equals(f.get("ChannelStateDesc"))),
                e.index("AgentConnect"), e.index("BridgeCreate"), e.index("BridgeEnter"), e.index("AgentComplete"),
                e.index("BridgeLeave"), e.index("BridgeDestroy"), e.index("Hangup", on(CALLER2)));
        for (String var : ivr.keySet()) {
            AmiFrame set = e.frames().get(e.index("VarSet", f -> var.equals(f.get("Variable"))));
            assertThat(set.get("Channel")).matches(CALLER2);
            assertThat(set.get("Value")).isEqualTo(ivr.get(var));
        }
        assertThat(e.named("BridgeEnter")).hasSize(2);
        assertThat(e.named("BridgeLeave")).hasSize(2);
        assertThat(e.named("VarSet").size()).isGreaterThan(e.named("AgentConnect").size() * 20);
        assertThat(e.named("CEL")).isNotEmpty();
        assertThat(e.named("Newexten")).isNotEmpty();
        assertThat(e.named("DeviceStateChange")).isNotEmpty();

        AmiFrame join = e.one("QueueCallerJoin");
        assertThat(join.get("Queue")).isEqualTo("support");
        assertThat(join.get("CallerIDNum")).isEqualTo("4930123");
        AmiFrame connect = e.one("AgentConnect");
        assertThat(connect.get("Interface")).isEqualTo("Local/agent2@agents/n");
        assertThat(connect.get("MemberName")).isEqualTo("Agent Two");
        assertThat(connect.get("HoldTime")).isEqualTo("12");
        assertThat(connect.get("DestChannel")).matches("Local/agent2@agents-[0-9a-f]{8};1");
        assertThat(e.offset("AgentConnect") - e.offset("QueueCallerJoin")).isEqualTo(12_000_000);
        AmiFrame complete = e.one("AgentComplete");
        assertThat(complete.get("TalkTime")).isEqualTo("45");
        assertThat(complete.get("HoldTime")).isEqualTo("12");
        assertThat(complete.get("Reason")).isEqualTo("agent");
        assertThat(e.frames().get(e.index("Hangup", on(CALLER2))).get("Cause")).isEqualTo("16");

        CallTruth truth = call.truth();
        assertThat(truth.disposition()).isEqualTo("ANSWERED");
        assertThat(truth.linkedId()).isEqualTo(call.linkedId());
        assertThat(truth.agentInterface()).isEqualTo("Local/agent2@agents/n");
        assertThat(truth.agentName()).isEqualTo("Agent Two");
        assertThat(truth.waitMillis()).isEqualTo(12_000);
        assertThat(truth.talkMillis()).isEqualTo(45_000);
        assertThat(truth.holdMillis()).isZero();
        assertThat(truth.transfers()).isEmpty();
        assertThat(truth.ivrVars()).isEqualTo(ivr);
        assertThat(truth.queue()).isEqualTo("support");
        assertThat(truth.callerNum()).isEqualTo("4930123");
    }

    @Test
    void ringNoAnswerAttemptsAndHold() {
        ScenarioSpec spec = ScenarioSpec.answered("555", "Caller", 2, 20_000, 30_000)
                .withRingNoAnswer(List.of("1", "agent3"), 4_000).withHold(10_000);
        GeneratedCall call = generator.generate(spec);
        assertWellFormed(call);
        Events e = new Events(call);

        List<AmiFrame> missed = e.named("AgentRingNoAnswer");
        assertThat(missed).extracting(f -> f.get("Interface"))
                .containsExactly("Local/agent1@agents/n", "Local/agent3@agents/n");
        assertThat(missed).allSatisfy(f -> {
            assertThat(f.get("RingTime")).isEqualTo("4000");
            assertThat(f.get("Channel")).matches(CALLER2);
            assertThat(f.get("DestChannel")).matches("Local/agent[13]@agents-[0-9a-f]{8};1");
            assertThat(f.get("Queue")).isEqualTo("support");
        });
        String firstAgentLeg = missed.get(0).get("DestChannel");
        e.inOrder(e.index("AgentCalled", f -> firstAgentLeg.equals(f.get("DestChannel"))),
                e.index("AgentRingNoAnswer"),
                e.index("DialEnd", f -> "NOANSWER".equals(f.get("DialStatus"))),
                e.index("Hangup", f -> firstAgentLeg.equals(f.get("Channel"))),
                e.index("AgentConnect"));
        assertThat(e.frames().get(e.index("Hangup", f -> firstAgentLeg.equals(f.get("Channel")))).get("Cause"))
                .isIn("19", "26");
        assertThat(e.offset("AgentRingNoAnswer") - e.offset("AgentCalled")).isBetween(3_999_000L, 4_001_000L);

        AmiFrame hold = e.one("Hold");
        assertThat(hold.get("Channel")).matches(CALLER2);
        assertThat(hold.get("MusicClass")).isEqualTo("default");
        assertThat(e.offset("Unhold") - e.offset("Hold")).isEqualTo(10_000_000);
        e.inOrder(e.index("AgentConnect"), e.index("Hold"), e.index("Unhold"), e.index("AgentComplete"));
        assertThat(e.one("AgentComplete").get("TalkTime")).isEqualTo("40");
        assertThat(e.offset("AgentConnect") - e.offset("QueueCallerJoin")).isEqualTo(20_000_000);

        assertThat(call.truth().ringNoAnswerInterfaces())
                .containsExactly("Local/agent1@agents/n", "Local/agent3@agents/n");
        assertThat(call.truth().holdMillis()).isEqualTo(10_000);
        assertThat(call.truth().talkMillis()).isEqualTo(30_000);
        assertThat(call.truth().waitMillis()).isEqualTo(20_000);
    }

    @Test
    void callerAbandon() {
        GeneratedCall call = generator.generate(ScenarioSpec.abandoned("555", "Impatient", 7_500));
        assertWellFormed(call);
        Events e = new Events(call);
        e.inOrder(e.index("QueueCallerJoin"), e.index("HangupRequest", on(CALLER1)), e.index("Hangup", on(CALLER1)),
                e.index("QueueCallerAbandon"), e.index("QueueCallerLeave"), e.index("Hangup", on(CALLER2)));
        assertThat(e.frames().get(e.index("Hangup", on(CALLER1))).get("Cause")).isEqualTo("16");
        AmiFrame abandon = e.one("QueueCallerAbandon");
        assertThat(abandon.get("HoldTime")).isEqualTo("7");
        assertThat(abandon.get("Position")).isEqualTo("1");
        assertThat(abandon.get("OriginalPosition")).isEqualTo("1");
        assertThat(e.offset("QueueCallerAbandon") - e.offset("QueueCallerJoin")).isEqualTo(7_500_000);
        assertThat(e.named("AgentConnect")).isEmpty();
        assertThat(call.truth().disposition()).isEqualTo("ABANDONED");
        assertThat(call.truth().waitMillis()).isEqualTo(7_500);
        assertThat(call.truth().agentInterface()).isNull();
        assertThat(call.truth().talkMillis()).isZero();
    }

    @Test
    void queueTimeout() {
        GeneratedCall call = generator.generate(ScenarioSpec.timedOut("555", "Patient", 30_000)
                .withRingNoAnswer(List.of("2"), 8_000));
        assertWellFormed(call);
        Events e = new Events(call);
        e.inOrder(e.index("QueueCallerJoin"), e.index("AgentRingNoAnswer"), e.index("QueueCallerAbandon"),
                e.index("QueueCallerLeave"), e.index("VarSet", f -> "QUEUESTATUS".equals(f.get("Variable"))),
                e.index("Hangup", on(CALLER2)), e.index("Hangup", on(CALLER1)));
        AmiFrame status = e.frames().get(e.index("VarSet", f -> "QUEUESTATUS".equals(f.get("Variable"))));
        assertThat(status.get("Value")).isEqualTo("TIMEOUT");
        assertThat(status.get("Channel")).matches(CALLER2);
        assertThat(e.one("QueueCallerAbandon").get("HoldTime")).isEqualTo("30");
        assertThat(e.frames().get(e.index("Hangup", on(CALLER2))).get("Cause")).isEqualTo("16");
        assertThat(call.truth().disposition()).isEqualTo("TIMEOUT");
        assertThat(call.truth().waitMillis()).isEqualTo(30_000);
        assertThat(call.truth().ringNoAnswerInterfaces()).containsExactly("Local/agent2@agents/n");
    }

    @Test
    void blindTransfer() {
        GeneratedCall call = generator.generate(
                ScenarioSpec.answered("555", "Caller", 1, 3_000, 20_000).withTransfer(Transfer.blind()));
        assertWellFormed(call);
        Events e = new Events(call);
        AmiFrame blind = e.one("BlindTransfer");
        AmiFrame connect = e.one("AgentConnect");
        assertThat(blind.get("Result")).isEqualTo("Success");
        assertThat(blind.get("TransfererChannel")).isEqualTo(connect.get("DestChannel"));
        assertThat(blind.get("TransfererUniqueid")).isEqualTo(connect.get("DestUniqueid"));
        assertThat(blind.get("TransfererLinkedid")).isEqualTo(call.linkedId());
        assertThat(blind.get("TransfereeChannel")).isEqualTo(connect.get("Channel")).matches(CALLER2);
        assertThat(blind.get("TransfereeUniqueid")).isEqualTo(connect.get("Uniqueid"));
        assertThat(blind.get("BridgeUniqueid")).isEqualTo(e.one("BridgeCreate").get("BridgeUniqueid"));
        assertThat(blind.get("IsExternal")).isEqualTo("No");
        assertThat(blind.get("Context")).isEqualTo("transfer-target");
        assertThat(blind.get("Extension")).isEqualTo("2000");
        String agentLeg = connect.get("DestChannel");
        e.inOrder(e.index("AgentConnect"), e.index("BlindTransfer"), e.index("Hangup", f -> agentLeg.equals(f.get("Channel"))),
                e.index("BridgeLeave", on(CALLER2)),
                e.index("Newexten", f -> "transfer-target".equals(f.get("Context")) && "2000".equals(f.get("Extension"))),
                e.index("Hangup", on(CALLER2)));
        assertThat(e.offset("BlindTransfer") - e.offset("AgentConnect")).isEqualTo(20_000_000);
        assertTalkUntilCallerHangsUp(call, e);
        assertThat(call.truth().transfers()).containsExactly(new TruthTransfer("BLIND", "2000"));
        assertThat(call.truth().talkMillis()).isGreaterThan(20_000);
    }

    @Test
    void attendedTransfer() {
        GeneratedCall call = generator.generate(
                ScenarioSpec.answered("555", "Caller", 3, 3_000, 20_000).withTransfer(Transfer.attended()));
        assertWellFormed(call);
        Events e = new Events(call);
        AmiFrame connect = e.one("AgentConnect");
        String consult = "Local/2001@transfer-target-[0-9a-f]{8};[12]";
        assertThat(e.named("Newchannel").stream().filter(on(consult))).hasSize(2)
                .allSatisfy(f -> assertThat(f.get("Linkedid")).isEqualTo(call.linkedId()));
        AmiFrame att = e.one("AttendedTransfer");
        assertThat(att.get("Result")).isEqualTo("Success");
        assertThat(att.get("OrigTransfererChannel")).isEqualTo(connect.get("DestChannel"));
        assertThat(att.get("SecondTransfererChannel")).isEqualTo(connect.get("DestChannel"));
        assertThat(att.get("TransfereeChannel")).isEqualTo(connect.get("Channel"));
        assertThat(att.get("TransferTargetChannel")).matches("Local/2001@transfer-target-[0-9a-f]{8};1");
        assertThat(att.get("OrigBridgeUniqueid")).isEqualTo(e.named("BridgeCreate").get(0).get("BridgeUniqueid"));
        assertThat(att.get("SecondBridgeUniqueid")).isEqualTo(e.named("BridgeCreate").get(1).get("BridgeUniqueid"));
        assertThat(att.get("DestType")).isEqualTo("Bridge");
        assertThat(att.get("DestBridgeUniqueid")).isEqualTo(att.get("OrigBridgeUniqueid"));
        assertThat(att.get("IsExternal")).isEqualTo("No");
        e.inOrder(e.index("AgentConnect"), e.index("Hold"), e.index("Newchannel", on(consult)), e.index("AttendedTransfer"),
                e.index("Unhold"), e.index("Hangup", f -> connect.get("DestChannel").equals(f.get("Channel"))),
                e.index("Hangup", on(CALLER2)));
        assertThat(e.offset("Hold") - e.offset("AgentConnect")).isEqualTo(20_000_000);
        assertThat(call.truth().holdMillis()).isCloseTo((e.offset("Unhold") - e.offset("Hold")) / 1_000, within(1L))
                .isGreaterThanOrEqualTo(2_000);
        assertTalkUntilCallerHangsUp(call, e);
        assertThat(call.truth().transfers()).containsExactly(new TruthTransfer("ATTENDED", "2001"));
    }

    @Test
    void redirectHasNoTransferEvent() {
        GeneratedCall call = generator.generate(
                ScenarioSpec.answered("555", "Caller", 1, 3_000, 20_000).withTransfer(Transfer.redirect()));
        assertWellFormed(call);
        Events e = new Events(call);
        assertThat(e.named("BlindTransfer")).isEmpty();
        assertThat(e.named("AttendedTransfer")).isEmpty();
        String agentLeg = e.one("AgentConnect").get("DestChannel");
        int leave = e.index("BridgeLeave", on(CALLER2));
        int target = e.index("Newexten", f -> "transfer-target".equals(f.get("Context")));
        AmiFrame newexten = e.frames().get(target);
        assertThat(newexten.get("Channel")).matches(CALLER2);
        assertThat(newexten.get("Extension")).isEqualTo("2000");
        assertThat(newexten.get("Priority")).isEqualTo("1");
        e.inOrder(leave, target, e.index("Hangup", f -> agentLeg.equals(f.get("Channel"))), e.index("Hangup", on(CALLER2)));
        assertThat(e.offset("BridgeLeave", on(CALLER2)) - e.offset("AgentConnect")).isBetween(20_000_000L, 20_001_000L);
        assertTalkUntilCallerHangsUp(call, e);
        assertThat(call.truth().transfers()).containsExactly(new TruthTransfer("REDIRECT", "2000"));
    }

    private static void assertTalkUntilCallerHangsUp(GeneratedCall call, Events e) {
        long connected = e.offset("Hangup", on(CALLER2)) - e.offset("AgentConnect");
        long expected = connected / 1_000 - call.truth().holdMillis();
        assertThat(call.truth().talkMillis()).isBetween(expected - 2, expected + 2);
    }

    @Test
    void sameSeedSameScriptButFreshIds() {
        ScenarioSpec spec = ScenarioSpec.answered("555", "Caller", 1, 5_000, 10_000).withHold(2_000);
        GeneratedCall a = new ScenarioGenerator(99).generate(spec, 1_800_000_000_000_000L);
        GeneratedCall b = new ScenarioGenerator(99).generate(spec, 1_800_000_000_000_000L);
        assertThat(a.frames()).extracting(TimedFrame::offsetMicros)
                .containsExactlyElementsOf(b.frames().stream().map(TimedFrame::offsetMicros).toList());
        assertThat(a.frames()).extracting(tf -> tf.frame().eventName())
                .containsExactlyElementsOf(b.frames().stream().map(tf -> tf.frame().eventName()).toList());
        assertThat(a.linkedId()).isNotEqualTo(b.linkedId());
        assertThat(a.frames().get(0).frame().get("Timestamp")).startsWith("1800000000.");
    }

    @Test
    void mixCoversEveryKindWithUniqueIds() {
        ScenarioMix mix = new ScenarioMix(42);
        List<ScenarioSpec> specs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            specs.add(mix.next());
        }
        assertThat(specs).extracting(ScenarioSpec::outcome).contains(Outcome.values());
        assertThat(specs.stream().filter(s -> s.outcome() == Outcome.ANSWER).count()).isGreaterThan(240);
        assertThat(specs).anySatisfy(s -> assertThat(s.ringNoAnswerAgents()).isNotEmpty());
        assertThat(specs).anySatisfy(s -> assertThat(s.holdMillis()).isPositive());
        for (ScenarioSpec.TransferType type : ScenarioSpec.TransferType.values()) {
            assertThat(specs).anySatisfy(s -> assertThat(s.transfer()).isNotNull()
                    .extracting(Transfer::type).isEqualTo(type));
        }
        assertThat(specs).anySatisfy(s -> assertThat(s.ivrVars()).containsKeys("INTENT", "CUSTOMER_ID", "LANGUAGE"));
        assertThat(new ScenarioMix(42).next()).isEqualTo(specs.get(0));

        List<GeneratedCall> calls = new ScenarioMix(1).calls(60);
        Set<String> uniqueids = new HashSet<>();
        Set<String> channels = new HashSet<>();
        int newchannels = 0;
        for (GeneratedCall call : calls) {
            assertWellFormed(call);
            for (AmiFrame f : new Events(call).named("Newchannel")) {
                newchannels++;
                uniqueids.add(f.get("Uniqueid"));
                channels.add(f.get("Channel"));
            }
        }
        assertThat(uniqueids).hasSize(newchannels);
        assertThat(channels).hasSize(newchannels);

        List<TimedFrame> schedule = ScenarioMix.schedule(calls.subList(0, 3), 2.0);
        assertThat(schedule).hasSize(calls.subList(0, 3).stream().mapToInt(c -> c.frames().size()).sum());
        assertThat(schedule).isSortedAccordingTo(Comparator.comparingLong(TimedFrame::offsetMicros));
        String thirdCall = calls.get(2).linkedId();
        long thirdStart = schedule.stream().filter(tf -> thirdCall.equals(tf.frame().get("Linkedid")))
                .mapToLong(TimedFrame::offsetMicros).min().orElseThrow();
        assertThat(thirdStart - 1_000_000).isBetween(0L, 100L);
    }

    @Test
    void rejectsRingsThatDoNotFitIntoTheWait() {
        ScenarioSpec spec = ScenarioSpec.answered("555", "Caller", 1, 3_000, 10_000)
                .withRingNoAnswer(List.of("2"), 4_000);
        assertThatThrownBy(() -> generator.generate(spec)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScenarioSpec("1", "n", "support", null, null, null, 1, 1, 1, 0,
                Outcome.ANSWER, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
