package io.switchboard.simulator.esl;

import java.util.Locale;

/**
 * What {@code originate} makes: {@code loopback/<exten>/<context>} is a loopback pair whose b-leg
 * runs the extension (both answer when it does), {@code user/<name>} a SIP channel that rings and
 * answers, {@code error/<cause>} fails with that cause, any other url one channel of that name.
 * The answered a-leg then runs the target: {@code &park()} parks, {@code &<app>(<arg>)} executes
 * (eavesdrop and three_way end at once when their channel is gone), an extension is entered the
 * way FreeSWITCH does it, by a transfer of the a-leg ({@code bl_xfer} in its history).
 */
final class EslOriginate {

    private static final long STEP = EslCallScript.STEP;

    private final EslLiveLegs legs;

    EslOriginate(EslLiveLegs legs) {
        this.legs = legs;
    }

    /** The api/response body: {@code +OK <uuid>} once answered, or {@code -ERR <cause>}. */
    String originate(EslOriginateArgs o, String uuid) {
        if (o.dial().startsWith("error/")) {
            return "-ERR " + o.dial().substring("error/".length()).toUpperCase(Locale.ROOT) + "\n";
        }
        EslCallScript s = legs.now();
        String cidName = o.vars().getOrDefault("origination_caller_id_name", "Outbound Call");
        String cidNumber = o.vars().getOrDefault("origination_caller_id_number", "0000000000");
        EslLeg a;
        EslLeg b = null;
        if (o.dial().startsWith("loopback/")) {
            String[] p = o.dial().substring("loopback/".length()).split("/");
            String ext = p[0];
            String context = p.length > 1 ? p[1] : "default";
            a = s.leg(uuid, "loopback/" + ext + "-a", true, cidName, cidNumber, ext, context);
            b = s.leg("loopback/" + ext + "-b", false, cidName, cidNumber, ext, context);
            EslCallScript.loopbackPair(a, b);
        } else {
            String name = o.dial().startsWith("user/")
                    ? "sofia/internal/" + o.dial().substring("user/".length()) + "@" + EslEventFactory.HOSTNAME : o.dial();
            a = s.leg(uuid, name, true, cidName, cidNumber, o.app() == null ? o.target() : "", o.context());
        }
        o.vars().forEach(a::set);
        a.set("originate_endpoint", o.dial().substring(0, Math.max(0, o.dial().indexOf('/'))));
        s.create(a);
        if (b != null) {
            b.set("other_loopback_from_uuid", a.uuid);
            s.create(b);
        } else {
            s.progress(a, false);
        }
        s.after(STEP);
        if (b != null) {
            s.answer(b);
        }
        s.answer(a);
        legs.sync();
        run(s, a, o);
        return "+OK " + uuid + "\n";
    }

    private void run(EslCallScript s, EslLeg a, EslOriginateArgs o) {
        if (o.app() == null) {
            long now = s.now();
            a.transfer(now, now / 1_000_000 + ":" + a.uuid + ":bl_xfer:" + o.target() + "/" + o.context() + "/"
                    + o.dialplan());
            a.rdnis = a.destination;
            a.destination = o.target();
            a.context = o.context();
            a.dialplan = o.dialplan();
            a.hitDialplan = true;
            a.state("CS_EXECUTE", 4, "ACTIVE");
            return;
        }
        switch (o.app()) {
            case "park" -> {
                a.set("current_application", "park");
                s.channel("CHANNEL_PARK", a);
                legs.sync();
            }
            case "eavesdrop", "three_way" -> {
                s.execute(a, o.app(), o.target());
                legs.sync();
                if (legs.live(o.target()) == null) {
                    legs.hangup(a.uuid, "NORMAL_CLEARING"); // nothing to listen to: the application returns
                }
            }
            default -> {
                s.execute(a, o.app(), o.target());
                legs.sync();
            }
        }
    }
}
