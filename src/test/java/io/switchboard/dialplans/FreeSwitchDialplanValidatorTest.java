package io.switchboard.dialplans;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;


/** FreeSWITCH dialplans: each row is a text and the problems (line: start of the message) it must produce, no more. */
class FreeSwitchDialplanValidatorTest {

    private static final String OTHER = """
            <include><context name="queues"><extension name="q"><condition field="destination_number" expression="^x$">
            <action application="callcenter" data="support@default"/></condition></extension></context></include>
            """;
    private static final DialplanValidator.Known KNOWN = new DialplanValidator.Known(Set.of("default"),
            Set.of("support", "sales"), 4000);

    static Stream<Arguments> table() {
        return Stream.of(
                row("a valid dialplan", """
                        <?xml version="1.0" encoding="utf-8"?>
                        <!-- the switchboard inbound context -->
                        <include>
                          <X-PRE-PROCESS cmd="set" data="x=y"/>
                          <context name="inbound">
                            <extension name="route" continue="true">
                              <condition field="destination_number" expression="^(\\d+)$">
                                <action application="socket" data="switchboard:8084 async full"/>
                                <action application="transfer" data="support XML queues"/>
                                <action application="transfer" data="-bleg s XML default"/>
                                <action application="transfer" data="${switchboard_route}"/>
                                <action application="bridge" data="loopback/agent1/queues"/>
                                <action application="callcenter" data="sales@default"/>
                                <anti-action application="hangup"/>
                                <condition wday="1-5"><action application="log" data="INFO weekday"/></condition>
                              </condition>
                            </extension>
                          </context>
                        </include>
                        """),
                row("not well-formed", """
                        <include>
                          <context name="c">
                        </include>
                        """, "3: not well-formed XML"),
                row("a DOCTYPE with an external entity is refused before it is read", """
                        <?xml version="1.0"?>
                        <!DOCTYPE include [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                        <include><context name="c">&xxe;</context></include>
                        """, "2: not well-formed XML"),
                row("structure", """
                        <include>
                          <extension name="loose"/>
                          <context>
                            <condition/>
                            <extension name="e">
                              <action application="answer"/>
                              <condition field="destination_number">
                                <action data="x"/>
                                <dance/>
                              </condition>
                            </extension>
                          </context>
                        </include>
                        """, "2: <extension> outside a <context name>", "3: <context> needs a name",
                        "4: <condition> outside an <extension>", "6: <action> outside a <condition>",
                        "7: <condition field> without an expression", "8: <action> needs an application",
                        "9: unknown element <dance>"),
                row("unknown contexts and queues", """
                        <include><context name="c"><extension name="e"><condition>
                          <action application="transfer" data="1000 XML nowhere"/>
                          <action application="execute_extension" data="x XML lost"/>
                          <action application="bridge" data="loopback/1/missing"/>
                          <action application="callcenter" data="nobody@default"/>
                          <action application="callcenter" data=""/>
                          <action application="transfer" data=""/>
                        </condition></extension></context></include>
                        """, "2: transfer ... XML nowhere: context 'nowhere'", "3: execute_extension ... XML lost",
                        "4: bridge loopback/.../missing", "5: callcenter nobody: queue 'nobody'",
                        "6: callcenter needs a queue name", "7: transfer needs an extension"),
                row("the wrong root", "<document><section/></document>\n",
                        "1: unknown element <document>", "1: unknown element <section>"),
                row("NUL", "<include>\n<context name=\"c\">\0</context></include>", "2: contains a NUL"),
                row("CR-only", "<include>\r<context name=\"c\"/></include>", "1: a carriage return"),
                row("too large", "<include>" + " ".repeat(4000) + "</include>", "0: the dialplan is 4019 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void reportsEveryProblemWithItsLine(String text, List<String> expected) {
        ProblemLines.assertProblems(DialplanValidator.validate(DialplanType.FREESWITCH, text, List.of(OTHER), KNOWN),
                expected);
    }

    private static Arguments row(String name, String text, String... expected) {
        return Arguments.of(Named.of(name, text), List.of(expected));
    }
}
