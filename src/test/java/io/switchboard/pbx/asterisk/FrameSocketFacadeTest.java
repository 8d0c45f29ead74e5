package io.switchboard.pbx.asterisk;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.pbx.asterisk.ami.AmiFrameReader;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket under asterisk-java: plain events go to the translator, and everything bound to one of
 * our actions — responses and list events such as QueueStatus's QueueMember — goes to asterisk-java.
 */
class FrameSocketFacadeTest {

    @Test
    void actionBoundEventsReachAsteriskJavaAndPlainEventsTheTranslator() throws Exception {
        String stream = "Asterisk Call Manager/11.0.0\r\n"
                + "Event: QueueMemberStatus\r\nPrivilege: agent,all\r\nQueue: support\r\nInterface: PJSIP/1001\r\n"
                + "Status: 1\r\n\r\n"
                + "Response: Success\r\nActionID: 42_7\r\nEventList: start\r\nMessage: Queue status will follow\r\n\r\n"
                + "Event: QueueMember\r\nQueue: support\r\nName: Agent One\r\nLocation: PJSIP/1001\r\nStatus: 1\r\n"
                + "Paused: 0\r\nActionID: 42_7\r\n\r\n"
                + "Event: Hangup\r\nPrivilege: call,all\r\nUniqueid: 1.1\r\nLinkedid: 1.1\r\nCause: 16\r\n\r\n"
                + "Event: QueueStatusComplete\r\nActionID: 42_7\r\nEventList: Complete\r\nListItems: 1\r\n\r\n";
        List<AmiFrame> plain = new CopyOnWriteArrayList<>();
        List<String> lines = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> {
                try (Socket pbx = server.accept(); OutputStream out = pbx.getOutputStream()) {
                    out.write(stream.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (Exception ignored) {
                    // the test fails on what the facade read
                }
            });
            FrameSocketFacade facade = new FrameSocketFacade(new InetSocketAddress("127.0.0.1", server.getLocalPort()),
                    2_000, plain::add, f -> false, new AmiFrameReader.Sink() {
                        @Override
                        public void frame(AmiFrame frame) {
                        }
                    }, () -> { });
            String line;
            while ((line = facade.readLine()) != null) {
                lines.add(line);
            }
            facade.close();
        }

        assertThat(plain).extracting(AmiFrame::eventName).containsExactly("QueueMemberStatus", "Hangup");
        assertThat(lines).containsExactly("Asterisk Call Manager/11.0.0",
                "Response: Success", "ActionID: 42_7", "EventList: start", "Message: Queue status will follow", "",
                "Event: QueueMember", "Queue: support", "Name: Agent One", "Location: PJSIP/1001", "Status: 1",
                "Paused: 0", "ActionID: 42_7", "",
                "Event: QueueStatusComplete", "ActionID: 42_7", "EventList: Complete", "ListItems: 1", "");
    }
}
