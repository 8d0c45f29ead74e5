package io.switchboard.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** What every outgoing channel counts: messages handed on, and messages it could not keep up with. */
record ChannelMeters(Counter sent, Counter dropped) {

    static ChannelMeters register(MeterRegistry registry, String channel) {
        return new ChannelMeters(
                Counter.builder("switchboard.push.messaging.sent").tag("channel", channel)
                        .description("Messages handed to a channel with a consumer attached").register(registry),
                Counter.builder("switchboard.push.messaging.dropped").tag("channel", channel)
                        .description("Messages not handed to a channel because it could not keep up")
                        .register(registry));
    }
}
