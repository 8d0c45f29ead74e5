package io.switchboard.simulator.esl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EslSimulatorProtocolTest {

    private EslSimulator sim;
    private final List<RawEslClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        sim = new EslSimulator(EslSimulatorSettings.defaults()).start();
    }

    @AfterEach
    void stop() throws Exception {
        for (RawEslClient c : clients) {
            c.close();
        }
        sim.close();
    }

    private RawEslClient connect() {
        RawEslClient c = new RawEslClient(sim.port());
        clients.add(c);
        return c;
    }

    private RawEslClient authenticated() throws InterruptedException {
        RawEslClient c = RawEslClient.authenticated(sim.port(), "ClueCon");
        clients.add(c);
        return c;
    }

    private static SimEvent channelEvent(String name, String uuid) {
        return SimEvent.of("Event-Name", name, "Core-UUID", "1c317aa6-0caa-402c-b40c-f8fc328695d1",
                "Event-Date-Timestamp", "1795464082745024", "Unique-ID", uuid, "Channel-Name", "loopback/support-a",
                "Caller-Caller-ID-Name", "Caller c01 <5550101>");
    }

    @Test
    void greetsWithAuthRequestAndAcceptsThePassword() throws Exception {
        RawEslClient c = connect();
        EslFrame greeting = c.nextReply();
        assertThat(greeting.lines()).containsExactly("Content-Type: auth/request");

        c.send("auth ClueCon");
        c.nextReply();
        assertThat(new String(c.receivedBytes(), StandardCharsets.UTF_8)).isEqualTo(
                "Content-Type: auth/request\n\nContent-Type: command/reply\nReply-Text: +OK accepted\n\n");
        assertThat(sim.connectionCount()).isEqualTo(1);
        assertThat(sim.eventClientCount()).isZero(); // authenticated, but not subscribed yet
    }

    @Test
    void wrongPasswordIsRefusedAndDisconnected() throws Exception {
        RawEslClient c = connect();
        c.nextReply();
        EslFrame reply = c.command("auth nope");
        assertThat(reply.contentType()).isEqualTo("command/reply");
        assertThat(reply.header("Reply-Text")).isEqualTo("-ERR invalid");
        EslFrame notice = c.nextReply();
        assertThat(notice.contentType()).isEqualTo("text/disconnect-notice");
        assertThat(notice.bodyText()).startsWith("Disconnected, goodbye.");
        assertThat(c.awaitClosed()).isTrue();
        assertThat(sim.connectionCount()).isZero();
    }

    @Test
    void commandsBeforeAuthAreRefusedButTheConnectionStays() throws Exception {
        RawEslClient c = connect();
        c.nextReply();
        assertThat(c.command("api status").header("Reply-Text")).isEqualTo("-ERR invalid");
        assertThat(c.command("event plain ALL").header("Reply-Text")).isEqualTo("-ERR invalid");
        assertThat(c.command("auth ClueCon").header("Reply-Text")).isEqualTo("+OK accepted");
        assertThat(c.isClosed()).isFalse();
    }

    @Test
    void plainSubscriptionReceivesEveryEventEncodedLikeFreeSwitch() throws Exception {
        RawEslClient c = authenticated();
        assertThat(c.command("event plain ALL").header("Reply-Text")).isEqualTo("+OK event listener enabled plain");
        assertThat(sim.awaitEventClients(1, Duration.ofSeconds(5))).isTrue();

        SimEvent sent = channelEvent("CHANNEL_CREATE", "c86602ed-9048-4be2-b01d-eb240f02391f");
        sim.emit(sent);
        EslFrame frame = c.nextEventFrame();
        assertThat(frame.lines()).containsExactly("Content-Length: " + frame.body().length,
                "Content-Type: text/event-plain");
        assertThat(frame.bodyText()).isEqualTo("""
                Event-Name: CHANNEL_CREATE
                Core-UUID: 1c317aa6-0caa-402c-b40c-f8fc328695d1
                Event-Date-Timestamp: 1795464082745024
                Unique-ID: c86602ed-9048-4be2-b01d-eb240f02391f
                Channel-Name: loopback/support-a
                Caller-Caller-ID-Name: Caller%20c01%20%3C5550101%3E

                """);
        assertThat(EslTrace.decode(frame)).isEqualTo(sent);
    }

    @Test
    void jsonSubscriptionToNamedEventsFiltersByName() throws Exception {
        RawEslClient c = authenticated();
        assertThat(c.command("event json CHANNEL_CREATE").header("Reply-Text"))
                .isEqualTo("+OK event listener enabled json");
        sim.emit(channelEvent("CHANNEL_STATE", "c86602ed-9048-4be2-b01d-eb240f02391f"));
        sim.emit(channelEvent("CHANNEL_CREATE", "64077386-caaf-436d-bd74-9071705305c6"));

        EslFrame frame = c.nextEventFrame();
        assertThat(frame.contentType()).isEqualTo("text/event-json");
        assertThat(frame.bodyText()).startsWith("{\"Event-Name\":\"CHANNEL_CREATE\",")
                .contains("\"Caller-Caller-ID-Name\":\"Caller c01 <5550101>\"");
        assertThat(EslTrace.decode(frame).uniqueId()).isEqualTo("64077386-caaf-436d-bd74-9071705305c6");
        assertThat(sim.awaitDrained(Duration.ofSeconds(5))).isTrue();
        assertThat(c.pollEventFrame(50)).isNull();
    }

    @Test
    void customEventsPassOnlyForSubscribedSubclasses() throws Exception {
        RawEslClient c = authenticated();
        c.command("event plain CHANNEL_ANSWER CUSTOM callcenter::info");
        sim.emit(SimEvent.of("Event-Subclass", "sofia::register", "Event-Name", "CUSTOM"));
        sim.emit(SimEvent.of("Event-Subclass", "callcenter::info", "Event-Name", "CUSTOM", "CC-Action",
                "member-queue-start"));
        SimEvent got = c.nextEvent();
        assertThat(got.subclass()).isEqualTo("callcenter::info");
        assertThat(got.header("CC-Action")).isEqualTo("member-queue-start");
        assertThat(EslWire.plainEvent(got)).startsWith("Event-Subclass: callcenter%3A%3Ainfo\n");

        assertThat(c.command("nixevent CHANNEL_ANSWER").header("Reply-Text")).isEqualTo("+OK events nixed");
        sim.emit(channelEvent("CHANNEL_ANSWER", "c86602ed-9048-4be2-b01d-eb240f02391f"));
        sim.emit(SimEvent.of("Event-Subclass", "callcenter::info", "Event-Name", "CUSTOM", "CC-Action", "agent-offering"));
        assertThat(c.nextEvent().header("CC-Action")).isEqualTo("agent-offering");
    }

    @Test
    void apiAnswersWithExactContentLength() throws Exception {
        RawEslClient c = authenticated();
        EslFrame status = c.command("api status");
        assertThat(status.lines()).containsExactly("Content-Type: api/response",
                "Content-Length: " + status.body().length);
        assertThat(status.bodyText()).startsWith("UP 0 years, 0 days")
                .contains("FreeSWITCH (Version 1.10.12-release").contains("session(s) since startup");
        assertThat(Integer.parseInt(status.header("Content-Length")))
                .isEqualTo(status.bodyText().getBytes(StandardCharsets.UTF_8).length);

        EslFrame unknown = c.command("api frobnicate now");
        assertThat(unknown.bodyText()).isEqualTo("-ERR frobnicate Command not found!\n");
        assertThat(unknown.header("Content-Length")).isEqualTo("35");
    }

    @Test
    void apiCommandsTrackChannels() throws Exception {
        RawEslClient c = authenticated();
        assertThat(c.command("api show channels").bodyText()).isEqualTo("\n0 total.\n");
        assertThat(c.command("api reloadxml").bodyText()).isEqualTo("+OK [Success]\n");
        assertThat(c.command("api uuid_kill 11111111-2222-3333-4444-555555555555").bodyText())
                .isEqualTo("-ERR No Such Channel!\n");

        // a loopback originate is a pair of channels, as in the captures
        String originated = c.command("api originate {origination_uuid=c86602ed-9048-4be2-b01d-eb240f02391f,"
                + "origination_caller_id_number=5550101}loopback/support/cc_test &park()").bodyText();
        assertThat(originated).isEqualTo("+OK c86602ed-9048-4be2-b01d-eb240f02391f\n");
        assertThat(c.command("api originate loopback/support/cc_test &park()").bodyText())
                .matches("\\+OK [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\n");
        sim.emit(channelEvent("CHANNEL_CREATE", "64077386-caaf-436d-bd74-9071705305c6"));

        assertThat(c.command("api show channels count").bodyText()).isEqualTo("\n5 total.\n");
        String table = c.command("api show channels").bodyText();
        assertThat(table).startsWith("uuid,direction,created,created_epoch,name,state,").endsWith("\n\n5 total.\n")
                .contains("64077386-caaf-436d-bd74-9071705305c6,").contains("c86602ed-9048-4be2-b01d-eb240f02391f,");
        assertThat(c.command("api uuid_kill c86602ed-9048-4be2-b01d-eb240f02391f").bodyText()).isEqualTo("+OK\n");
        sim.emit(channelEvent("CHANNEL_DESTROY", "64077386-caaf-436d-bd74-9071705305c6"));
        assertThat(c.command("api show channels count").bodyText()).isEqualTo("\n2 total.\n");
        assertThat(sim.activeChannelCount()).isEqualTo(2);
    }

    @Test
    void callcenterConfigPrintsTheAgentTable() throws Exception {
        RawEslClient c = authenticated();
        assertThat(c.command("api callcenter_config agent set status 1004 'On Break'").bodyText()).isEqualTo("+OK\n");
        String list = c.command("api callcenter_config agent list").bodyText();
        List<String> lines = list.lines().toList();
        assertThat(lines.get(0)).startsWith("name|instance_id|uuid|type|contact|status|state|");
        assertThat(lines).hasSize(6).last().isEqualTo("+OK");
        assertThat(lines.get(4).split("\\|", -1)).hasSize(21).startsWith("1004", "single_box", "", "callback");
        assertThat(lines.get(4).split("\\|")[5]).isEqualTo("On Break");

        sim.onApi("callcenter_config", args -> "custom " + args + "\n");
        assertThat(c.command("api callcenter_config queue list").bodyText()).isEqualTo("custom queue list\n");
    }

    @Test
    void bgapiRepliesWithJobUuidThenSendsTheResultAsBackgroundJob() throws Exception {
        RawEslClient c = authenticated();
        c.command("event plain BACKGROUND_JOB");
        EslFrame reply = c.command("bgapi originate {origination_uuid=c86602ed-9048-4be2-b01d-eb240f02391f}"
                + "loopback/support/cc_test &park()");
        assertThat(reply.contentType()).isEqualTo("command/reply");
        String jobUuid = reply.header("Job-UUID");
        assertThat(jobUuid).matches("[0-9a-f-]{36}");
        assertThat(reply.header("Reply-Text")).isEqualTo("+OK Job-UUID: " + jobUuid);

        SimEvent job = c.nextEvent();
        assertThat(job.eventName()).isEqualTo("BACKGROUND_JOB");
        assertThat(job.header("Job-UUID")).isEqualTo(jobUuid);
        assertThat(job.header("Job-Command")).isEqualTo("originate");
        assertThat(job.header("Job-Command-Arg"))
                .isEqualTo("{origination_uuid=c86602ed-9048-4be2-b01d-eb240f02391f}loopback/support/cc_test &park()");
        assertThat(job.body()).isEqualTo("+OK c86602ed-9048-4be2-b01d-eb240f02391f\n");
        assertThat(job.header("Core-UUID")).isEqualTo(sim.coreUuid());

        // a client may choose the job uuid in a header of the command
        c.send("bgapi status\nJob-UUID: 7f4db78a-17d7-4a5f-8b2e-6f0d2a9c1e01");
        assertThat(c.nextReply().header("Job-UUID")).isEqualTo("7f4db78a-17d7-4a5f-8b2e-6f0d2a9c1e01");
        SimEvent second = c.nextEvent();
        assertThat(second.header("Job-UUID")).isEqualTo("7f4db78a-17d7-4a5f-8b2e-6f0d2a9c1e01");
        assertThat(second.body()).startsWith("UP ");
    }

    @Test
    void apiCommandsRaiseApiEvents() throws Exception {
        RawEslClient c = authenticated();
        c.command("event json API");
        c.command("api show channels count");
        SimEvent api = c.nextEvent();
        assertThat(api.header("API-Command")).isEqualTo("show");
        assertThat(api.header("API-Command-Argument")).isEqualTo("channels count");
    }

    @Test
    void filterLetsOnlyMatchingEventsThrough() throws Exception {
        RawEslClient c = authenticated();
        c.command("event plain ALL");
        assertThat(c.command("filter Unique-ID 64077386-caaf-436d-bd74-9071705305c6").header("Reply-Text"))
                .isEqualTo("+OK filter added. [Unique-ID]=[64077386-caaf-436d-bd74-9071705305c6]");
        sim.emit(channelEvent("CHANNEL_CREATE", "c86602ed-9048-4be2-b01d-eb240f02391f"));
        sim.emit(channelEvent("CHANNEL_ANSWER", "64077386-caaf-436d-bd74-9071705305c6"));
        assertThat(c.nextEvent().eventName()).isEqualTo("CHANNEL_ANSWER");

        assertThat(c.command("filter delete Unique-ID").header("Reply-Text"))
                .isEqualTo("+OK filter deleted. [Unique-ID]=[]");
        sim.emit(channelEvent("CHANNEL_HANGUP", "c86602ed-9048-4be2-b01d-eb240f02391f"));
        assertThat(c.nextEvent().eventName()).isEqualTo("CHANNEL_HANGUP");
    }

    @Test
    void noeventsStopsTheStream() throws Exception {
        RawEslClient c = authenticated();
        c.command("event plain ALL");
        assertThat(sim.eventClientCount()).isEqualTo(1);
        assertThat(c.command("noevents").header("Reply-Text")).isEqualTo("+OK no longer listening for events");
        assertThat(sim.eventClientCount()).isZero();
        sim.emit(channelEvent("CHANNEL_CREATE", "c86602ed-9048-4be2-b01d-eb240f02391f"));
        assertThat(sim.awaitDrained(Duration.ofSeconds(5))).isTrue();
        assertThat(c.pollEventFrame(50)).isNull();
    }

    @Test
    void exitSaysByeAndDisconnects() throws Exception {
        RawEslClient c = authenticated();
        assertThat(c.command("linger").header("Reply-Text")).isEqualTo("+OK will linger");
        assertThat(c.command("exit").header("Reply-Text")).isEqualTo("+OK bye");
        EslFrame notice = c.nextReply();
        assertThat(notice.lines()).containsExactly("Content-Type: text/disconnect-notice", "Content-Length: 67");
        assertThat(notice.bodyText())
                .isEqualTo("Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n");
        assertThat(c.awaitClosed()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.eventClientCount() == 0);
    }

    @Test
    void unknownCommandsAreReported() throws Exception {
        RawEslClient c = authenticated();
        assertThat(c.command("frobnicate").header("Reply-Text")).isEqualTo("-ERR command not found");
        assertThat(c.command("event").header("Reply-Text")).isEqualTo("-ERR no keywords supplied");
    }

    @Test
    void logsEveryReceivedCommand() throws Exception {
        RawEslClient c = authenticated();
        c.command("event plain CHANNEL_CREATE CHANNEL_ANSWER");
        c.command("api show channels count");
        c.send("bgapi status\nJob-UUID: 7f4db78a-17d7-4a5f-8b2e-6f0d2a9c1e01");
        c.nextReply();
        assertThat(sim.receivedCommands()).containsExactly("auth ClueCon",
                "event plain CHANNEL_CREATE CHANNEL_ANSWER", "api show channels count",
                "bgapi status\nJob-UUID: 7f4db78a-17d7-4a5f-8b2e-6f0d2a9c1e01");
        sim.clearReceivedCommands();
        c.command("api status");
        assertThat(sim.receivedCommands()).containsExactly("api status");
    }

    @Test
    void crlfCommandsAreUnderstood() throws Exception {
        RawEslClient c = connect();
        c.nextReply();
        c.sendRaw("auth ClueCon\r\n\r\n");
        assertThat(c.nextReply().header("Reply-Text")).isEqualTo("+OK accepted");
    }
}
