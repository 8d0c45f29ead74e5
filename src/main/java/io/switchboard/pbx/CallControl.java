package io.switchboard.pbx;

import io.switchboard.calls.LiveChannel;
import io.switchboard.events.CallEvent.AgentStateChanged;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Commands to one PBX node. Never blocks the caller: the future completes with the PBX's reply
 * (correlated by ActionID / Job-UUID), or fails with {@link java.util.concurrent.TimeoutException}
 * when the deadline passes, {@link NodeUnavailableException} when the node is not connected, or
 * {@link UnsafePbxValueException} when a value would break protocol framing (nothing is sent).
 */
public interface CallControl {

    String nodeId();

    /** {@code asterisk} or {@code freeswitch}. */
    String pbxType();

    boolean connected();

    CompletableFuture<PbxReply> execute(PbxCommand command, Duration deadline);

    /**
     * The node's current view of its agents (Asterisk QueueStatus members, mod_callcenter agent
     * list), as the state events the translator would have produced; used to resync after a
     * (re)connect or a restart.
     */
    CompletableFuture<List<AgentStateChanged>> agentStates(Duration deadline);

    /**
     * The channels up on the node right now (Asterisk CoreShowChannels, FreeSWITCH
     * {@code show channels as json}). The collectors take such a snapshot themselves after every
     * (re)login and hand it to the call model (docs/recovery.md); this is the same read on demand.
     */
    CompletableFuture<List<LiveChannel>> liveChannels(Duration deadline);

    /** Runs {@code listener} (off the PBX reader thread) after every successful (re)login. */
    void onConnected(Runnable listener);
}
