package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AmiSimulatorProtocolTest {

    private AmiSimulator sim;
    private final List<RawAmiClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        sim = new AmiSimulator(SimulatorSettings.defaults()).start();
    }

    @AfterEach
    void stop() throws Exception {
        for (RawAmiClient c : clients) {
            c.close();
        }
        sim.close();
    }

    private RawAmiClient connect() {
        RawAmiClient c = new RawAmiClient(sim.port());
        clients.add(c);
        return c;
    }

    @Test
    void sendsBannerAndAcceptsMd5ChallengeLogin() throws Exception {
        RawAmiClient c = connect();
        assertThat(c.banner()).isEqualTo("Asterisk Call Manager/11.0.0");

        AmiFrame challenge = c.request("Action", "Challenge", "AuthType", "MD5", "ActionID", "c-1");
        assertThat(challenge.get("Response")).isEqualTo("Success");
        assertThat(challenge.get("ActionID")).isEqualTo("c-1");
        assertThat(challenge.get("Challenge")).matches("\\d{9}");

        String key = ActionHandler.md5Hex(challenge.get("Challenge") + "switchboard");
        AmiFrame login = c.request("Action", "Login", "AuthType", "MD5", "Username", "switchboard", "Key", key,
                "ActionID", "l-1");
        assertThat(login.get("Response")).isEqualTo("Success");
        assertThat(login.get("Message")).isEqualTo("Authentication accepted");
        assertThat(login.get("ActionID")).isEqualTo("l-1");

        AmiFrame booted = c.nextEvent("FullyBooted");
        assertThat(booted.get("Privilege")).isEqualTo("system,all");
        assertThat(booted.get("Status")).isEqualTo("Fully Booted");
        assertThat(booted.has("Uptime")).isTrue();
        assertThat(booted.has("LastReload")).isTrue();
        assertThat(sim.connectionCount()).isEqualTo(1);
        assertThat(sim.awaitEventClients(1, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void md5LoginWithWrongKeyFails() throws Exception {
        RawAmiClient c = connect();
        c.request("Action", "Challenge", "AuthType", "MD5");
        AmiFrame login = c.request("Action", "Login", "AuthType", "MD5", "Username", "switchboard", "Key",
                ActionHandler.md5Hex("000000000switchboard"));
        assertThat(login.get("Response")).isEqualTo("Error");
        assertThat(login.get("Message")).isEqualTo("Authentication failed");
    }

    @Test
    void plainLoginAndWrongPassword() throws Exception {
        RawAmiClient good = connect();
        good.login("switchboard", "switchboard");

        RawAmiClient bad = connect();
        AmiFrame r = bad.request("Action", "Login", "Username", "switchboard", "Secret", "nope", "ActionID", "x");
        assertThat(r.get("Response")).isEqualTo("Error");
        assertThat(r.get("Message")).isEqualTo("Authentication failed");
        assertThat(r.get("ActionID")).isEqualTo("x");
        assertThat(bad.awaitClosed()).as("Asterisk ends the session after a failed login").isTrue();
        assertThat(sim.connectionCount()).isEqualTo(1);
    }

    @Test
    void actionsBeforeLoginArePermissionDenied() throws Exception {
        RawAmiClient c = connect();
        AmiFrame r = c.request("Action", "Ping", "ActionID", "p-0");
        assertThat(r.get("Response")).isEqualTo("Error");
        assertThat(r.get("Message")).isEqualTo("Permission denied");
        assertThat(r.get("ActionID")).isEqualTo("p-0");

        AmiFrame bye = c.request("Action", "Logoff");
        assertThat(bye.get("Response")).as("Asterisk lets unauthenticated sessions log off").isEqualTo("Goodbye");
        assertThat(c.awaitClosed()).isTrue();
    }

    @Test
    void pingEchoesActionIdWithAsteriskTimestamp() throws Exception {
        RawAmiClient c = connect();
        c.login("switchboard", "switchboard");
        AmiFrame pong = c.request("Action", "Ping", "ActionID", "ping-42");
        assertThat(pong.get("Response")).isEqualTo("Success");
        assertThat(pong.get("Ping")).isEqualTo("Pong");
        assertThat(pong.get("ActionID")).isEqualTo("ping-42");
        assertThat(pong.get("Timestamp")).matches("\\d{10}\\.\\d{6}");
        assertThat(pong.name(0)).isEqualTo("Response");
        assertThat(pong.name(1)).isEqualTo("ActionID");
    }

    @Test
    void unknownAndMissingActions() throws Exception {
        RawAmiClient c = connect();
        c.login("switchboard", "switchboard");
        AmiFrame unknown = c.request("Action", "MakeCoffee", "ActionID", "u-1");
        assertThat(unknown.get("Response")).isEqualTo("Error");
        assertThat(unknown.get("Message")).isEqualTo("Invalid/unknown command");
        assertThat(unknown.get("ActionID")).isEqualTo("u-1");

        AmiFrame missing = c.request("ActionID", "m-1", "Foo", "bar");
        assertThat(missing.get("Response")).isEqualTo("Error");
        assertThat(missing.get("Message")).isEqualTo("Missing action in request");
        assertThat(missing.get("ActionID")).isEqualTo("m-1");
    }

    @Test
    void logoffSaysGoodbyeAndCloses() throws Exception {
        RawAmiClient c = connect();
        c.login("switchboard", "switchboard");
        AmiFrame bye = c.request("Action", "Logoff", "ActionID", "bye");
        assertThat(bye.get("Response")).isEqualTo("Goodbye");
        assertThat(bye.get("Message")).isEqualTo("Thanks for all the fish.");
        assertThat(bye.get("ActionID")).isEqualTo("bye");
        assertThat(c.awaitClosed()).isTrue();
    }

    @Test
    void coreSettingsAndCommandAnswerLikeAsterisk22() throws Exception {
        RawAmiClient c = connect();
        c.login("switchboard", "switchboard");
        AmiFrame settings = c.request("Action", "CoreSettings", "ActionID", "cs");
        assertThat(settings.get("Response")).isEqualTo("Success");
        assertThat(settings.get("AMIversion")).isEqualTo("11.0.0");
        assertThat(settings.get("AsteriskVersion")).isEqualTo("22.5.2");
        assertThat(settings.get("CoreRunUser")).isEqualTo("asterisk");
        assertThat(settings.get("CoreCDRenabled")).isEqualTo("Yes");
        assertThat(settings.get("ActionID")).isEqualTo("cs");

        AmiFrame version = c.request("Action", "Command", "Command", "core show version", "ActionID", "v");
        assertThat(version.get("Response")).isEqualTo("Success");
        assertThat(version.get("Message")).isEqualTo("Command output follows");
        assertThat(version.get("Output")).startsWith("Asterisk 22.5.2 built by");

        AmiFrame reload = c.request("Action", "Command", "Command", "dialplan reload", "ActionID", "r");
        assertThat(reload.get("Response")).isEqualTo("Success");
        assertThat(reload.get("Message")).isEqualTo("Command output follows");
        assertThat(reload.get("Output")).isEqualTo("Dialplan reloaded.");
        assertThat(reload.get("ActionID")).isEqualTo("r");

        AmiFrame other = c.request("Action", "Command", "Command", "queue show support");
        assertThat(other.get("Message")).isEqualTo("Command output follows");
        assertThat(other.get("Output")).contains("queue show support").contains("accepted");
    }

    @Test
    void eventsOffAndClassFilters() throws Exception {
        RawAmiClient all = connect();
        all.login("switchboard", "switchboard");
        RawAmiClient agentOnly = connect();
        assertThat(agentOnly.request("Action", "Login", "Username", "switchboard", "Secret", "switchboard",
                "Events", "agent").get("Response")).isEqualTo("Success");
        RawAmiClient none = connect();
        assertThat(none.request("Action", "Login", "Username", "switchboard", "Secret", "switchboard",
                "Events", "off").get("Response")).isEqualTo("Success");
        assertThat(sim.awaitEventClients(2, Duration.ofSeconds(5))).isTrue();
        assertThat(sim.eventClientCount()).isEqualTo(2);

        sim.emit(AmiFrame.of("Event", "Newchannel", "Privilege", "call,all", "Channel", "PJSIP/1-00000001"));
        sim.emit(AmiFrame.of("Event", "QueueCallerJoin", "Privilege", "agent,all", "Queue", "support"));

        assertThat(all.events(2)).extracting(AmiFrame::eventName).containsExactly("Newchannel", "QueueCallerJoin");
        assertThat(agentOnly.nextEvent("QueueCallerJoin").get("Queue")).isEqualTo("support");
        assertThat(none.poll(200)).isNull();

        AmiFrame on = none.request("Action", "Events", "EventMask", "on", "ActionID", "e");
        assertThat(on.get("Events")).isEqualTo("On");
        assertThat(on.get("ActionID")).isEqualTo("e");
        sim.emit(AmiFrame.of("Event", "Newchannel", "Privilege", "call,all", "Channel", "PJSIP/2-00000002"));
        assertThat(none.nextEvent("Newchannel").get("Channel")).isEqualTo("PJSIP/2-00000002");
        assertThat(none.request("Action", "Events", "EventMask", "off").get("Events")).isEqualTo("Off");
    }

    @Test
    void originatePlacesAnsweredCallVisibleInCoreShowChannels() throws Exception {
        RawAmiClient c = connect();
        c.login("switchboard", "switchboard");
        AmiFrame queued = c.request("Action", "Originate", "ActionID", "o-1", "Channel", "PJSIP/200",
                "Context", "phones", "Exten", "100", "Priority", "1", "CallerID", "\"Desk 7\" <7007>",
                "Variable", "CALLER_TAG=vip", "Async", "true");
        assertThat(queued.get("Response")).isEqualTo("Success");
        assertThat(queued.get("Message")).isEqualTo("Originate successfully queued");
        assertThat(queued.get("ActionID")).isEqualTo("o-1");

        AmiFrame newchannel = c.nextEvent("Newchannel");
        assertThat(newchannel.get("Channel")).matches("PJSIP/200-[0-9a-f]{8}");
        AmiFrame varSet = c.nextEvent("VarSet");
        assertThat(varSet.get("Variable")).isEqualTo("CALLER_TAG");
        assertThat(varSet.get("Value")).isEqualTo("vip");
        AmiFrame response = c.nextEvent("OriginateResponse");
        assertThat(response.get("ActionID")).isEqualTo("o-1");
        assertThat(response.get("Response")).isEqualTo("Success");
        assertThat(response.get("Reason")).isEqualTo("4");
        assertThat(response.get("Channel")).isEqualTo(newchannel.get("Channel"));
        assertThat(response.get("Uniqueid")).isEqualTo(newchannel.get("Uniqueid"));
        assertThat(response.get("Context")).isEqualTo("phones");
        assertThat(response.get("Exten")).isEqualTo("100");
        assertThat(response.get("CallerIDNum")).isEqualTo("7007");
        assertThat(response.get("CallerIDName")).isEqualTo("Desk 7");
        AmiFrame dial = c.nextEvent("DialBegin"); // the phone's dialplan dials the extension out
        assertThat(dial.get("Channel")).isEqualTo(newchannel.get("Channel"));
        assertThat(dial.get("DestChannel")).matches("PJSIP/trunk-[0-9a-f]{8}");
        assertThat(dial.get("DialString")).isEqualTo("100@trunk");

        AmiFrame list = c.request("Action", "CoreShowChannels", "ActionID", "cs-1");
        assertThat(list.get("EventList")).isEqualTo("start");
        assertThat(list.get("Message")).isEqualTo("Channels will follow");
        AmiFrame channel = c.nextEvent("CoreShowChannel");
        assertThat(channel.get("Channel")).isEqualTo(newchannel.get("Channel"));
        assertThat(channel.get("ChannelStateDesc")).isEqualTo("Up");
        assertThat(channel.get("Linkedid")).isEqualTo(newchannel.get("Uniqueid"));
        assertThat(channel.get("ActionID")).isEqualTo("cs-1");
        assertThat(channel.get("Duration")).matches("\\d\\d:\\d\\d:\\d\\d");
        AmiFrame complete = c.nextEvent("CoreShowChannelsComplete");
        assertThat(complete.get("EventList")).isEqualTo("Complete");
        assertThat(complete.get("ListItems")).isEqualTo("2");
        assertThat(complete.get("ActionID")).isEqualTo("cs-1");

        AmiFrame hangup = c.request("Action", "Hangup", "Channel", newchannel.get("Channel"));
        assertThat(hangup.get("Response")).isEqualTo("Success");
        assertThat(c.request("Action", "Hangup", "Channel", "PJSIP/none-00000000").get("Message"))
                .isEqualTo("No such channel");
    }

    @Test
    void originateToANamedPlaceRunsItWithoutDiallingOut() throws Exception {
        RawAmiClient c = connect();
        c.login("switchboard", "switchboard");
        c.request("Action", "Originate", "ActionID", "a-1", "Channel", "PJSIP/201", "Context", "alert-call",
                "Exten", "s", "Priority", "1", "Variable", "SB_ALERT_PROMPT=custom/switchboard-sla-alert", "Async", "true");
        AmiFrame response = c.nextEvent("OriginateResponse");
        assertThat(response.get("Response")).isEqualTo("Success");
        AmiFrame exten = c.nextEvent("Newexten");
        assertThat(exten.get("Channel")).isEqualTo(response.get("Channel"));
        assertThat(exten.get("Context")).isEqualTo("alert-call");
        assertThat(exten.get("Exten")).isEqualTo("s");
        assertThat(exten.get("Application")).isEqualTo("NoOp");
        AmiFrame list = c.request("Action", "CoreShowChannels", "ActionID", "cs-2");
        assertThat(list.get("EventList")).isEqualTo("start");
        assertThat(c.nextEvent("CoreShowChannelsComplete").get("ListItems")).as("no trunk leg").isEqualTo("1");
    }

    @Test
    void originateIntoInboundPlaysAQueueCall() throws Exception {
        RawAmiClient c = connect();
        c.login("switchboard", "switchboard");
        c.request("Action", "Originate", "ActionID", "q-1", "Channel", "Local/s@inbound", "Application", "Wait",
                "Data", "120", "CallerID", "Caller 0 <555100>", "Variable", "CALLER_TAG=normal-0");
        AmiFrame response = c.nextEvent("OriginateResponse");
        assertThat(response.get("ActionID")).isEqualTo("q-1");
        assertThat(response.get("Channel")).matches("Local/s@inbound-[0-9a-f]{8};1");
        assertThat(response.get("Application")).isEqualTo("Wait");
        assertThat(response.get("Data")).isEqualTo("120");
        AmiFrame join = c.nextEvent("QueueCallerJoin");
        assertThat(join.get("Linkedid")).isEqualTo(response.get("Uniqueid"));
        assertThat(join.get("CallerIDNum")).isEqualTo("555100");
        assertThat(join.get("CallerIDName")).isEqualTo("Caller 0");
    }

    @Test
    void logsEveryReceivedAction() throws Exception {
        RawAmiClient c = connect();
        c.login("switchboard", "switchboard");
        c.request("Action", "Redirect", "Channel", "Local/s@inbound-00000001;2", "Context", "transfer-target",
                "Exten", "2000", "Priority", "1", "ActionID", "r-1");
        assertThat(sim.receivedActions()).extracting(a -> a.get("Action")).containsExactly("Login", "Redirect");
        assertThat(sim.receivedActions("redirect")).singleElement()
                .satisfies(a -> assertThat(a.get("Exten")).isEqualTo("2000"));
        sim.clearReceivedActions();
        assertThat(sim.receivedActions()).isEmpty();
    }
}
