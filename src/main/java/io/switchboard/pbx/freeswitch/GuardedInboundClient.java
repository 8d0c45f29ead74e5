package io.switchboard.pbx.freeswitch;

import io.netty.channel.Channel;
import link.thingscloud.freeswitch.esl.inbound.NettyInboundClient;
import link.thingscloud.freeswitch.esl.inbound.handler.InboundChannelHandler;
import link.thingscloud.freeswitch.esl.inbound.option.InboundClientOption;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The thingscloud inbound client with an {@link EslFrameGuard} in front of its decoder on every
 * connection. A fresh instance per node: {@code InboundClient.newInstance} keeps one per JVM.
 */
final class GuardedInboundClient extends NettyInboundClient {

    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    private static final Field CHANNEL = channelField();

    private final LongAdder malformed;
    private final Consumer<Map<String, String>> events;
    private final Runnable authenticated;

    /** @param authenticated runs once a connection is logged in and subscribed (on the client's executor) */
    GuardedInboundClient(InboundClientOption option, LongAdder malformed, Consumer<Map<String, String>> events,
                         Runnable authenticated) {
        super(option);
        this.malformed = malformed;
        this.events = events;
        this.authenticated = authenticated;
    }

    /**
     * The client reports a connection open before it has logged in; commands sent then are
     * refused. Its auth handler logs in and subscribes synchronously and throws on a refused
     * password, so returning from it means the connection is ready for commands.
     */
    @Override
    public void handleAuthRequest(String addr, InboundChannelHandler handler) {
        super.handleAuthRequest(addr, handler);
        authenticated.run();
    }

    @Override
    public void onChannelActive(String remoteAddr, InboundChannelHandler handler) {
        // runs inside channelActive on the channel's event loop, before any byte is read
        try {
            Channel channel = (Channel) CHANNEL.get(handler);
            if (channel.pipeline().get("decoder") != null) {
                channel.pipeline().addBefore("decoder", "frameGuard",
                        new EslFrameGuard(MAX_HEADER_BYTES, MAX_BODY_BYTES, malformed, events));
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach the ESL connection to guard it", e);
        }
        super.onChannelActive(remoteAddr, handler);
    }

    /** The client keeps its Netty channel private; the guard needs the pipeline. */
    private static Field channelField() {
        try {
            Field f = InboundChannelHandler.class.getDeclaredField("channel");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
