package io.switchboard.pbx.asterisk;

import io.switchboard.pbx.AgentEndpoint;
import io.switchboard.pbx.LegRef;
import io.switchboard.pbx.PbxCommand;
import io.switchboard.pbx.PbxCommand.AttendedTransferCancel;
import io.switchboard.pbx.PbxCommand.AttendedTransferComplete;
import io.switchboard.pbx.PbxCommand.AttendedTransferStart;
import io.switchboard.pbx.PbxCommand.BlindTransfer;
import io.switchboard.pbx.PbxCommand.Hold;
import io.switchboard.pbx.PbxCommand.Originate;
import io.switchboard.pbx.PbxCommand.QueueLogin;
import io.switchboard.pbx.PbxCommand.QueuePause;
import io.switchboard.pbx.PbxCommand.Spy;
import org.asteriskjava.manager.action.AtxferAction;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PJSIPNotifyAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.action.QueueAddAction;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.asteriskjava.manager.action.QueueRemoveAction;

import java.util.LinkedHashMap;

/**
 * The AMI translation table: one neutral command becomes exactly one AMI action (docs/cti-asterisk.md).
 * Phone-side operations (answer, hold) are SIP NOTIFY events to the agent's phone, as a desk phone
 * would do them itself; Asterisk then reports what the phone did.
 */
final class AmiActions {

    /** The service pauses agents during wrap-up itself; this is the reason it clears. */
    static final String WRAP_UP_DONE = "wrap-up done";

    /** The CLI command that re-reads extensions.conf and what it includes (pbx_config). */
    static final String DIALPLAN_RELOAD = "dialplan reload";

    private AmiActions() {
    }

    /** @throws IllegalArgumentException when the command lacks what AMI needs (a channel name, an endpoint) */
    static ManagerAction of(PbxCommand command) {
        return switch (command) {
            case Originate o -> originate(o);
            case PbxCommand.Answer a -> phoneEvent(a.agent(), "talk");
            case PbxCommand.Hangup h -> new HangupAction(channel(h.leg(), "hangup"));
            case Hold h -> phoneEvent(h.agent(), h.on() ? "hold" : "talk");
            case BlindTransfer b -> new BlindTransferAction(channel(b.agentLeg(), "blind transfer"),
                    required(b.destination(), "destination"), b.context());
            case AttendedTransferStart a -> atxfer(a);
            // Asterisk completes an attended transfer when the transferer hangs up
            case AttendedTransferComplete c -> new HangupAction(channel(c.agentLeg(), "attended transfer"));
            case AttendedTransferCancel c -> new CancelAtxferAction(channel(c.agentLeg(), "attended transfer"));
            case Spy s -> spy(s);
            case QueueLogin l -> queueAdd(l);
            case PbxCommand.QueueLogout l -> new QueueRemoveAction(required(l.queue(), "queue"),
                    memberInterface(l.agent()));
            case QueuePause p -> pause(p.agent(), p.queue(), p.paused(), p.reason());
            case PbxCommand.WrapUpDone w -> pause(w.agent(), null, false, WRAP_UP_DONE);
            // answered with Response: Success, Ping: Pong and the PBX's clock
            case PbxCommand.Ping p -> new PingAction();
            // Asterisk 22 answers "Command output follows" with the CLI's output in Output: lines
            case PbxCommand.ReloadDialplan r -> new CommandAction(DIALPLAN_RELOAD);
        };
    }

    private static OriginateAction originate(Originate o) {
        OriginateAction a = new OriginateAction();
        a.setChannel(dial(o.from()));
        a.setExten(required(o.destination(), "destination"));
        a.setContext(required(o.context(), "context"));
        a.setPriority(1);
        String callerId = callerId(o.callerIdNumber(), o.callerIdName());
        if (callerId != null) {
            a.setCallerId(callerId);
        }
        a.setAsync(Boolean.TRUE);
        if (!o.variables().isEmpty()) {
            a.setVariables(new LinkedHashMap<>(o.variables()));
        }
        return a;
    }

    /** The consultation rings {@code Exten}@{@code Context} from the agent's channel; the caller hears hold music. */
    private static AtxferAction atxfer(AttendedTransferStart s) {
        AtxferAction a = new AtxferAction();
        a.setChannel(channel(s.agentLeg(), "attended transfer"));
        a.setExten(required(s.destination(), "destination"));
        a.setContext(s.context());
        return a;
    }

    /** ChanSpy on the supervisor's phone: q quiet, E ends with the agent's channel, w whisper, B barge. */
    private static OriginateAction spy(Spy s) {
        String options = switch (s.mode()) {
            case LISTEN -> "qE";
            case WHISPER -> "qwE";
            case BARGE -> "qBE";
        };
        OriginateAction a = new OriginateAction();
        a.setChannel(dial(s.supervisor()));
        a.setApplication("ChanSpy");
        a.setData(channel(s.agentLeg(), "spy") + "," + options);
        a.setAsync(Boolean.TRUE);
        return a;
    }

    private static QueueAddAction queueAdd(QueueLogin l) {
        QueueAddAction a = new QueueAddAction();
        a.setQueue(required(l.queue(), "queue"));
        a.setInterface(memberInterface(l.agent()));
        if (l.memberName() != null) {
            a.setMemberName(l.memberName());
        }
        a.setPaused(l.paused());
        return a;
    }

    /** {@code queue} null pauses the member in all its queues (Asterisk reads no Queue header as "all"). */
    private static QueuePauseAction pause(AgentEndpoint agent, String queue, boolean paused, String reason) {
        QueuePauseAction a = new QueuePauseAction();
        a.setInterface(memberInterface(agent));
        a.setPaused(paused);
        if (reason != null) {
            a.setReason(reason);
        }
        if (queue != null) {
            a.setQueue(queue);
        }
        return a;
    }

    /** A SIP NOTIFY the phone acts on (Yealink, Polycom and Snom understand Event: talk / hold). */
    private static PJSIPNotifyAction phoneEvent(AgentEndpoint agent, String event) {
        if (agent == null || agent.device() == null || agent.device().isBlank()) {
            throw new IllegalArgumentException("a phone event needs the agent's device");
        }
        PJSIPNotifyAction a = new PJSIPNotifyAction();
        a.setEndpoint(agent.device());
        a.setVariable("Event", event);
        return a;
    }

    private static String callerId(String number, String name) {
        boolean hasNumber = number != null && !number.isBlank();
        if (name != null && !name.isBlank()) {
            return hasNumber ? name + " <" + number + ">" : name;
        }
        return hasNumber ? number : null;
    }

    private static String channel(LegRef leg, String what) {
        if (leg == null || leg.channel() == null || leg.channel().isBlank()) {
            throw new IllegalArgumentException(what + " needs the channel name of the agent's leg");
        }
        return leg.channel();
    }

    private static String dial(AgentEndpoint e) {
        if (e == null || e.dial() == null || e.dial().isBlank()) {
            throw new IllegalArgumentException("the endpoint has no dial string");
        }
        return e.dial();
    }

    private static String memberInterface(AgentEndpoint e) {
        if (e == null || e.memberInterface() == null || e.memberInterface().isBlank()) {
            throw new IllegalArgumentException("the agent has no queue member interface");
        }
        return e.memberInterface();
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }
}
