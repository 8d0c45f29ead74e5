package io.switchboard.dialplans;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code switchboard.dialplans.*}: where dialplans come from, what they may name, where they are deployed. */
@ConfigMapping(prefix = "switchboard.dialplans")
public interface DialplansConfig {

    /**
     * Directory with {@code asterisk/*.conf} and {@code freeswitch/*.xml}, imported as version 1
     * when no dialplan is stored yet (a missing directory imports nothing).
     */
    @WithDefault("dialplans")
    String source();

    /** Queues a dialplan may send callers to, besides the queues agents are in. */
    @WithDefault("support,vip,sales,billing")
    List<String> knownQueues();

    /** Asterisk contexts defined outside the managed dialplans (extensions.conf itself, modules). */
    @WithDefault("default,parkedcalls")
    List<String> asteriskContexts();

    /** FreeSWITCH contexts defined outside the managed dialplans (the stock dialplan). */
    @WithDefault("default,public,features")
    List<String> freeswitchContexts();

    /** Largest dialplan accepted, in bytes of UTF-8. */
    @WithDefault("524288")
    int maxBytes();

    /** Per PBX node: where its dialplan files are written ({@code switchboard.dialplans.nodes.<node>.directory}). */
    Map<String, Node> nodes();

    interface Node {
        /** The directory the node reads its dialplan files from (shared volume or mount). */
        Optional<String> directory();
    }
}
