package io.switchboard.pbxconf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped PBX configuration (asterisk-conf/, freeswitch-conf/, dialplans/) agrees with itself
 * and with the service's defaults. Tests run with the project root as working directory.
 */
class PbxConfigConsistencyTest {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final ServiceSettings SERVICE = ServiceSettings.read(ROOT);
    static final PbxConfigSet SHIPPED = new PbxConfigSet(ROOT, SERVICE);

    static Stream<Arguments> checks() {
        return PbxConfigChecks.all(ROOT).entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void shippedConfigurationPasses(String name, Function<PbxConfigSet, List<String>> check) {
        assertThat(check.apply(SHIPPED)).as(name).isEmpty();
    }

    /** One broken copy of the shipped files per row: the named check must report it. */
    static Stream<Arguments> breakages() {
        return Stream.of(
                Arguments.of("dialplans/asterisk/queues.conf", "exten => vip,1,Queue(vip,", "exten => vip,1,Queue(vips,",
                        "asterisk queues exist and are in the queue context", "Queue(vips) is not a queue"),
                Arguments.of("asterisk-conf/queues.conf", "[billing](queue-defaults)", "[billing-team](queue-defaults)",
                        "asterisk queues exist and are in the queue context", "queue billing-team has no extension"),
                Arguments.of("dialplans/asterisk/agents.conf", "exten => agent3,1,Dial(PJSIP/agent3,,t)", "exten => agent7,1,Dial(PJSIP/agent3,,t)",
                        "asterisk queue members reach PJSIP phones", "has no extension agent3 in context agents"),
                Arguments.of("dialplans/asterisk/agents.conf", "Dial(PJSIP/agent2,,t)", "Dial(PJSIP/agent22,,t)",
                        "asterisk jump and dial targets exist", "Dial(PJSIP/agent22) names no endpoint"),
                Arguments.of("dialplans/asterisk/internal.conf", "Goto(queues,billing,1)", "Goto(queue,billing,1)",
                        "asterisk jump and dial targets exist", "jump to unknown context queue"),
                Arguments.of("dialplans/asterisk/inbound.conf", "4573/route", "4574/route",
                        "asterisk routing follows the FastAGI contract", "is not agi://<host>:4573/route"),
                Arguments.of("dialplans/asterisk/inbound.conf", " same => n,Goto(queues,support,1)", " same => n,Hangup()",
                        "asterisk routing follows the FastAGI contract", "does not Goto(queues,support,1)"),
                Arguments.of("dialplans/asterisk/degraded.conf", "[keypad-ivr]", "[keypad]",
                        "service places exist in both dialplans", "Asterisk dialplan has no s@keypad-ivr"),
                Arguments.of("dialplans/freeswitch/degraded.xml", "<context name=\"chat-offer\">", "<context name=\"chat\">",
                        "service places exist in both dialplans", "FreeSWITCH dialplan has no s@chat-offer"),
                Arguments.of("dialplans/asterisk/alerts.conf", "[alert-call]", "[alert]",
                        "service places exist in both dialplans", "Asterisk dialplan has no s@alert-call"),
                Arguments.of("dialplans/freeswitch/alerts.xml", "expression=\"^s$\"", "expression=\"^alert$\"",
                        "service places exist in both dialplans", "FreeSWITCH dialplan has no s@alert-call"),
                Arguments.of("asterisk-conf/manager.conf", "[switchboard]", "[middleware]",
                        "AMI user, classes and event filters fit the service", "no user [switchboard]"),
                Arguments.of("asterisk-conf/manager.conf", "write = originate,call,agent,system,command", "write = originate,call,command",
                        "AMI user, classes and event filters fit the service", "for PJSIPNotifyAction"),
                Arguments.of("asterisk-conf/manager.conf", "|CALL_TYPE|", "|",
                        "AMI user, classes and event filters fit the service", "drops VarSet of CALL_TYPE"),
                Arguments.of("asterisk-conf/manager.conf", "eventfilter(action(include),name(AgentConnect)) =\n", "",
                        "AMI user, classes and event filters fit the service", "drops AgentConnect"),
                Arguments.of("asterisk-conf/manager.conf", "header(Priority),method(exact)) = 1", "header(Priority),method(regex)) = .",
                        "AMI user, classes and event filters fit the service", "Newexten of priority 2 through"),
                Arguments.of("asterisk-conf/pjsip.conf", "context = from-trunk", "context = from-carrier",
                        "asterisk trunk enters an inbound context", "from-carrier is not one of"),
                Arguments.of("freeswitch-conf/vars.xml", "esl_password=__SWITCHBOARD_ESL_PASSWORD__", "esl_password=ClueCon",
                        "freeswitch event socket is protected", "not FreeSWITCH's default"),
                Arguments.of("freeswitch-conf/autoload_configs/event_socket.conf.xml", "value=\"switchboard\"", "value=\"everyone\"",
                        "freeswitch event socket is protected", "is no list of acl.conf.xml"),
                Arguments.of("freeswitch-conf/autoload_configs/callcenter.conf.xml", "user/1003", "user/1009",
                        "freeswitch agents have users, tiers and the service's wrap-up", "user 1009 has no directory"),
                Arguments.of("freeswitch-conf/autoload_configs/callcenter.conf.xml", "<queue name=\"sales\">", "<queue name=\"sale\">",
                        "freeswitch queues exist and are in the queue context", "callcenter sales is not a queue"),
                Arguments.of("dialplans/freeswitch/inbound.xml", "async full", "async full", // control: an unchanged copy passes
                        "freeswitch routing follows the outbound socket contract", null),
                Arguments.of("freeswitch-conf/vars.xml", "switchboard_host=switchboard", "switchboard_host=switchboard:8085",
                        "freeswitch routing follows the outbound socket contract", "async full is not <host>:8084 async full"),
                Arguments.of("dialplans/freeswitch/inbound.xml", "data=\"switchboard_route=support XML queues\"", "data=\"switchboard_route=support XML queue\"",
                        "freeswitch routing follows the outbound socket contract", "no set switchboard_route=support XML queues before socket"),
                Arguments.of("dialplans/freeswitch/internal.xml", "1004 XML agents", "1004 XML agent",
                        "freeswitch transfer and bridge targets exist", "transfer to unknown context agent"),
                Arguments.of("dialplans/freeswitch/outbound.xml", "sofia/gateway/trunk/", "sofia/gateway/carrier/",
                        "freeswitch transfer and bridge targets exist", "bridge to unknown gateway carrier"),
                Arguments.of("dialplans/freeswitch/queues.xml", "</context>\n\n", "</contex>\n\n",
                        "freeswitch files are well-formed and includes resolve", "not well-formed XML"),
                Arguments.of("asterisk-conf/extensions.conf", "#include \"dialplans/*.conf\"", "#include \"dialplan/*.conf\"",
                        "asterisk files parse and includes resolve", "names no file"),
                Arguments.of("asterisk-conf/queues.conf", "[vip](queue-defaults)", "[vip(queue-defaults)",
                        "asterisk files parse and includes resolve", "unbalanced section header"),
                Arguments.of("asterisk-conf/manager.conf", "secret = __SWITCHBOARD_AMI_SECRET__", "secret = mwtest-secret",
                        "secrets are placeholders", "manager.conf [switchboard] secret is 'mwtest-secret'"));
    }

    @ParameterizedTest(name = "{3}: {4}")
    @MethodSource("breakages")
    void brokenCopyIsReported(String file, String from, String to, String check, String expected, @TempDir Path copy)
            throws IOException {
        for (String dir : List.of("asterisk-conf", "freeswitch-conf", "dialplans")) {
            copyTree(ROOT.resolve(dir), copy.resolve(dir));
        }
        Path target = copy.resolve(file);
        String text = Files.readString(target);
        assertThat(text).as("the row's text is in " + file).contains(from);
        Files.writeString(target, text.replace(from, to));

        List<String> problems = PbxConfigChecks.all(ROOT).get(check).apply(new PbxConfigSet(copy, SERVICE));

        if (expected == null) {
            assertThat(problems).as("an unchanged copy").isEmpty();
        } else {
            assertThat(problems).as(check).anySatisfy(p -> assertThat(p).contains(expected));
        }
    }

    @Test
    void asteriskPatternsMatchLikeAsterisk() {
        assertThat(AsteriskDialplan.matches("_X.", "0301234")).isTrue();
        assertThat(AsteriskDialplan.matches("_NXXXXX.", "1234567")).isFalse();
        assertThat(AsteriskDialplan.matches("_[+0-9].", "+4930")).isTrue();
        assertThat(AsteriskDialplan.matches("_[04-9*#]", "2")).isFalse();
        assertThat(AsteriskDialplan.matches("agent1", "agent1")).isTrue();
    }

    @Test
    void confReaderReportsWhatAsteriskWouldReject() {
        AsteriskConf conf = AsteriskConf.parse(Path.of("x.conf"), """
                [ok](!)
                key = value ; comment
                [broken
                no setting here
                #exec /bin/true
                """);
        assertThat(conf.problems()).hasSize(3);
        assertThat(conf.sections()).extracting(AsteriskConf.Section::name).containsExactly("ok");
        assertThat(conf.sections().get(0).value("key")).contains("value");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }
}
