package io.switchboard.pbx.asterisk.agi;

import io.switchboard.pbx.Fuzz;
import io.switchboard.routing.RouteRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of FastAGI request reading: the {@code agi_*} environment Asterisk sends (parsed by
 * asterisk-java, as on a live connection) broken in every way, and channel variables that come
 * back odd, become a route request or the documented {@link AgiException}, nothing else.
 */
class AgiRequestFuzzTest {

    private static final List<String> ENV = lines("/agi/asterisk22-route-request.txt");
    private static final AgiRequestBuilder BUILDER = new AgiRequestBuilder(new AgiNodes(Map.of("ast1", "127.0.0.1")),
            List.of("DNIS", "QUEUE"), List.of("CUSTOMER_ID", "IVR_INTENT"), "SB_NODE");
    private static final Constructor<?> REQUEST = requestConstructor();

    /** asterisk-java's own request parser; package-private there, so reached as its server does. */
    private static Constructor<?> requestConstructor() {
        try {
            Constructor<?> c = Class.forName("org.asteriskjava.fastagi.internal.AgiRequestImpl")
                    .getDeclaredConstructor(List.class);
            c.setAccessible(true);
            return c;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static AgiRequest request(List<String> env) {
        try {
            return (AgiRequest) REQUEST.newInstance(env);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A channel whose GET VARIABLE answers from {@code vars}, or fails as a hung-up channel does. */
    static AgiChannel channel(Map<String, String> vars, boolean hungUp) {
        return (AgiChannel) Proxy.newProxyInstance(AgiChannel.class.getClassLoader(), new Class<?>[]{AgiChannel.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getVariable")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (hungUp) {
                        throw new AgiHangupException();
                    }
                    return vars.get((String) args[0]);
                });
    }

    static void build(List<String> env, Map<String, String> vars, boolean hungUp) {
        AgiRequest r = request(env);
        try {
            RouteRequest req = BUILDER.build(r, channel(vars, hungUp), Instant.EPOCH);
            assertThat(req.node()).isEqualTo("ast1");
            assertThat(req.args()).doesNotContainNull().hasSizeLessThanOrEqualTo(AgiRequestBuilder.MAX_ARGS);
        } catch (AgiException documented) {
            assertThat(hungUp).isTrue();
        }
    }

    @Provide
    Arbitrary<List<String>> brokenEnvironments() {
        Arbitrary<String> argLine = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.integers().between(-2, 200).map(String::valueOf),
                        Arbitraries.of("2000000000", "99999999999", "x", "", "1 ", "01", "2147483647")),
                Arbitraries.strings().ofMaxLength(10)).as((n, v) -> "agi_arg_" + n + ": " + v);
        Arbitrary<String> anyLine = Arbitraries.oneOf(argLine, Arbitraries.strings().ofMaxLength(30),
                Arbitraries.of("agi_uniqueid:", "agi_callerid: unknown", "agi_dnid: ", ": x", "agi_", "agi_request: %zz",
                        "agi_network_script: route?a=1&b", "agi_priority: x"));
        return Combinators.combine(Fuzz.fieldEdits(6), anyLine.list().ofMaxSize(6), Arbitraries.integers().between(0, 10_000))
                .as((edits, extra, at) -> {
                    List<String> env = new ArrayList<>(ENV);
                    for (Fuzz.FieldEdit e : edits) {
                        if (env.isEmpty()) {
                            break;
                        }
                        int i = e.field() % env.size();
                        String line = env.get(i);
                        int colon = line.indexOf(": ");
                        String name = colon < 0 ? line : line.substring(0, colon);
                        String value = colon < 0 ? "" : line.substring(colon + 2);
                        switch (e.op()) {
                            case DROP -> env.remove(i);
                            case DUPLICATE -> env.add(e.donor() % (env.size() + 1), line);
                            default -> env.set(i, name + ": " + Fuzz.value(e, value,
                                    ENV.get(e.donor() % ENV.size()).replaceFirst("^[^:]*: ?", "")));
                        }
                    }
                    for (String line : extra) {
                        env.add(at % (env.size() + 1), line);
                    }
                    return env;
                });
    }

    @Provide
    Arbitrary<Map<String, String>> channelVariables() {
        return Arbitraries.maps(Arbitraries.of("CUSTOMER_ID", "IVR_INTENT", "SB_NODE", "CHANNEL(linkedid)"),
                Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12), Arbitraries.of("", " ", "ast1", "ast2")))
                .ofMaxSize(4);
    }

    @Property(seed = Fuzz.SEED)
    void brokenEnvironmentsGiveARequestOrTheDocumentedException(@ForAll("brokenEnvironments") List<String> env,
                                                               @ForAll("channelVariables") Map<String, String> vars,
                                                               @ForAll boolean hungUp) {
        build(env, vars, hungUp);
    }

    /**
     * Found by the property above: argument numbers Asterisk never sends broke the request (a huge
     * number exhausted the heap, a gap or text escaped as an unchecked exception).
     */
    @Example
    void oddArgumentNumbersAreIgnored() {
        for (String odd : List.of("agi_arg_4: after a gap", "agi_arg_x: text", "agi_arg_2000000000: huge")) {
            List<String> env = new ArrayList<>(ENV);
            env.add(odd);
            AgiRequest r = request(env);
            assertThat(AgiRequestBuilder.arguments(r)).containsExactly("1000", "support");
        }
    }

    private static List<String> lines(String name) {
        try (InputStream in = AgiRequestFuzzTest.class.getResourceAsStream(name)) {
            List<String> out = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank()) {
                    out.add(l);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
