package io.switchboard.dialplans;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;


/** Asterisk dialplans: each row is a text and the problems (line: start of the message) it must produce, no more. */
class AsteriskDialplanValidatorTest {

    /** Another stored dialplan of the set: it defines [queues] and [agents]. */
    private static final String OTHER = """
            [queues]
            exten => support,1,Queue(support)
            [agents]
            exten => agent1,1,Dial(PJSIP/agent1)
            """;
    private static final DialplanValidator.Known KNOWN = new DialplanValidator.Known(Set.of("default"),
            Set.of("support", "sales"), 2000);

    static Stream<Arguments> table() {
        return Stream.of(
                row("a valid dialplan with every kind of reference", """
                        [general]
                        static = yes
                        [globals]
                        X = 1 ; a setting
                        ;-- a block
                        comment --;
                        [inbound]
                        include => default
                        exten => s,1,Answer()
                         same => n,AGI(agi://switchboard:4573/route,${CUSTOMER_ID},${CALL_TYPE})
                         same => n,GotoIf($["${ROUTE}" = ""]?fallback:queues,support,1)
                         same => n,Goto(${ROUTE})
                         same => n(fallback),Goto(queues,support,1)
                         same => n,Gosub(agents,agent1,1(x,y))
                         same => n,Dial(Local/agent1@agents/n,20)
                         same => n,Queue(sales,t,,,60)
                         same => n,Queue(${QUEUE})
                         same => n,Set(X=a\\;b)
                         same => n,Hangup()
                        exten => _9X.,hint,PJSIP/9
                        exten => 100,1,Goto(s,1)
                        exten => 101,1(start),Goto(start)
                        #include more/*.conf
                        """),
                row("a line outside any context", """
                        exten => s,1,Answer()
                        [ok]
                        exten => s,1,Answer()
                        """, "1: a line outside any [context]"),
                row("bad section header and name", """
                        [bad
                        [in bound]
                        """, "1: a section header", "2: context name 'in bound'"),
                row("exten without priority or application", """
                        [c]
                        exten => s
                        exten => s,1
                        """, "2: exten => needs", "3: exten => needs"),
                row("priorities", """
                        [c]
                        exten => s,0,Answer()
                        exten => s,x,Answer()
                        exten => t,n,Answer()
                        exten => u,1,Answer()
                        exten => u,n,Hangup()
                        """, "2: priority '0'", "3: priority 'x'", "4: priority n of extension t has no earlier"),
                row("same without exten", """
                        [c]
                        same => n,Answer()
                        """, "2: same => without an exten"),
                row("not a dialplan statement", """
                        [c]
                        foo = bar
                        exten => s,1,Answer(
                        exten => s,n,1Answer()
                        """, "2: expected exten =>", "3: application 'Answer('", "4: application '1Answer()'"),
                row("unbalanced brackets inside the arguments", """
                        [c]
                        exten => s,1,Set(X=${Y)
                        """, "2: unbalanced"),
                row("unknown contexts and queues", """
                        [c]
                        include => nowhere
                        exten => s,1,Goto(elsewhere,s,1)
                         same => n,GotoIf($[1]?queues,support,1:lost,s,1)
                         same => n,Gosub(subs,s,1(a))
                         same => n,Dial(Local/100@missing/n)
                         same => n,Queue(nobody)
                         same => n,Queue()
                        """, "2: include: context 'nowhere'", "3: Goto(elsewhere,...): context 'elsewhere'",
                        "4: GotoIf(lost,...): context 'lost'", "5: Gosub(subs,...): context 'subs'",
                        "6: Dial Local/...@missing: context 'missing'", "7: Queue(nobody): queue 'nobody'",
                        "8: Queue() needs a queue name"),
                row("a template is not a context", """
                        [tpl](!)
                        exten => s,1,Answer()
                        [c](tpl)
                        exten => t,1,Goto(tpl,s,1)
                        """, "4: Goto(tpl,...): context 'tpl'"),
                row("an unknown directive", """
                        #exec-something
                        [c]
                        exten => s,1,Answer()
                        """, "1: unknown directive"),
                row("NUL", "[c]\nexten => s,1,Answer(\0)\n", "2: contains a NUL"),
                row("CR-only line ends", "[c]\rexten => s,1,Answer()\r", "1: a carriage return without a line feed"),
                row("CRLF line ends are fine", "[c]\r\nexten => s,1,Goto(queues,support,1)\r\n"),
                row("empty", "  \n", "0: the dialplan is empty"),
                row("too large", "[c]\n" + ";".repeat(2100), "0: the dialplan is 2104 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void reportsEveryProblemWithItsLine(String text, List<String> expected) {
        ProblemLines.assertProblems(DialplanValidator.validate(DialplanType.ASTERISK, text, List.of(OTHER), KNOWN),
                expected);
    }

    private static Arguments row(String name, String text, String... expected) {
        return Arguments.of(Named.of(name, text), List.of(expected));
    }
}
