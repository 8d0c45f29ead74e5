package io.switchboard.push;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The producing end of an outgoing channel, fed by one thread of ours. SmallRye only subscribes
 * to it when something consumes the channel (a connector or an in-process {@code @Incoming});
 * until then it is {@link State#UNCONNECTED} and messages are not even serialized. An injected
 * {@code Emitter} cannot do this: on a channel without a consumer its injection fails at startup.
 */
final class ChannelOutlet {

    enum State {
        /** Nothing consumes the channel. */
        UNCONNECTED,
        /** Consumers are attached but have not asked for more yet. */
        BUSY,
        OPEN
    }

    private final AtomicReference<MultiEmitter<? super Message<String>>> downstream = new AtomicReference<>();
    // BUFFER never buffers here: send() follows a state() of OPEN, and only one thread sends.
    // Broadcast here: SmallRye does not wrap a method returning a stream of messages itself,
    // and a connector and in-process consumers may all subscribe.
    private final Multi<Message<String>> stream = Multi.createFrom().<Message<String>>emitter(e -> {
        downstream.set(e);
        e.onTermination(() -> downstream.compareAndSet(e, null));
    }, BackPressureStrategy.BUFFER).broadcast().toAllSubscribers();

    Multi<Message<String>> stream() {
        return stream;
    }

    State state() {
        MultiEmitter<? super Message<String>> e = downstream.get();
        if (e == null || e.isCancelled()) {
            return State.UNCONNECTED;
        }
        return e.requested() > 0 ? State.OPEN : State.BUSY;
    }

    void send(Message<String> message) {
        MultiEmitter<? super Message<String>> e = downstream.get();
        if (e != null) {
            e.emit(message);
        }
    }
}
